import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../helpers/cli';

let dir: string;
let data: string;
beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-cli-ledger-'));
  data = path.join(dir, 'data');
  const r = cli(data, 'demo');
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Row {
  id: number;
  level: string;
  status: string;
  overdue: boolean;
  townshipName: string | null;
  industry: string | null;
  foundDate: string | null;
}

describe('CLI over the hazard ledger', () => {
  it('lists hazards with level and status from the fixed vocabularies, and stats agree with the list', () => {
    const list = cli(data, 'hazards', 'list', '--json').json<Row[]>();
    expect(list).toHaveLength(600);
    for (const h of list) {
      expect(['一般', '重大']).toContain(h.level);
      expect(['未整改', '整改中', '已整改', '已验收销号']).toContain(h.status);
    }
    const s = cli(data, 'stats', '--json').json<{
      hazards: {
        total: number;
        major: number;
        rectified: number;
        overdue: number;
        byTownship: Record<string, { total: number }>;
        byIndustry: Record<string, { total: number }>;
      };
    }>();
    expect(s.hazards.total).toBe(list.length);
    expect(s.hazards.major).toBe(list.filter((h) => h.level === '重大').length);
    expect(s.hazards.rectified).toBe(list.filter((h) => h.status === '已整改' || h.status === '已验收销号').length);
    expect(s.hazards.overdue).toBe(list.filter((h) => h.overdue).length);
    const town = list[0]!.townshipName!;
    expect(s.hazards.byTownship[town]!.total).toBe(list.filter((h) => h.townshipName === town).length);
    expect(Object.values(s.hazards.byIndustry).reduce((a, b) => a + b.total, 0)).toBe(list.length);
  });

  it('filters hazards and limits stats to a period', () => {
    const all = cli(data, 'hazards', 'list', '--json').json<Row[]>();
    const major = cli(data, 'hazards', 'list', '--level', '重大', '--json').json<Row[]>();
    expect(major.map((h) => h.id)).toEqual(all.filter((h) => h.level === '重大').map((h) => h.id));
    const town = all[0]!.townshipName!;
    const inTown = cli(data, 'hazards', 'list', '--township', town, '--status', '整改中', '--json').json<Row[]>();
    expect(inTown.map((h) => h.id)).toEqual(
      all.filter((h) => h.townshipName === town && h.status === '整改中').map((h) => h.id),
    );
    const sorted = all.map((h) => h.foundDate!).sort();
    const from = sorted[Math.floor(sorted.length / 2)]!;
    const s = cli(data, 'stats', '--from', from, '--to', sorted.at(-1)!, '--json').json<{
      hazards: { total: number };
    }>();
    expect(s.hazards.total).toBe(all.filter((h) => h.foundDate! >= from).length);
    expect(cli(data, 'hazards', 'list', '--level', '较大').code).toBe(1);
    expect(cli(data, 'stats', '--from', '2024-02-30').stderr).toContain('不是有效日期');
  });

  it('lists the returns received, and refuses demo data over an existing register', () => {
    const reports = cli(data, 'reports', 'list', '--json').json<{ kind: string; unitName: string; status: string }[]>();
    expect(reports.length).toBeGreaterThan(50);
    expect(reports.some((r) => r.status === '退回修改')).toBe(true);
    expect(new Set(reports.map((r) => r.kind))).toEqual(new Set(['report', 'worklist', 'selfcheck', 'ledger']));
    const again = cli(data, 'demo');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已有数据');
  });
});
