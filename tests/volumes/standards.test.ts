/**
 * GB/T 9705 forms read back from the PDF (issue 15): the 案卷封面 with every field (类目名称 from the settings or the
 * volume), the 卷脊 strip, the 卷内目录's 文号 (a return's own number, never the notice's), and a volume split at
 * its page limit: each 卷's 目录 and 备考表 number its own 件 from 1 and say 本卷为第 k 卷，共 n 卷.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { extractMeta, findDocNo } from '../../core/imports/parse/layout';
import { updateReturn } from '../../core/returns/editing';
import { getReturn, registerReturn } from '../../core/returns/service';
import { updateSettings } from '../../core/settings/service';
import { createVolume, exportSpine, exportVolume } from '../../core/volumes';
import { spineWidth } from '../../core/volumes/layout/spine';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfPageCount } from '../helpers/pdf';
import { pageText, pageWords } from './inspect';
import { addPledges, baseData, type Base } from './seed';

const SHOTS = path.resolve(__dirname, '..', 'screenshots', 'archive');
const flat = (s: string) => s.replace(/\s+/g, '');
const MM = 72 / 25.4;

/** Renders page `page` of a PDF to tests/screenshots/archive/<name>.png (to look at; the assertions read text). */
function shot(file: string, page: number, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    path.join(SHOTS, name),
  ]);
}

let ctx: TestCtx;
let b: Base;
beforeAll(() => {
  ctx = makeCtx();
  b = baseData(ctx);
  updateSettings(ctx, { categoryName: '安全生产' });
});
afterAll(() => ctx.close());

describe('案卷封面, 卷内目录 文号, 卷脊', () => {
  it('prints every GB/T 9705 cover field, the returns’ own 文号 (not the notice’s) and a spine strip', async () => {
    const own = registerReturn(ctx, {
      noticeId: b.campaign.id,
      unitId: b.shenhou.id,
      kind: 'report',
      receivedDate: '2024-01-20',
      title: '神垕镇关于安全生产回头看工作开展情况的报告',
      ownDocNo: '神政〔2024〕12号',
    });
    expect(getReturn(ctx, own.id)).toMatchObject({ ownDocNo: '神政〔2024〕12号', docNo: '禹安办〔2024〕1号' });
    const none = registerReturn(ctx, {
      noticeId: b.campaign.id,
      unitId: b.fangshan.id,
      kind: 'report',
      receivedDate: '2024-01-22',
      title: '方山镇回头看工作报告',
    });
    // editable afterwards (the return form), through the IPC channel as the form sends it
    const upd = await dispatch(ctx, 'returns:update', { id: none.id, patch: { ownDocNo: '方政文〔2024〕3号' } });
    expect(upd.ok).toBe(true);
    updateReturn(ctx, none.id, { ownDocNo: '' });
    expect(getReturn(ctx, none.id).ownDocNo).toBeNull();

    const v = createVolume(ctx, {
      selection: { kinds: ['return'], noticeId: b.campaign.id },
      title: '神垕镇方山镇安全生产回头看报送材料',
      categoryName: '安全生产（专项整治）',
      secrecy: '内部',
      duplex: false,
      checker: '王检查',
    });
    expect(v).toMatchObject({ year: 2024, categoryName: '安全生产（专项整治）' });
    const out = path.join(ctx.tmp, '报送.pdf');
    const r = await exportVolume(ctx, v.id, out);
    const cover = flat(pageText(out, 1));
    for (const s of [
      '全宗名称禹州市安全生产委员会办公室',
      '类目名称安全生产（专项整治）',
      '案卷题名神垕镇方山镇安全生产回头看报送材料',
      '起止日期2024年1月20日至2024年1月22日',
      '卷内件数2件',
      `卷内页数${r.volumes[0]!.itemPages}页`,
      '保管期限定期30年',
      '密级内部',
      '档号A012-WS·2024-D30-0001',
    ])
      expect(cover).toContain(s);
    expect(cover).not.toContain('卷次'); // one 卷: no 本卷为第…卷
    const catalog = flat(pageText(out, 2));
    expect(catalog).toContain('卷内目录');
    expect(catalog).toContain('神政〔2024〕12号');
    expect(catalog).not.toContain('禹安办〔2024〕1号'); // the county notice's number is not the report's
    shot(out, 1, '案卷封面');
    shot(out, 2, '卷内目录');
    shot(out, pdfPageCount(out), '卷内备考表');

    // the volume's own 类目名称 wins; a new volume takes the setting's
    const spine = path.join(ctx.tmp, '卷脊.pdf');
    const s = await exportSpine(ctx, v.id, spine);
    expect(s).toEqual({ file: spine, strips: 1 });
    const text = flat(pageText(spine, 1));
    for (const part of ['档号', 'A012', 'WS·2024', 'D30', '0001', '年度', '2024', '保管期限', '定期30年'])
      expect(text).toContain(part);
    expect(text).toContain('神垕镇方山镇安全生产回头看报送材料'); // vertical: one character a line, top to bottom
    // the strip: 20 mm wide (a thin 卷), 10 mm from the left edge; every word inside it
    expect(spineWidth(Math.ceil(r.pages))).toBe(20);
    const words = pageWords(spine)[0]!.words;
    expect(words.length).toBeGreaterThan(20);
    for (const w of words) {
      expect(w.x0).toBeGreaterThanOrEqual(10 * MM - 0.5);
      expect(w.x1).toBeLessThanOrEqual(30 * MM + 0.5);
    }
    shot(spine, 1, '卷脊');
    expect(spineWidth(900)).toBe(50);
    expect(spineWidth(300)).toBe(40);
  });

  it('reads a return’s own 文号 from the lines above an imported table', () => {
    expect(findDocNo(['神垕镇安全生产自查报告', '文号：神政〔2024〕12号'])).toBe('神政〔2024〕12号');
    expect(findDocNo(['神政[2024]7号'])).toBe('神政〔2024〕7号');
    expect(findDocNo(['神垕镇2024年第一季度隐患排查台账'])).toBeNull();
    const meta = extractMeta(
      ['神政〔2024〕12号', '神垕镇安全生产自查报告', '填报单位：神垕镇人民政府'],
      [],
      '神垕镇.xlsx',
    );
    expect(meta).toMatchObject({ docNo: '神政〔2024〕12号', title: '神垕镇安全生产自查报告' });
  });
});

describe('a volume split at its page limit', () => {
  it('numbers each 卷’s 件 from 1 in its 目录 and 备考表, and says 本卷为第 k 卷，共 n 卷 on cover and 备考表', async () => {
    const c = makeCtx();
    try {
      const b2 = baseData(c);
      // 25 明白书 without scans: one page each, and each a 缺漏 the 备考表 lists (by its 件 number)
      await addPledges(c, b2, 25, { scans: Array.from({ length: 25 }, () => []) });
      const v = createVolume(c, {
        selection: { kinds: ['pledge'] },
        pageLimit: 10,
        duplex: false,
        title: '明白书汇编',
      });
      const out = path.join(c.tmp, '汇编.pdf');
      const res = await exportVolume(c, v.id, out);
      expect(res.volumes.map((x) => x.items)).toEqual([10, 10, 5]);
      for (const [i, part] of res.volumes.entries()) {
        const k = i + 1;
        const last = pdfPageCount(part.file);
        const cover = flat(pageText(part.file, 1));
        expect(cover).toContain(`卷次本卷为第${k}卷，共3卷`);
        expect(cover).toContain(`卷内件数${part.items}件`);
        // 目录: 顺序号 1…n of this 卷 (raw text: a row's cells in order, 顺序号 then 责任者)
        const raw = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-raw', '-enc', 'UTF-8', part.file, '-'], {
          encoding: 'utf8',
        });
        const seqs = [...raw.matchAll(/(?:^|\n)(\d{1,3})\n王建国、/g)].map((m) => Number(m[1]));
        expect(seqs).toEqual(Array.from({ length: part.items }, (_, j) => j + 1));
        // the 备考表 (its last pages, after the 目录 and the 件): the only place 第 N 件“…” is written
        const note = Array.from({ length: last - 2 - part.itemPages }, (_, j) =>
          flat(pageText(part.file, 3 + part.itemPages + j)),
        ).join('');
        expect(note).toContain('卷内备考表');
        expect(note).toContain(`本卷为第${k}卷，共3卷（档号A012-WS·2024-D30-0001至A012-WS·2024-D30-0003）`);
        expect(note).toContain(`本卷共有文件${part.items}件`);
        const cited = [...note.matchAll(/第(\d+)件“/g)].map((m) => Number(m[1]));
        expect(cited).toEqual(Array.from({ length: part.items }, (_, j) => j + 1)); // never 第 11 件 in a 10-件 卷
        if (k === 3) shot(part.file, last, '卷内备考表-分卷');
      }
    } finally {
      c.close();
    }
  });
});
