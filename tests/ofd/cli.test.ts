/** The CLI: export-volume --format ofd and volumes export --format ofd (a sealed volume too); the refusals. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOfd } from '../../core/ofd/reader';
import { buildCli, cli } from '../helpers/cli';
import { scan } from '../helpers/ctx';
import { pdfPageCount } from '../helpers/pdf';

let dir: string;
let data: string;
beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-ofd-cli-'));
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
  sha256: string;
}

describe('CLI --format ofd', () => {
  it('export-volume writes an OFD with the pages of the PDF', () => {
    const out = path.join(dir, '案卷', '明白书.ofd');
    const r = cli(data, 'export-volume', '--kind', 'pledge', '--out', out, '--format', 'ofd', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = r.json<Exported>();
    expect(j).toMatchObject({ file: out, items: 2 });
    const doc = readOfd(fs.readFileSync(out));
    expect(doc.pages).toHaveLength(j.pages);
    expect(execFileSync('unzip', ['-t', out], { encoding: 'utf8' })).toContain('No errors detected');
    // the same volume as PDF: the same number of pages
    const pdf = path.join(dir, '案卷', '明白书.pdf');
    expect(cli(data, 'volumes', 'export', String(j.volumeId), '--out', pdf).code).toBe(0);
    expect(pdfPageCount(pdf)).toBe(j.pages);
    // “.pdf” typed by habit becomes “.ofd”; the human output names the file
    const again = cli(
      data,
      'volumes',
      'export',
      String(j.volumeId),
      '--out',
      path.join(dir, '再导出.pdf'),
      '--format',
      'OFD',
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(path.join(dir, '再导出.ofd'));
    expect(fs.existsSync(path.join(dir, '再导出.pdf'))).toBe(false);
  });

  it('a sealed volume exports as OFD from what was sealed', () => {
    const sealed = cli(
      data,
      'volumes',
      'seal',
      '1',
      ...['--creator', '孙立卷', '--checker', '周检查', '--fonds-code', 'A012', '--confirm-warnings'],
      ...['--out', path.join(dir, '封卷.pdf'), '--json'],
    );
    expect(sealed.code, sealed.stderr).toBe(0);
    const r = cli(data, 'volumes', 'export', '1', '--out', path.join(dir, '封卷.ofd'), '--format', 'ofd', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(readOfd(fs.readFileSync(path.join(dir, '封卷.ofd'))).pages).toHaveLength(
      pdfPageCount(path.join(dir, '封卷.pdf')),
    );
  });

  it('refuses a wrong format, and OFD with --seal or --pdfa, writing nothing', () => {
    const before = fs.readdirSync(dir).sort();
    const bad = cli(data, 'export-volume', '--kind', 'pledge', '--out', path.join(dir, 'x.ofd'), '--format', 'docx');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('导出格式只能是 pdf 或 ofd');
    const seal = cli(
      data,
      'export-volume',
      '--kind',
      'pledge',
      '--out',
      path.join(dir, 'x.ofd'),
      '--format',
      'ofd',
      '--seal',
    );
    expect(seal.code).toBe(1);
    expect(seal.stderr).toContain('不能与 --seal 或 --pdfa 同时使用');
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(cli(data, 'volumes', 'list', '--json').json<unknown[]>()).toHaveLength(1);
  });
});
