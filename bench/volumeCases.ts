/**
 * Archive-volume cases (issue 7): the app's export of a ~500-page 案卷 with 200 bound-in scanned pages, and the
 * bare-library baselines it is measured against — pdfkit laying out the same generated pages (the Chinese font,
 * with and without OpenType shaping, and the same layout in Helvetica) and pdf-lib binding the same scans.
 *
 * Data (seeded, built by `volume-setup`, not timed): 200 明白书 and a hazard ledger of `hazards` rows (one
 * landscape extract), so about 300 generated pages; scans on the first `scans` 明白书, half of them a distinct
 * JPEG (A4 at 150 dpi), half a distinct one-page scanned PDF. The generated pages are the same whatever the
 * number of scans, so the 0-, 100- and 200-scan exports differ only by the scans.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument as LibDocument } from '@cantoo/pdf-lib';
import { eq } from 'drizzle-orm';
import { pdfkit } from '../core/platform/lazyLibs';
import { volumes } from '../db/schema';
import { openContext } from '../core/platform/context';
import { storeScan } from '../core/attachments/service';
import { createHazardThrough } from '../core/hazards/editing';
import { createNotice } from '../core/notices/service';
import { createPledge } from '../core/pledges/editing';
import { updateSettings } from '../core/settings/service';
import { createUnit } from '../core/units/service';
import { planFonts } from '../core/pdf/fontFiles';
import { createVolume, exportVolume, getVolume } from '../core/volumes';
import { collectItem } from '../core/volumes/collect';
import { FRONT } from '../core/volumes/layout/front';
import { A4, MM, type Op } from '../core/volumes/layout/ops';
import { itemPages, planVolume } from '../core/volumes/plan';
import { metricsDoc } from '../core/volumes/render/render';
import { probeScan, type ScanProbe } from '../core/volumes/scans/scans';
import { headerOf } from '../core/volumes/rows';
import type { ItemSpec } from '../core/volumes/types';
import { rng, TOWNSHIPS } from './generate';

type Args = Record<string, unknown>;
type Result = Record<string, unknown>;

const NOW = new Date('2025-12-15T02:00:00Z');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const open = (dir: string) => openContext(dir, { actor: '基准测试', now: () => NOW });
const fixture = (name: string) => path.join(process.cwd(), 'tests', 'fixtures', 'scans', name);
const resourcesFont = (name: string) => path.join(process.cwd(), 'resources', 'fonts', name);
// The bundle runs from a temp directory (cwd: the project): where the app finds its fonts.
process.env.ANWEI_RESOURCES ??= path.join(process.cwd(), 'resources');

/** A page of the generated part as the bare baselines draw it. */
interface BarePage {
  landscape: boolean;
  /** Offset of the content box (mm). */
  ox: number;
  oy: number;
  ops: Op[];
}

const PEOPLE = [
  '刘志强',
  '王秀英',
  '李建军',
  '张丽华',
  '陈国平',
  '杨桂兰',
  '赵卫东',
  '黄晓燕',
  '周海涛',
  '吴淑芬',
  '孙春生',
  '马玉兰',
];
const TITLES = [
  '副镇长',
  '镇党委副书记',
  '安监站站长',
  '派出所所长',
  '财政所所长',
  '村党支部书记',
  '企业负责人',
  '副局长',
];
const SUFFIXES = [
  '液化气站',
  '化工有限公司',
  '建筑工程有限公司',
  '运输有限公司',
  '商贸城',
  '机械制造有限公司',
  '钧瓷厂',
  '木业有限公司',
  '污水处理厂',
  '超市',
  '石料厂',
  '中心学校',
];
const BRANDS = [
  '鑫源',
  '华盛',
  '恒达',
  '永安',
  '瑞丰',
  '宏图',
  '钧艺',
  '嵩阳',
  '豫钧',
  '垕土',
  '颍河',
  '中原',
  '禹都',
  '金鼎',
  '祥和',
];
const INDUSTRIES = [
  '燃气',
  '危化品',
  '建筑施工',
  '交通运输',
  '消防',
  '特种设备',
  '工贸',
  '粉尘涉爆',
  '有限空间',
  '商贸',
  '矿山',
  '教育',
];
const DESCRIPTIONS = [
  '液化石油气钢瓶未使用防倾倒链固定，现场责令立即整改',
  '疏散通道堆放杂物，安全出口被锁闭',
  '消防设施损坏，灭火器过期失效，室内消火栓无水',
  '配电箱未设置漏电保护装置，电线私拉乱接',
  '有限空间作业未执行先通风、再检测、后作业',
  '除尘系统未设置泄爆装置，粉尘清扫制度未落实',
  '塔吊限位装置失效，脚手架连墙件设置不足',
  '危险化学品仓库超量储存，未设置防爆电气',
  '机械设备传动部位防护罩缺失',
  '窑炉燃气管道未设置紧急切断阀，存在较大安全风险',
];
const MEASURES = [
  '加装防倾倒链并培训',
  '清理通道杂物，拆除安全出口门锁',
  '更换灭火器，维修室内消火栓系统',
  '立即更换合格配电箱，规范线路敷设',
  '配备气体检测仪，制定有限空间作业审批制度',
  '加装泄爆片，落实定期清扫制度',
  '更换限位器并复检，按方案补设连墙件',
  '清理超量物料，更换防爆灯具',
  '加装防护罩',
  '加装紧急切断阀',
];

/** A distinct copy of a JPEG: a comment segment after the SOI marker. */
function distinctJpeg(src: Buffer, tag: string): Buffer {
  const note = Buffer.from(tag, 'latin1');
  return Buffer.concat([src.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, note.length + 2]), note, src.subarray(2)]);
}

/** The bundled font, the Latin font, and where a frame's content box starts (as render.ts paints it). */
function barePages(parts: ReturnType<typeof planVolume>): BarePage[] {
  const out: BarePage[] = [];
  for (const part of parts) {
    part.pages.forEach((pg, i) => {
      const front = i % 2 === 0;
      const left = front ? 28 : 20;
      if (pg.type === 'front') out.push({ landscape: pg.laid.landscape, ox: left, oy: FRONT.top, ops: pg.laid.ops });
      else if (pg.type === 'sheet')
        out.push({
          landscape: pg.laid.landscape,
          ox: pg.laid.landscape ? 20 : left,
          oy: pg.laid.landscape ? left : 35,
          ops: pg.laid.ops,
        });
    });
  }
  return out;
}

export const volumeCases: Record<string, (a: Args) => Promise<Result> | Result> = {
  /**
   * A data directory for the volume cases: 200 明白书, `hazards` hazards, scans on the first `scans` 明白书 (half
   * JPEG, half one-page PDF), a draft volume of all of it in one 卷. With `planFile`, also writes the generated
   * pages as drawing ops (for the bare pdfkit cases) and `scanList`, the scan files (for the bare pdf-lib case).
   */
  async 'volume-setup'(a) {
    const t = performance.now();
    const dir = String(a.dir);
    const nScans = Number(a.scans ?? 200);
    const nPledges = Number(a.pledges ?? 200);
    const nHazards = Number(a.hazards ?? 1000);
    const r = rng(20250107);
    const ctx = open(dir);
    updateSettings(ctx, { fondsCode: 'A012', fondsName: '禹州市安全生产委员会办公室', clerkName: '孙立卷' });
    const towns = TOWNSHIPS.slice(0, 8).map((name) =>
      createUnit(ctx, { name, kind: name.endsWith('街道') ? '街道' : '乡镇' }),
    );
    const notice = createNotice(ctx, {
      docNo: '禹安〔2024〕1号',
      title: '关于开展安全生产对话谈心活动的通知',
      issuedOn: '2024-01-05',
      deadline: '2024-01-30',
    });
    const jpg = fs.readFileSync(fixture('mingbaishu-scan.jpg'));
    const report = await LibDocument.load(fs.readFileSync(fixture('zicha-baogao-3pages.pdf')));
    const tmp = path.join(dir, 'scan-src');
    fs.mkdirSync(tmp, { recursive: true });
    for (let i = 0; i < nPledges; i++) {
      const ids: number[] = [];
      if (i < nScans / 2) {
        const f = path.join(tmp, `明白书扫描件${i + 1}.jpg`);
        fs.writeFileSync(f, distinctJpeg(jpg, `scan ${i}`));
        ids.push((await storeScan(ctx, f)).id);
      } else if (i < nScans) {
        const one = await LibDocument.create();
        const [page] = await one.copyPages(report, [i % 3]);
        one.addPage(page!);
        one.setTitle(`明白书扫描件 ${i}`);
        one.setCreationDate(NOW);
        one.setModificationDate(NOW);
        const f = path.join(tmp, `明白书扫描件${i + 1}.pdf`);
        fs.writeFileSync(f, await one.save());
        ids.push((await storeScan(ctx, f)).id);
      }
      createPledge(ctx, {
        noticeId: notice.id,
        level: (i % 4) + 1,
        talkerName: r.pick(PEOPLE),
        talkerTitle: '镇党委书记',
        talkeeName: `${r.pick(PEOPLE)}${i}`,
        talkeeUnitId: towns[i % towns.length]!.id,
        talkeeTitle: r.pick(TITLES),
        talkDate: `2024-0${1 + (i % 9)}-${String(10 + (i % 18)).padStart(2, '0')}`,
        signed: true,
        signedDate: `2024-0${1 + (i % 9)}-${String(10 + (i % 18)).padStart(2, '0')}`,
        custody: '乡镇安委办留存原件',
        notes: i % 5 === 0 ? '谈话内容已记录在案，谈话对象已签字确认并承诺履行安全生产“一岗双责”' : null,
        attachmentIds: ids,
      });
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    for (let i = 0; i < nHazards; i++) {
      const town = r.pick(towns);
      const k = r.int(0, DESCRIPTIONS.length - 1);
      const found = `2024-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const status = r.pick(['未整改', '整改中', '整改中', '已整改'] as const);
      createHazardThrough(ctx, {
        enterpriseName: `禹州市${town.name.replace(/(镇|乡|街道)$/, '')}${r.pick(BRANDS)}${r.pick(SUFFIXES)}`,
        townshipUnitId: town.id,
        industry: r.pick(INDUSTRIES),
        description: DESCRIPTIONS[k]!,
        foundDate: found,
        level: r.chance(0.05) ? '重大' : '一般',
        responsibleUnit: '企业安全管理部',
        responsiblePerson: r.pick(PEOPLE),
        measures: MEASURES[k]!,
        fundsFen: r.int(0, 5_000_000),
        deadlineDate: found.replace(/^2024/, '2025'),
        emergencyPlan: r.chance(0.5) ? '已制定' : null,
        status,
        completedDate: status === '已整改' ? found.replace(/^2024/, '2025') : null,
      });
    }
    const v = createVolume(ctx, {
      title: '2024年度安全生产责任明白书及隐患排查治理台账',
      selection: { kinds: ['pledge', 'hazard'] },
      pageLimit: 2000,
      year: 2024,
    });
    const out: Result = { ms: performance.now() - t, volumeId: v.id, items: v.items.length };
    if (a.planFile) {
      // The app's own plan of the volume (what exportVolume lays out), for the bare cases.
      const row = ctx.db.select().from(volumes).where(eq(volumes.id, v.id)).get()!;
      const view = getVolume(ctx, v.id);
      const datas = view.items.map((it) =>
        collectItem(ctx, {
          kind: it.kind,
          recordId: it.recordId,
          params: it.params ? JSON.parse(it.params) : null,
        } as ItemSpec),
      );
      const probes = new Map<number, ScanProbe>();
      for (const d of datas) for (const s of d.scans) probes.set(s.attachmentId, await probeScan(ctx, s));
      const m = metricsDoc(planFonts());
      const parts = planVolume(m, {
        header: headerOf(row),
        items: datas.map((data, position) => ({ position, data })),
        probes,
        check: { checkedAt: NOW.toISOString(), ok: true, errors: 0, warnings: 0, problems: [] },
        compiledDate: '2025-12-15',
        itemPages: datas.map((d) => itemPages(m, d, probes)),
      });
      const pages = barePages(parts);
      fs.writeFileSync(String(a.planFile), JSON.stringify(pages));
      const scanList = [...probes.values()].map((p) => ({ file: p.file, kind: p.kind, pages: p.pages.length }));
      fs.writeFileSync(String(a.scanList), JSON.stringify(scanList));
      Object.assign(out, {
        generatedPages: pages.length,
        scanPages: scanList.reduce((n, s) => n + s.pages, 0),
        totalPages: parts.reduce((n, p) => n + p.pages.length, 0),
        characters: pages.reduce(
          (n, p) => n + p.ops.reduce((k, o) => k + (o.t === 'text' ? [...o.text].length : 0), 0),
          0,
        ),
      });
    }
    ctx.opened.close();
    return out;
  },

  /** The app's export of the volume: exportVolume end to end (read, probe, lay out, draw, bind, write, hash). */
  async 'volume-export'(a) {
    const ctx = open(String(a.dir));
    const out = String(a.out);
    const c = cpuMs();
    const t = performance.now();
    const r = await exportVolume(ctx, Number(a.volumeId), out);
    const ms = performance.now() - t;
    const cpu = cpuMs() - c;
    const bytes = fs.statSync(r.file).size;
    if (!a.keep) fs.rmSync(r.file, { force: true });
    ctx.opened.close();
    const itemPages = r.volumes.reduce((n, p) => n + p.itemPages, 0);
    return { ms, cpuMs: cpu, pages: r.pages, itemPages, items: r.items, parts: r.volumes.length, bytes };
  },

  /**
   * Bare pdfkit: the same generated pages (the app's plan, as drawing ops) laid out with plain doc.text calls in
   * one font, no per-character fallback. `font`: 'cjk' (the bundled Chinese font) or 'helvetica' (the same
   * layout with every character replaced by a Latin letter); `shaping`: pdfkit's default OpenType features, or
   * `features: []`.
   */
  async 'volume-bare-pdfkit'(a) {
    const pages = JSON.parse(fs.readFileSync(String(a.planFile), 'utf8')) as BarePage[];
    const helvetica = a.font === 'helvetica';
    const latin = (s: string) =>
      [...s].map((ch) => (ch === ' ' ? ' ' : String.fromCharCode(97 + (ch.codePointAt(0)! % 26)))).join('');
    if (helvetica) for (const p of pages) for (const o of p.ops) if (o.t === 'text') o.text = latin(o.text);
    const c = cpuMs();
    const t = performance.now();
    const doc = new (pdfkit())({ autoFirstPage: false, size: 'A4', margin: 0 });
    const stream = fs.createWriteStream(String(a.out));
    doc.pipe(stream);
    doc.font(helvetica ? 'Helvetica' : resourcesFont('DroidSansFallbackFull.ttf'));
    const opts = {
      lineBreak: false,
      baseline: 'alphabetic',
      ...(a.shaping ? {} : { features: [] }),
    } as PDFKit.Mixins.TextOptions;
    let glyphs = 0;
    for (const p of pages) {
      doc.addPage({ size: 'A4', margin: 0 });
      if (p.landscape) {
        doc.save();
        doc.transform(0, -1, 1, 0, 0, A4.h * MM);
      }
      for (const o of p.ops) {
        if (o.t === 'text') {
          if (!o.text) continue;
          glyphs += o.text.length;
          doc.fontSize(o.size).text(o.text, (p.ox + o.x) * MM, (p.oy + o.y) * MM, opts);
        } else if (o.t === 'line') {
          doc
            .moveTo((p.ox + o.x1) * MM, (p.oy + o.y1) * MM)
            .lineTo((p.ox + o.x2) * MM, (p.oy + o.y2) * MM)
            .lineWidth(o.w)
            .stroke();
        } else {
          doc
            .rect((p.ox + o.x) * MM, (p.oy + o.y) * MM, o.w * MM, o.h * MM)
            .lineWidth(o.lw)
            .stroke();
        }
      }
      if (p.landscape) doc.restore();
    }
    doc.end();
    await new Promise<void>((resolve, reject) => stream.on('finish', resolve).on('error', reject));
    const ms = performance.now() - t;
    const cpu = cpuMs() - c;
    const bytes = fs.statSync(String(a.out)).size;
    fs.rmSync(String(a.out), { force: true });
    return { ms, cpuMs: cpu, pages: pages.length, glyphs, bytes };
  },

  /** Bare pdf-lib: the same scans bound into one document, one page each (JPEGs embedded, PDF pages copied). */
  async 'volume-bare-pdflib'(a) {
    const scans = JSON.parse(fs.readFileSync(String(a.scanList), 'utf8')) as {
      file: string;
      kind: 'pdf' | 'image';
      pages: number;
    }[];
    const c = cpuMs();
    const t = performance.now();
    const doc = await LibDocument.create();
    let pages = 0;
    for (const s of scans) {
      const buf = await fs.promises.readFile(s.file);
      if (s.kind === 'image') {
        const img = await doc.embedJpg(buf);
        const page = doc.addPage([A4.w * MM, A4.h * MM]);
        const fit = img.scaleToFit(page.getWidth() - 40, page.getHeight() - 60);
        page.drawImage(img, { x: 20, y: 20, width: fit.width, height: fit.height });
        pages++;
      } else {
        const src = await LibDocument.load(buf);
        for (const p of await doc.copyPages(src, src.getPageIndices())) {
          doc.addPage(p);
          pages++;
        }
      }
    }
    const bytes = await doc.save({ useObjectStreams: true });
    await fs.promises.writeFile(String(a.out), bytes);
    const ms = performance.now() - t;
    const cpu = cpuMs() - c;
    fs.rmSync(String(a.out), { force: true });
    return { ms, cpuMs: cpu, pages, bytes: bytes.length };
  },
};
