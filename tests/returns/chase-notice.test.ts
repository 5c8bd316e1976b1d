/**
 * The printed 催报通知 never cuts text: with unit names at the longest the directory allows (100 characters),
 * many materials, and a single row taller than a page, every word lies inside the printable area of its page
 * (read back with pdftotext -bbox), every unit name and material is printed whole, and the tall row's
 * 未交材料 cell, read down its column across the pages, is the complete text.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chasePdf } from '../../core/returns/chase';
import type { ChaseItem } from '../../core/returns/board';
import { pdfPageCount } from '../helpers/pdf';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-chase-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MM = 72 / 25.4;
const PAGE = { w: 595.28, h: 841.89 };
const MARGIN = { top: 30 * MM, bottom: 25 * MM, left: 28 * MM, right: 26 * MM };
const SCALE = (PAGE.w - MARGIN.left - MARGIN.right) / (146 * MM);
/** Column edges in pt, from the notice's layout (序号 10, 单位 19, 文号 30, 未交材料 40, 截止日期 30, 状态 17 mm). */
const EDGES = [10, 19, 30, 40, 30, 17].reduce<number[]>(
  (a, w) => [...a, a[a.length - 1]! + w * MM * SCALE],
  [MARGIN.left],
);

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

function words(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(
    /<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[0].startsWith('<page')) page++;
    else out.push({ page, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! });
  }
  return out;
}

const rawText = (file: string) =>
  execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

function expectInsidePrintableArea(ws: Word[]) {
  for (const w of ws) {
    const where = `page ${w.page} “${w.text}” at ${w.xMin.toFixed(1)},${w.yMin.toFixed(1)}–${w.xMax.toFixed(1)},${w.yMax.toFixed(1)}`;
    expect(w.xMin, where).toBeGreaterThanOrEqual(MARGIN.left - 0.5);
    expect(w.xMax, where).toBeLessThanOrEqual(PAGE.w - MARGIN.right + 0.5);
    expect(w.yMin, where).toBeGreaterThanOrEqual(MARGIN.top - 0.5 - 40); // the title sits in the top margin's last 40 pt
    expect(w.yMax, where).toBeLessThanOrEqual(PAGE.h - MARGIN.bottom + 0.5);
  }
}

const office = '禹州市安全生产委员会办公室';
const longName = (i: number) =>
  `禹州市${'褚河镇'.repeat(3)}第${i}安全生产网格化管理服务中心暨应急管理综合行政执法大队驻村（社区）工作站`.padEnd(
    100,
    '站',
  );

describe('催报通知 never cuts text', () => {
  it('100-character unit names and 80 materials: every word on its page, every name and material whole', async () => {
    const items: ChaseItem[] = Array.from({ length: 80 }, (_, i) => ({
      unitName: longName(i + 1),
      contact: null,
      phone: null,
      docNo: `禹安办〔2026〕${100 + i}号`,
      noticeTitle: '关于开展安全生产治本攻坚三年行动的通知',
      what: `隐患台账（2026年${(i % 12) + 1}月）、重大事故隐患整改销号佐证材料、专项整治工作清单（第${i + 1}批）`,
      deadline: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
      status: i % 3 ? '逾期' : '退回修改',
      note: null,
    }));
    expect(items[0]!.unitName).toHaveLength(100);
    const file = path.join(dir, 'long.pdf');
    fs.writeFileSync(file, await chasePdf(items, { office, today: '2026-12-02' }));
    const pages = pdfPageCount(file);
    expect(pages).toBeGreaterThan(5);
    const ws = words(file);
    expectInsidePrintableArea(ws);
    // every page with table rows (a 序号 in the first column) repeats the header row
    const rowPages = new Set(ws.filter((w) => w.xMax <= EDGES[1]! && /^\d+$/.test(w.text)).map((w) => w.page));
    expect(rowPages.size).toBeGreaterThan(3);
    for (const p of rowPages)
      expect(
        ws.some((w) => w.page === p && w.text === '未交材料'),
        `page ${p}`,
      ).toBe(true);
    const raw = rawText(file);
    expect(raw).not.toContain('…');
    for (const x of items) {
      expect(raw).toContain(x.unitName);
      expect(raw).toContain(x.what);
      expect(raw).toContain(x.docNo);
    }
  });

  it('a row taller than a page continues on the next page; its cell reads whole down the column', async () => {
    const what = Array.from({ length: 90 }, (_, i) => `第${i + 1}项材料：隐患台账（2026年${(i % 12) + 1}月）`).join(
      '；',
    );
    const items: ChaseItem[] = [
      {
        unitName: '方山镇',
        contact: null,
        phone: null,
        docNo: '禹安办〔2026〕1号',
        noticeTitle: '通知',
        what: '自查报告',
        deadline: '2026-11-30',
        status: '逾期',
        note: null,
      },
      {
        unitName: longName(7),
        contact: null,
        phone: null,
        docNo: '禹安办〔2026〕2号',
        noticeTitle: '通知',
        what,
        deadline: '2026-11-30',
        status: '退回修改',
        note: null,
      },
      {
        unitName: '神垕镇',
        contact: null,
        phone: null,
        docNo: '禹安办〔2026〕3号',
        noticeTitle: '通知',
        what: '工作清单',
        deadline: '2026-11-30',
        status: '逾期',
        note: null,
      },
    ];
    const file = path.join(dir, 'tall.pdf');
    fs.writeFileSync(file, await chasePdf(items, { office, today: '2026-12-02' }));
    expect(pdfPageCount(file)).toBeGreaterThanOrEqual(2);
    const ws = words(file);
    expectInsidePrintableArea(ws);
    // the 未交材料 column, page by page, top to bottom, without the repeated header: the three cells in order
    const headerY = new Map(ws.filter((w) => w.text === '序号').map((w) => [w.page, w.yMin]));
    const cells = ws
      .filter((w) => w.xMin >= EDGES[3]! && w.xMax <= EDGES[4]! && Math.abs(w.yMin - (headerY.get(w.page) ?? -99)) > 2)
      .filter((w) => w.yMin > (headerY.get(w.page) ?? 0));
    // lines: words of one page whose tops are within 4 pt (digits and CJK sit on slightly different tops)
    cells.sort((a, b) => a.page - b.page || a.yMin - b.yMin);
    const lines: Word[][] = [];
    for (const w of cells) {
      const line = lines[lines.length - 1];
      if (line && line[0]!.page === w.page && Math.abs(line[0]!.yMin - w.yMin) < 4) line.push(w);
      else lines.push([w]);
    }
    const column = lines
      .map((l) =>
        l
          .sort((a, b) => a.xMin - b.xMin)
          .map((w) => w.text)
          .join(''),
      )
      .join('');
    expect(column).toBe(`自查报告${what}工作清单`);
    const raw = rawText(file);
    expect(raw).toContain('工作清单');
    expect(raw).toContain('神垕镇');
  });
});
