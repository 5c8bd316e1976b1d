import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../helpers/cli';
import { scan } from '../helpers/ctx';
import { pdfPageCount, pdfText } from '../helpers/pdf';

let dir: string;
let data: string;
beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-vol-cli-'));
  data = path.join(dir, 'data');
  const ok = (...args: string[]) => {
    const r = cli(data, ...args);
    expect(r.code, r.stderr).toBe(0);
  };
  ok('units', 'add', '神垕镇', '--kind', '乡镇');
  ok(
    'notices',
    'add',
    '--no',
    '禹安〔2024〕1号',
    '--title',
    '关于开展安全生产对话谈心活动的通知',
    '--date',
    '2024-01-05',
  );
  ok('notices', 'require', '--no', '禹安〔2024〕1号', '--unit', '神垕镇', '--count', '3');
  const scans = [scan('mingbaishu-scan.jpg'), scan('zicha-baogao-3pages.pdf')];
  ['李红', '赵明'].forEach((talkee, i) =>
    ok(
      'pledges',
      'add',
      '--level',
      String(i + 1),
      '--talker',
      '张建国',
      '--talker-title',
      '镇党委书记',
      '--talkee',
      talkee,
      '--talkee-unit',
      '神垕镇',
      '--talkee-title',
      '副镇长',
      '--date',
      `2024-01-1${i}`,
      '--notice',
      '禹安〔2024〕1号',
      '--scan',
      scans[i]!,
    ),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Exported {
  volumeId: number;
  file: string;
  pages: number;
  items: number;
  volumes: { file: string; pages: number; items: number; sha256: string }[];
  sha256: string;
  check: { problems: { code: string; message: string }[] };
}

describe('CLI', () => {
  it('export-volume prints the files, pages, items, SHA-256 and the check; volumes list/seal; export-ledger', async () => {
    const out = path.join(dir, '案卷', '明白书.pdf');
    const r = cli(
      data,
      'export-volume',
      '--kind',
      'pledge',
      '--notice',
      '禹安〔2024〕1号',
      '--year',
      '2024',
      '--out',
      out,
      '--title',
      '2024年明白书',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const j = r.json<Exported>();
    expect(j).toMatchObject({ file: out, items: 2, volumes: [{ file: out, items: 2 }] });
    expect(j.pages).toBe(pdfPageCount(out));
    expect(j.volumes[0]!.pages).toBe(j.pages);
    expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(j.check.problems.map((p) => p.message)).toEqual([
      '未设置全宗号（系统设置 → 全宗号），档号中将不含全宗号',
      '禹安〔2024〕1号：神垕镇应签明白书 3 份，已签 2 份，缺 1 份',
    ]);
    expect(pdfText(out)).toContain('2024年明白书');

    // the same records again: the volume that holds them is exported again, no new 卷号
    const human = cli(data, 'export-volume', '--kind', 'pledge,closure', '--out', path.join(dir, 'b.pdf'));
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('已生成');
    expect(human.stdout).toContain('未另编卷号，已重新导出该案卷');
    expect(cli(data, 'export-volume', '--kind', 'nothing', '--out', path.join(dir, 'c.pdf')).code).toBe(1);
    const newOne = cli(
      data,
      'export-volume',
      '--kind',
      'pledge,closure',
      '--new-volume',
      '--out',
      path.join(dir, 'd.pdf'),
    );
    expect(newOne.code, newOne.stderr).toBe(0);
    expect(newOne.stdout).toContain('注意：以下 2 件已在其他案卷中');
    expect(newOne.stdout).toContain('档号 WS·2024-D30-0001-001');

    const list = cli(data, 'volumes', 'list', '--json').json<{ id: number; status: string; title: string }[]>();
    expect(list.map((v) => [v.id, v.status]).sort()).toEqual([
      [1, 'draft'],
      [2, 'draft'],
    ]);
    // sealing is refused (nothing changes) without 检查人/全宗号, then while the check has an error (缺 1 份)
    const blank = cli(data, 'volumes', 'seal', '1', '--out', path.join(dir, '封卷.pdf'));
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('封卷前须填写立卷人、检查人、全宗号');
    const refused = cli(
      data,
      'volumes',
      'seal',
      '1',
      '--creator',
      '孙立卷',
      '--checker',
      '王检查',
      '--fonds-code',
      'A012',
      '--out',
      path.join(dir, '封卷.pdf'),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '组卷检查还有 1 个缺漏，不能封卷：1. 禹安〔2024〕1号：神垕镇应签明白书 3 份，已签 2 份，缺 1 份',
    );
    expect(fs.existsSync(path.join(dir, '封卷.pdf'))).toBe(false);
    expect(cli(data, 'volumes', 'list', '--json').json<{ status: string }[]>()[0]!.status).toBe('draft');
    // the third 明白书 signed: the same export re-opens volume 1 and takes it in
    const third = cli(
      data,
      'pledges',
      'add',
      '--level',
      '3',
      '--talker',
      '张建国',
      '--talker-title',
      '镇党委书记',
      '--talkee',
      '王五',
      '--talkee-unit',
      '神垕镇',
      '--talkee-title',
      '副镇长',
      '--date',
      '2024-01-12',
      '--notice',
      '禹安〔2024〕1号',
      '--scan',
      scan('mingbaishu-scan.jpg'),
    );
    expect(third.code, third.stderr).toBe(0);
    const redo = cli(
      data,
      'export-volume',
      '--kind',
      'pledge',
      '--notice',
      '禹安〔2024〕1号',
      '--year',
      '2024',
      '--out',
      out,
      '--json',
    );
    expect(redo.code, redo.stderr).toBe(0);
    expect(redo.json<{ volumeId: number; items: number; reopened: boolean }>()).toMatchObject({
      volumeId: 1,
      items: 3,
      reopened: true,
    });
    const sealed = cli(
      data,
      'volumes',
      'seal',
      '1',
      '--out',
      path.join(dir, '封卷.pdf'),
      '--confirm-warnings',
      '--json',
    );
    expect(sealed.code, sealed.stderr).toBe(0);
    const s1 = sealed.json<Exported>();
    const s2 = cli(data, 'volumes', 'seal', '1', '--json').json<Exported & { matchesSeal: boolean }>();
    expect(s2.sha256).toBe(s1.sha256);
    expect(s2.matchesSeal).toBe(true);
    expect(s2.file).toBe(path.join(data, '案卷', 'A012-WS·2024-D30-0001.pdf'));
    expect(cli(data, 'volumes', 'list').stdout).toMatch(/已封卷/);
    expect(
      cli(data, 'pledges', 'list', '--json')
        .json<{ status: string }[]>()
        .map((p) => p.status),
    ).toEqual(['已归档', '已归档', '已归档']);

    const check = cli(data, 'volumes', 'check', '2', '--json');
    expect(check.code).toBe(0);
    expect(check.json<{ problems: unknown[] }>().problems.length).toBeGreaterThan(0);

    const xlsx = path.join(dir, '台账.xlsx');
    const led = cli(data, 'export-ledger', '--out', xlsx, '--json');
    expect(led.code, led.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['隐患台账', '隐患台账（全部字段）']);
    expect(wb.worksheets[0]!.getCell('H3').value).toBe('五落实'); // the A4 sheet
    expect(wb.worksheets[1]!.getCell('K3').value).toBe('五落实'); // every column, A3
  });
});
