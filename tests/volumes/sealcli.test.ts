/**
 * The seal does not depend on the fonts installed: sealed on one machine, re-exported where ANWEI_FONTS_DIR holds
 * other fonts, `volumes export` gives the sealed bytes and exits 0; `volumes check` exits 1 naming a changed file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI } from '../helpers/cli';
import { scan } from '../helpers/ctx';

let dir: string;
let data: string;
let fonts: string;
const run = (env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, '--data', data, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ANWEI_DATA: '', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const plain = { ANWEI_FONTS_DIR: '' };
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-seal-cli-'));
  data = path.join(dir, 'data');
  fonts = path.join(dir, 'fonts');
  fs.mkdirSync(fonts);
  // “another machine”: a 黑体 file that is not the one the volume was sealed with
  fs.copyFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', path.join(fonts, 'simhei.ttf'));
  const ok = (...args: string[]) => expect(run(plain, ...args).code).toBe(0);
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
  ok(
    'pledges',
    'add',
    '--level',
    '1',
    '--talker',
    '张建国',
    '--talker-title',
    '镇党委书记',
    '--talkee',
    '李红',
    '--talkee-unit',
    '神垕镇',
    '--talkee-title',
    '副镇长',
    '--date',
    '2024-01-10',
    '--notice',
    '禹安〔2024〕1号',
    '--scan',
    scan('zicha-baogao-3pages.pdf'),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI: sealed volumes', () => {
  it('re-exports the sealed bytes with other fonts installed (exit 0); check names a replaced bound file (exit 1)', () => {
    const sealedFile = path.join(dir, '封卷.pdf');
    const s = run(
      plain,
      'export-volume',
      '--kind',
      'pledge',
      '--out',
      sealedFile,
      '--seal',
      '--fonds-code',
      'A012',
      '--creator',
      '孙立卷',
      '--checker',
      '王检查',
      '--confirm-warnings',
      '--json',
    );
    expect(s.code, s.stderr).toBe(0);
    const id = (JSON.parse(s.stdout) as { volumeId: number }).volumeId;

    // a draft drawn with those fonts really differs (so the test means something)
    const draft = run(
      { ANWEI_FONTS_DIR: fonts },
      'export-volume',
      '--kind',
      'pledge',
      '--out',
      path.join(dir, '草稿.pdf'),
      '--new-volume',
      '--json',
    );
    expect(draft.code, draft.stderr).toBe(0);
    const draftFonts = run(
      plain,
      'export-volume',
      '--kind',
      'pledge',
      '--out',
      path.join(dir, '草稿2.pdf'),
      '--new-volume',
      '--json',
    );
    expect(draftFonts.code).toBe(0);
    expect(sha(path.join(dir, '草稿.pdf'))).not.toBe(sha(path.join(dir, '草稿2.pdf')));

    const out = path.join(dir, '换字体导出.pdf');
    const e = run({ ANWEI_FONTS_DIR: fonts }, 'volumes', 'export', String(id), '--out', out);
    expect(e.code, e.stdout + e.stderr).toBe(0);
    expect(e.stdout).toContain('与封卷时一致');
    expect(e.stdout).toContain('已导出封卷时保存的 PDF');
    expect(fs.readFileSync(out).equals(fs.readFileSync(sealedFile))).toBe(true);

    const ok = run({ ANWEI_FONTS_DIR: fonts }, 'volumes', 'check', String(id));
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('均未改动');

    // the bound PDF in the store replaced by an encrypted one
    const h = sha(scan('zicha-baogao-3pages.pdf'));
    const stored = path.join(data, 'attachments', h.slice(0, 2), `${h}.pdf`);
    execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', scan('zicha-baogao-3pages.pdf'), stored]);
    const bad = run(plain, 'volumes', 'check', String(id), '--json');
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.stdout) as {
      ok: boolean;
      sealed: { intact: boolean };
      problems: { code: string; file?: string; message: string }[];
    };
    expect(j.sealed.intact).toBe(false);
    expect(j.problems).toEqual([expect.objectContaining({ code: 'scan-mismatch', file: 'zicha-baogao-3pages.pdf' })]);
  });
});
