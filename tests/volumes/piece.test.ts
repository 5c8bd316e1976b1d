/**
 * 按件归档 (DA/T 22-2015), issue 15: a volume row printed as a 档案盒. Read back with poppler: the 归档文件目录 rows
 * against the 归档章 and the 件's pages, the 档号 format and 4-digit 件号, the 盒内备考表, the 盒脊 label at true size;
 * 件号 assigned once (stable across exports, never reused after a 件 is taken out), 年度 from the document's date;
 * finalising without 全宗号 / 机构代码 refused with nothing changed; PDF/A still valid.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivePieces } from '../../db/schema';
import { pieceArchivalNo } from '../../core/domain/archiveMode';
import { AppError } from '../../core/platform/errors';
import { storeScan } from '../../core/attachments/service';
import { createPledge, updatePledge } from '../../core/pledges/editing';
import { createHazardThrough } from '../../core/hazards/editing';
import { checkVolume } from '../../core/volumes';
import { hazardInput } from '../helpers/hazard';
import { getSettings, updateSettings } from '../../core/settings/service';
import { createVolume, exportVolume, getVolume, sealVolume, updateVolume } from '../../core/volumes';
import { makeCtx, scan, tableCounts, type TestCtx } from '../helpers/ctx';
import { pdfText } from '../helpers/pdf';
import { preflight, preflightMissing } from '../helpers/preflight';
import { cornerNumber, pageWords } from './inspect';
import { addPledges, baseData, type Base } from './seed';

const MM = 72 / 25.4;
const SHOTS = path.resolve(__dirname, '..', 'screenshots', 'archive');
const DOC_NO = /^A012-WS·(\d{4})-(Y|D30|D10)-AW-(\d{4})$/;

let ctx: TestCtx;
let b: Base;
let old: ReturnType<typeof createPledge>;

const pieces = () =>
  ctx.db
    .select()
    .from(archivePieces)
    .all()
    .map((r) => ({ ...r, no: pieceArchivalNo({ ...r, categoryCode: 'WS' }) }));

/** Text of each page (form feed separated), whitespace removed. */
const pagesOf = (file: string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\f')
    .map((t) => t.replace(/\s+/g, ''));

/** MediaBox sizes (mm) of every page. */
const pageSizes = (file: string) =>
  pageWords(file).map((p) => ({ w: Math.round((p.width / MM) * 10) / 10, h: Math.round((p.height / MM) * 10) / 10 }));

beforeAll(async () => {
  ctx = makeCtx();
  b = baseData(ctx);
  updateSettings(ctx, { archiveMode: 'piece', orgCode: 'aw' });
  await addPledges(ctx, b, 3);
  // a 明白书 signed in 2023, exported in 2024: its 年度 is 2023
  old = createPledge(ctx, {
    noticeId: b.notice.id,
    level: 2,
    talkerName: '王建国',
    talkerTitle: '镇党委书记',
    talkeeName: '钱往年',
    talkeeUnitId: b.shenhou.id,
    talkeeTitle: '副镇长',
    talkDate: '2023-12-20',
    signed: true,
    signedDate: '2023-12-20',
  });
}, 600_000);
afterAll(() => ctx.close());

describe('settings', () => {
  it('stores the mode and the 机构（问题）代码 (upper-cased) and refuses a bad code or mode', () => {
    const s = getSettings(ctx);
    expect(s.archiveMode).toBe('piece');
    expect(s.orgCode).toBe('AW');
    const before = tableCounts(ctx);
    expect(() => updateSettings(ctx, { orgCode: 'A-W' })).toThrow(/机构（问题）代码/);
    expect(() => updateSettings(ctx, { archiveMode: 'box' as never })).toThrow(/归档方式/);
    expect(tableCounts(ctx)).toEqual(before);
    expect(getSettings(ctx).orgCode).toBe('AW');
  });
});

describe('refusal without 全宗号 / 机构代码', () => {
  it('装盒 is refused with a message saying where to set them; nothing is numbered, sealed or written', async () => {
    const v = createVolume(ctx, { selection: { kinds: ['pledge'] }, title: '明白书', checker: '周检查' });
    for (const patch of [{ orgCode: '' }, { fondsCode: '' }]) {
      const saved = getSettings(ctx);
      updateSettings(ctx, patch);
      const before = tableCounts(ctx);
      const out = path.join(ctx.tmp, `refused-${Object.keys(patch)[0]}.pdf`);
      const e = await sealVolume(ctx, v.id, out).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION');
      expect((e as AppError).message).toMatch(/不能装盒/);
      expect((e as AppError).message).toMatch(/设置 → 单位与经办人/);
      expect((e as AppError).message).toMatch(patch.orgCode === '' ? /机构（问题）代码/ : /全宗号/);
      expect(tableCounts(ctx)).toEqual(before);
      expect(fs.existsSync(out)).toBe(false);
      expect(getVolume(ctx, v.id).status).toBe('draft');
      updateSettings(ctx, { fondsCode: saved.fondsCode, orgCode: saved.orgCode });
    }
    expect(pieces()).toEqual([]);
    updateVolume(ctx, v.id, { title: '明白书（草稿）' });
  });
});

describe('a box', () => {
  let file: string;
  let file2023: string;
  let pages: string[];
  let id: number;
  const boxNo = (k: number) => String(getVolume(ctx, id).volumeNo + k).padStart(4, '0');

  beforeAll(async () => {
    const v = createVolume(ctx, {
      selection: { kinds: ['pledge'] },
      title: '2024年度安全生产对话谈心明白书',
      checker: '周检查',
      creator: '孙立卷',
      compiledDate: '2024-05-30',
      // the records are in the refused draft above: the same selection would re-open it, so a new box is asked for
      newVolume: true,
    });
    id = v.id;
    // one box per 年度: the 2023 件 in the first, 2024's in the second
    const r = await exportVolume(ctx, v.id, path.join(ctx.tmp, '档案盒.pdf'));
    expect(r.volumes.map((x) => path.basename(x.file))).toEqual(['档案盒-第1盒.pdf', '档案盒-第2盒.pdf']);
    expect(r.volumes.map((x) => x.items)).toEqual([1, 3]);
    [file2023, file] = r.volumes.map((x) => x.file) as [string, string];
    pages = pagesOf(file);
  }, 600_000);

  it('numbers each 件 once per 年度–保管期限–机构, 年度 from the document date, 档号 A012-WS·年度-D30-AW-0000', () => {
    const rows = pieces();
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.no).toMatch(DOC_NO);
    const of2023 = rows.filter((r) => r.year === 2023);
    expect(of2023.map((r) => [r.recordKey, r.pieceNo])).toEqual([[String(old.id), 1]]);
    expect(
      rows
        .filter((r) => r.year === 2024)
        .map((r) => r.pieceNo)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(new Set(rows.map((r) => r.boxId))).toEqual(new Set([id]));
    const view = getVolume(ctx, id);
    expect(view.archiveMode).toBe('piece');
    expect(view.items.map((i) => i.pieceArchivalNo).sort()).toEqual(rows.map((r) => r.no).sort());
  });

  it('prints the 归档文件目录: one row per 件 in 件号 order, columns 件号 责任者 文号 题名 日期 页数 备注', () => {
    const dir = pages[0]!;
    expect(dir).toContain('归档文件目录');
    // the header row, left to right (read by position: an empty 文号 column changes pdftotext's reading order)
    const page = pageWords(file)[0]!.words;
    const labels = ['件号', '责任者', '文号', '题名', '日期', '页数', '备注'];
    const head = page.filter((w) => labels.includes(w.text));
    expect(head.map((w) => w.text)).toHaveLength(labels.length);
    expect(Math.max(...head.map((w) => w.y0)) - Math.min(...head.map((w) => w.y0))).toBeLessThan(1);
    expect([...head].sort((x, y) => x.x0 - y.x0).map((w) => w.text)).toEqual(labels);
    expect(dir).toContain('全宗号：A012');
    expect(dir).toContain('机构（问题）：AW');
    expect(dir).toContain('年度：2024');
    expect(dir).toContain(`盒号：${boxNo(1)}`);
    const dir2023 = pagesOf(file2023)[0]!;
    expect(dir2023).toContain('年度：2023');
    expect(dir2023).toContain(`盒号：${boxNo(0)}`);
    expect(dir2023).toMatch(/0001.*20231220/);
    // rows in 件号 order: the 2023 件 (0001 of 2023) first, then 2024's 0001–0003
    // the table's columns (mm from the page's left: 28 binding margin, then 件号 14, …, 日期 18, 页数 10)
    const words = pageWords(file)[0]!.words.map((w) => ({
      ...w,
      x: (w.x0 + w.x1) / 2 / MM,
      y: (w.y0 + w.y1) / 2 / MM,
    }));
    const col = (from: number, to: number, re: RegExp) =>
      words.filter((w) => w.x > 28 + from && w.x < 28 + to && re.test(w.text) && w.y > 40).sort((a, b) => a.y - b.y);
    const nos = col(0, 14, /^\d{4}$/);
    const dates = col(122, 140, /^\d{8}$/);
    const counts = col(140, 150, /^\d+$/);
    const rows = nos.map((n, i) => [n.text, dates[i]?.text, Number(counts[i]?.text)]);
    // a 明白书 has no 文号 of its own (the notice's is on its sheet): the 文号 column stays empty
    const inRows = (w: { y: number }) => w.y > nos[0]!.y - 4 && w.y < nos[nos.length - 1]!.y + 4;
    expect(col(39, 66, /./).filter(inRows)).toEqual([]);
    expect(col(66, 122, /明白书/).filter(inRows).length).toBeGreaterThan(0);
    expect(rows).toEqual([
      ['0001', '20240110', 2],
      ['0002', '20240111', 2],
      ['0003', '20240112', 2],
    ]);
    expect(dir).toContain('本盒共3件');
    expect(dir).not.toContain('卷内目录');
  });

  it('stamps each 件 (4-digit 件号, AW, 30年, its 页数) and numbers its pages from 1; the 目录 agrees', () => {
    const words = pageWords(file);
    const dirRows = pages[0]!;
    const firsts: { page: number; no: string; pages: number }[] = [];
    words.forEach((p, i) => {
      const stamp = p.words.filter((w) => w.y1 < 35 * MM && w.x0 > p.width - 70 * MM);
      const t = stamp.map((w) => w.text).join(' ');
      const m = /A012 (\d{4}) (\d{4}) AW 30年 (\d+)/.exec(t);
      if (m) firsts.push({ page: i, no: `${m[1]}-${m[2]}`, pages: Number(m[3]) });
    });
    expect(firsts.map((f) => f.no)).toEqual(['2024-0001', '2024-0002', '2024-0003']);
    for (const [k, f] of firsts.entries()) {
      // page numbers 1…n within the 件
      for (let j = 0; j < f.pages; j++) expect(cornerNumber(words[f.page + j]!)?.n).toBe(j + 1);
      // the next 件 starts after this one's pages (and a blank for double-sided printing)
      const next = firsts[k + 1]?.page;
      if (next !== undefined) expect(next - f.page).toBe(f.pages + (f.pages % 2));
      // its 目录 row shows the same 页数
      expect(dirRows).toMatch(new RegExp(`${f.no.slice(5)}.*?${f.pages}`));
    }
    expect(pdfText(file)).not.toMatch(/\b\d{4}-\d{3}\b/);
  });

  it('prints the 盒内备考表 with 盒内文件情况说明, 整理人, 检查人, 日期', () => {
    const note = pages.find((t) => t.includes('盒内备考表'))!;
    expect(note).toContain('盒内文件情况说明');
    expect(note).toContain('本盒装有归档文件3件');
    expect(note).toContain('整理人：孙立卷');
    expect(note).toContain('检查人：周检查');
    expect(note).toContain('日期：2024年5月30日');
    expect(note).toContain('每件单独编页码');
    // problems name the 件 by its 件号, not by its place in the list
    const note2023 = pagesOf(file2023).find((t) => t.includes('盒内备考表'))!;
    expect(note2023).toMatch(/件号0001“神垕镇副镇长钱往年安全生产责任明白书（二级谈话）”：没有明白书扫描件/);
    expect(note2023).not.toMatch(/第\d+件/);
  });

  it('ends with the 盒脊 label on a page of its true size (width × 270 mm): 全宗号, 年度, 保管期限, 起止件号, 盒号', () => {
    const sizes = pageSizes(file);
    const last = sizes[sizes.length - 1]!;
    expect(last).toEqual({ w: 20, h: 270 });
    expect(sizes.slice(0, -1).every((s) => Math.abs(s.w - 210) < 0.2 && Math.abs(s.h - 297) < 0.2)).toBe(true);
    const spine = pages[sizes.length - 1]!;
    for (const s of ['全宗号', 'A012', '机构（问题）', 'AW', '年度', '2024', '保管期限', '30年', '起止件号', '盒号'])
      expect(spine).toContain(s);
    expect(spine).toMatch(new RegExp(`0001至0003盒号${boxNo(1)}`));
  });

  it('renders one page of each form for the eye (tests/screenshots/archive)', () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const shot = (page: number, name: string, dpi = 70) =>
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        String(dpi),
        '-f',
        String(page),
        '-l',
        String(page),
        '-singlefile',
        file,
        path.join(SHOTS, name),
      ]);
    const noteAt = pages.findIndex((t) => t.includes('盒内备考表')) + 1;
    const stampAt = pages.findIndex((t, i) => i > 0 && t.includes('A012') && t.includes('AW30年')) + 1;
    shot(1, '归档文件目录');
    shot(noteAt, '盒内备考表');
    shot(pageSizes(file).length, '盒脊', 100);
    shot(stampAt, '件首页_归档章');
    for (const n of ['归档文件目录', '盒内备考表', '盒脊', '件首页_归档章'])
      expect(fs.statSync(path.join(SHOTS, `${n}.png`)).size).toBeGreaterThan(2000);
  });

  it('the clerk picks the box width: 40 mm gives a 40 × 270 mm label', async () => {
    updateVolume(ctx, id, { spineWidth: 40 });
    const r = await exportVolume(ctx, id, path.join(ctx.tmp, '档案盒-40.pdf'));
    const sizes = pageSizes(r.volumes[1]!.file);
    expect(sizes[sizes.length - 1]).toEqual({ w: 40, h: 270 });
    expect(() => updateVolume(ctx, id, { spineWidth: 35 })).toThrow(/盒脊厚度/);
  });

  it('re-exports and a second box of the same records reuse the numbers', async () => {
    const before = pieces();
    await exportVolume(ctx, id, path.join(ctx.tmp, 'again.pdf'));
    const other = createVolume(ctx, {
      selection: { kinds: ['pledge'] },
      title: '再装一次',
      checker: '周检查',
      newVolume: true,
    });
    expect(other.id).not.toBe(id);
    await exportVolume(ctx, other.id, path.join(ctx.tmp, 'other.pdf'));
    expect(pieces().map((r) => [r.kind, r.recordKey, r.no])).toEqual(before.map((r) => [r.kind, r.recordKey, r.no]));
  });

  it('a 件 taken out keeps its number; a new record gets the next one, never the freed number', async () => {
    const v = getVolume(ctx, id);
    const out = v.items.find((i) => i.pieceArchivalNo?.endsWith('2024-D30-AW-0002'))!;
    updateVolume(ctx, id, {
      items: v.items.filter((i) => i !== out).map((i) => ({ kind: i.kind, recordId: i.recordId })),
    });
    const [fresh] = await addPledges(ctx, b, 1, { start: 7 });
    updateVolume(ctx, id, {
      items: [
        ...getVolume(ctx, id).items.map((i) => ({ kind: i.kind, recordId: i.recordId })),
        { kind: 'pledge', recordId: fresh!.id },
      ],
    });
    const f = (await exportVolume(ctx, id, path.join(ctx.tmp, 'after-removal.pdf'))).volumes[1]!.file;
    const rows = pieces();
    expect(rows.find((r) => r.recordKey === String(out.recordId))?.pieceNo).toBe(2);
    expect(rows.find((r) => r.recordKey === String(fresh!.id))?.no).toBe('A012-WS·2024-D30-AW-0004');
    const dir = pagesOf(f)[0]!;
    expect(dir).not.toMatch(/0002.{0,4}安全生产/);
    const note = pagesOf(f).find((t) => t.includes('盒内备考表'))!;
    expect(note).toContain('件号0002已编号但不在本盒');
  });

  it('装盒 (seal) keeps the mode; the stored box re-exports byte for byte', async () => {
    // the seal gate holds for 装盒 too: the 2023 明白书 has no scan (a 缺漏), so the box is not sealed
    const before = tableCounts(ctx);
    const refused = await sealVolume(ctx, id, path.join(ctx.tmp, 'refused-seal.pdf')).then(
      () => null,
      (x: unknown) => x as AppError,
    );
    expect(refused?.code).toBe('VALIDATION');
    expect(refused?.message).toMatch(
      /组卷检查还有 1 个缺漏，不能装盒：.*钱往年.*没有明白书扫描件.*未装盒，没有任何改动/,
    );
    expect(tableCounts(ctx)).toEqual(before);
    expect(fs.existsSync(path.join(ctx.tmp, 'refused-seal.pdf'))).toBe(false);
    expect(getVolume(ctx, id).status).toBe('draft');
    // the clerk adds the scan; what the check still warns about must be confirmed
    const jpg = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
    updatePledge(ctx, old.id, { attachmentIds: [jpg.id] });
    const shown = (await checkVolume(ctx, id)).problems;
    expect(shown.filter((x) => x.severity === 'error')).toEqual([]);
    // the box's own warning (2023 and 2024 件, boxed per 年度) is one the clerk confirms too
    expect(shown.filter((x) => x.severity === 'warning').map((x) => x.message)).toEqual([
      expect.stringMatching(/2023、2024 多个年度/),
    ]);
    const counts = tableCounts(ctx);
    await expect(sealVolume(ctx, id, path.join(ctx.tmp, 'sealed.pdf'))).rejects.toThrow(
      /组卷检查有 1 个提示需要确认：1\. 所选文件属于 2023、2024 多个年度.*--confirm-warnings.*未装盒/,
    );
    expect(tableCounts(ctx)).toEqual(counts);
    expect(getVolume(ctx, id).status).toBe('draft');
    const r = await sealVolume(ctx, id, path.join(ctx.tmp, 'sealed.pdf'), { confirmWarnings: true });
    expect(r.sealed).toBe(true);
    const v = getVolume(ctx, id);
    expect(v.status).toBe('sealed');
    expect(ctx.sqlite.prepare('select archive_mode m from volumes where id = ?').get(id)).toEqual({ m: 'piece' });
    updateSettings(ctx, { archiveMode: 'volume' });
    expect(getVolume(ctx, id).archiveMode).toBe('piece');
    const again = await exportVolume(ctx, id, path.join(ctx.tmp, 'sealed-again.pdf'));
    expect(again.sha256).toBe(r.sha256);
    updateSettings(ctx, { archiveMode: 'piece' });
  });
});

describe('drafts before the codes are set, and other kinds of 件', () => {
  it('a draft without 机构代码 prints provisional 件号 and registers nothing; the check says so and writes nothing', async () => {
    updateSettings(ctx, { orgCode: '' });
    try {
      await addPledges(ctx, b, 1, { start: 9 });
      const v = createVolume(ctx, {
        selection: { kinds: ['pledge'], year: 2024 },
        title: '临时',
        checker: '周检查',
        newVolume: true,
      });
      const before = tableCounts(ctx);
      const registered = pieces().length;
      const c = await checkVolume(ctx, v.id);
      expect(c.problems.find((p) => p.code === 'org-code')?.message).toMatch(
        /未设置机构（问题）代码.*设置 → 单位与经办人/,
      );
      expect(tableCounts(ctx)).toEqual(before);
      const r = await exportVolume(ctx, v.id, path.join(ctx.tmp, 'provisional.pdf'));
      expect(pieces()).toHaveLength(registered);
      // the new 明白书 is numbered in a series without 机构代码 (provisional), boxed apart; the others keep theirs
      const [provisional, kept] = r.volumes.map((x) => pagesOf(x.file)) as [string[], string[]];
      expect(provisional.find((t) => t.includes('盒内备考表'))).toContain('件号为临时编号');
      expect(provisional[0]).toContain('机构（问题）：（未设置）');
      expect(kept[0]).toContain('A012-WS·2024-D30-AW-0004');
    } finally {
      updateSettings(ctx, { orgCode: 'AW' });
    }
  });

  it('closure files and a ledger extract are 件 too: 年度 from the closure date, the extract keyed by its filter', async () => {
    createHazardThrough(
      ctx,
      hazardInput(b.shenhou.id, {
        status: '已验收销号',
        foundDate: '2023-11-05',
        deadlineDate: '2023-12-30',
        completedDate: '2023-12-20',
        acceptedBy: '李验收',
        acceptedDate: '2024-01-08',
      }),
    );
    const v = createVolume(ctx, { selection: { kinds: ['hazard', 'closure'] }, title: '隐患', checker: '周检查' });
    await exportVolume(ctx, v.id, path.join(ctx.tmp, 'hazards.pdf'));
    const rows = pieces().filter((r) => r.kind === 'closure' || r.kind === 'ledger');
    expect(rows.find((r) => r.kind === 'closure')?.year).toBe(2024);
    expect(rows.filter((r) => r.kind === 'ledger')).toHaveLength(1);
    expect(rows.find((r) => r.kind === 'ledger')?.recordKey).toMatch(/^ledger:[0-9a-f]{24}$/);
    for (const r of rows) expect(r.no).toMatch(DOC_NO);
    await exportVolume(ctx, v.id, path.join(ctx.tmp, 'hazards-2.pdf'));
    expect(pieces().filter((r) => r.kind === 'closure' || r.kind === 'ledger')).toEqual(rows);
  });
});

describe('long 题名', () => {
  it('wraps in the 归档文件目录 and is never cut', async () => {
    const long =
      '关于神垕镇副镇长刘志强与镇党委书记王建国开展安全生产对话谈心并签订安全生产责任明白书及整改落实情况的专项报告（含附件及照片）';
    const v = createVolume(ctx, {
      selection: { kinds: ['pledge'], year: 2024 },
      title: '长题名',
      checker: '周检查',
      newVolume: true,
    });
    const items = getVolume(ctx, v.id).items.map((i, k) => ({
      kind: i.kind,
      recordId: i.recordId,
      ...(k === 0 ? { title: long } : {}),
    }));
    updateVolume(ctx, v.id, { items });
    const f = path.join(ctx.tmp, 'long.pdf');
    await exportVolume(ctx, v.id, f);
    const raw = execFileSync('pdftotext', ['-raw', '-f', '1', '-l', '1', '-enc', 'UTF-8', f, '-'], {
      encoding: 'utf8',
    });
    expect(raw.replace(/\s+/g, '')).toContain(long);
    expect(raw).not.toContain('…');
    // on several lines of the 题名 column
    expect(raw.split('\n').filter((l) => long.includes(l.trim()) && l.trim().length > 4).length).toBeGreaterThan(2);
  });
});

describe('PDF/A', () => {
  const missing = preflightMissing();
  it.skipIf(!!missing)(
    'a box exported with PDF/A on passes PDFBox Preflight, 盒脊 page included',
    async () => {
      const v = createVolume(ctx, {
        selection: { kinds: ['pledge'], year: 2024 },
        title: '2024年度明白书（PDF/A）',
        checker: '周检查',
        pdfa: true,
        newVolume: true,
      });
      const f = path.join(ctx.tmp, 'pdfa-box.pdf');
      await exportVolume(ctx, v.id, f);
      const sizes = pageSizes(f);
      expect(sizes[sizes.length - 1]!.h).toBe(270);
      const r = preflight(f);
      expect(r.errors).toEqual([]);
      expect(r.valid).toBe(true);
    },
    600_000,
  );
});
