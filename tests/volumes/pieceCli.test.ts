/**
 * 按件归档 from the command line: `settings` shows and sets the mode and the codes; export-volume and volumes
 * export/seal work in the mode from the settings; 装盒 without 机构代码 is refused (exit 1) and leaves nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../helpers/cli';
import { scan } from '../helpers/ctx';
import { pdfText } from '../helpers/pdf';

let dir: string;
let data: string;
const ok = (...args: string[]) => {
  const r = cli(data, ...args);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-piece-cli-'));
  data = path.join(dir, 'data');
  ok('units', 'add', '神垕镇', '--kind', '乡镇');
  ['2023-11-20', '2024-01-10'].forEach((date, i) =>
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
      ['李红', '赵明'][i]!,
      '--talkee-unit',
      '神垕镇',
      '--talkee-title',
      '副镇长',
      '--date',
      date,
      '--scan',
      scan('mingbaishu-scan.jpg'),
    ),
  );
}, 600_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI, 按件归档', () => {
  it('settings shows 组卷 by default and sets the mode and codes; a bad mode is a refusal', () => {
    expect(ok('settings').stdout).toContain('归档方式：组卷（GB/T 9705-2008');
    const bad = cli(data, 'settings', '--mode', 'box');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('归档方式');
    const s = ok('settings', '--mode', 'piece', '--fonds-code', 'A012', '--json').json<Record<string, string>>();
    expect(s).toMatchObject({ archiveMode: 'piece', fondsCode: 'A012', orgCode: '' });
    expect(ok('settings').stdout).toContain('按件归档（DA/T 22-2015');
  });

  it('export-volume --seal without 机构代码 is refused (exit 1), no box made, no file', () => {
    const out = path.join(dir, '盒', '拒绝.pdf');
    const r = cli(data, 'export-volume', '--kind', 'pledge', '--out', out, '--seal', '--json');
    expect(r.code).toBe(1);
    const e = r.json<{ ok: false; error: { code: string; message: string } }>();
    expect(e.error.code).toBe('VALIDATION');
    expect(e.error.message).toMatch(/未设置机构（问题）代码，不能装盒/);
    expect(e.error.message).toMatch(/settings --fonds-code A012 --org-code AW/);
    expect(fs.existsSync(out)).toBe(false);
    expect(ok('volumes', 'list', '--json').json<unknown[]>()).toEqual([]);
  });

  it('with the codes set, export-volume --seal packs a box: 档号 per 年度, 4-digit 件号, 盒脊 of the chosen width', () => {
    ok('settings', '--org-code', 'aw');
    const out = path.join(dir, '盒', '明白书.pdf');
    const args = ['export-volume', '--kind', 'pledge', '--out', out, '--seal', '--spine', '30', '--json'];
    // the seal gate holds for 装盒: 立卷人 and 检查人 first, then the warnings (件 of 2 年度) to be confirmed
    for (const [extra, message] of [
      [[], /装盒前须填写立卷人、检查人/],
      [
        ['--creator', '孙立卷', '--checker', '周检查'],
        /提示需要确认：1\. 所选文件属于 2023、2024 多个年度.*--confirm-warnings/,
      ],
    ] as const) {
      const refused = cli(data, ...args, ...extra);
      expect(refused.code).toBe(1);
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(message);
      expect(fs.existsSync(out)).toBe(false);
      expect(ok('volumes', 'list', '--json').json<unknown[]>()).toEqual([]);
    }
    const r = ok(...args, '--creator', '孙立卷', '--checker', '周检查', '--confirm-warnings').json<{
      archiveMode: string;
      sealed: boolean;
      pieces: { archivalNo: string }[];
      volumes: { file: string; items: number }[];
    }>();
    // one box per 年度
    expect(r.volumes.map((v) => [path.basename(v.file), v.items])).toEqual([
      ['明白书-第1盒.pdf', 1],
      ['明白书-第2盒.pdf', 1],
    ]);
    expect(r.archiveMode).toBe('piece');
    expect(r.sealed).toBe(true);
    expect(r.pieces.map((p) => p.archivalNo).sort()).toEqual(['A012-WS·2023-D30-AW-0001', 'A012-WS·2024-D30-AW-0001']);
    const text = pdfText(r.volumes[0]!.file);
    expect(text).toContain('归档文件目录');
    expect(text).toContain('盒内备考表');
    expect(text).not.toContain('卷内目录');
    const human = ok('volumes', 'export', '1', '--out', path.join(dir, '盒', '再导出.pdf')).stdout;
    expect(human).toMatch(/盒号 1，1 件/);
    expect(human).toMatch(/盒号 2，1 件/);
    expect(cli(data, 'export-volume', '--kind', 'pledge', '--spine', '35', '--out', path.join(dir, 'x.pdf')).code).toBe(
      1,
    );
  });
});
