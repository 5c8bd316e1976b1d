import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../helpers/cli';
import { scan } from '../helpers/ctx';
import { pdfFonts, pdfText } from '../helpers/pdf';

let dir: string;
let data: string;
beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-cli-'));
  data = path.join(dir, 'data');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const dbSnapshot = () => {
  const r = cli(data, 'pledges', 'list', '--json');
  const u = cli(data, 'units', 'list', '--json');
  return r.stdout + u.stdout;
};

describe('CLI', () => {
  it('runs the foundation workflow end to end', () => {
    expect(cli(data, 'init').code).toBe(0);
    expect(fs.existsSync(path.join(data, 'anwei.db'))).toBe(true);
    const u = cli(
      data,
      'units',
      'add',
      '神垕镇',
      '--kind',
      '乡镇',
      '--alias',
      '禹州市神垕镇人民政府',
      '--alias',
      '神垕镇安办',
      '--json',
    );
    expect(u.code).toBe(0);
    expect(u.json()).toMatchObject({ name: '神垕镇', kind: '乡镇', aliases: ['禹州市神垕镇人民政府', '神垕镇安办'] });
    expect(
      cli(data, 'units', 'list', '--json')
        .json<{ name: string }[]>()
        .map((x) => x.name),
    ).toEqual(['神垕镇']);
    const n = cli(
      data,
      'notices',
      'add',
      '--no',
      '禹安[2023]1号',
      '--title',
      '关于开展安全生产对话谈心活动的通知',
      '--date',
      '2023-01-05',
      '--deadline',
      '2023-01-30',
      '--json',
    );
    expect(n.code).toBe(0);
    expect(n.json()).toMatchObject({ docNo: '禹安〔2023〕1号', year: 2023, seq: 1 });
    expect(cli(data, 'notices', 'require', '--no', '禹安〔2023〕1号', '--unit', '神垕镇', '--count', '2').code).toBe(0);

    const p = cli(
      data,
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
      '禹州市神垕镇人民政府',
      '--talkee-title',
      '副镇长',
      '--date',
      '2023-01-10',
      '--notice',
      '禹安〔2023〕1号',
      '--scan',
      scan('mingbaishu-scan.jpg'),
      '--json',
    );
    expect(p.code, p.stderr).toBe(0);
    const rec = p.json<{ id: number; talkeeUnitName: string; status: string; attachments: { mime: string }[] }>();
    expect(rec).toMatchObject({ talkeeUnitName: '神垕镇', status: '已签订', attachments: [{ mime: 'image/jpeg' }] });
    expect(typeof rec.id).toBe('number');

    const list = cli(data, 'pledges', 'list', '--json').json<{ id: number; talkeeName: string }[]>();
    expect(list.map((x) => [x.id, x.talkeeName])).toEqual([[rec.id, '李红']]);
    const cov = cli(data, 'coverage', '--notice', '禹安〔2023〕1号', '--json').json<{
      totals: { expected: number; signed: number; missing: number };
    }>();
    expect(cov.totals).toEqual(expect.objectContaining({ expected: 2, signed: 1, missing: 1 }));

    const out = path.join(dir, '打印', '明白书.pdf');
    const pr = cli(data, 'print-pledge', String(rec.id), '--out', out);
    expect(pr.code, pr.stderr).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('李红');
    expect(text).toContain('神垕镇');
    expect(pdfFonts(out).every((f) => f.embedded)).toBe(true);
  });

  it('exits 1 with a Chinese error and writes nothing on rejected input', () => {
    const before = dbSnapshot();
    const cases: [string[], RegExp][] = [
      [['units', 'add', '神垕镇'], /不能重复/],
      [['units', 'add', '新单位', '--kind', '村'], /单位类别“村”不对/],
      [['notices', 'add', '--no', '禹安2023', '--title', 'x'], /格式不对/],
      [
        [
          'pledges',
          'add',
          '--level',
          '9',
          '--talker',
          'a',
          '--talker-title',
          'b',
          '--talkee',
          'c',
          '--talkee-unit',
          '神垕镇',
          '--talkee-title',
          'd',
          '--date',
          '2023-01-01',
        ],
        /谈话层级必须是 1 到 4/,
      ],
      [
        [
          'pledges',
          'add',
          '--level',
          '1',
          '--talker',
          'a',
          '--talker-title',
          'b',
          '--talkee',
          'c',
          '--talkee-unit',
          '不存在镇',
          '--talkee-title',
          'd',
          '--date',
          '2023-01-01',
        ],
        /不在单位名录中/,
      ],
      [
        [
          'pledges',
          'add',
          '--level',
          '1',
          '--talker',
          'a',
          '--talker-title',
          'b',
          '--talkee',
          'c',
          '--talkee-unit',
          '神垕镇',
          '--talkee-title',
          'd',
          '--date',
          '2023-01-01',
          '--scan',
          scan('mingbaishu-scan.jpg'),
          '--scan',
          scan('damaged-scan.pdf'),
        ],
        /damaged-scan\.pdf.*已损坏/,
      ],
      [
        [
          'pledges',
          'add',
          '--level',
          '1',
          '--talker',
          'a',
          '--talker-title',
          'b',
          '--talkee',
          'c',
          '--talkee-unit',
          '神垕镇',
          '--talkee-title',
          'd',
          '--date',
          '2023-13-01',
        ],
        /不是有效日期/,
      ],
      [['print-pledge', '999', '--out', path.join(dir, 'x.pdf')], /找不到编号为 999/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(data, ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(dbSnapshot()).toBe(before);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });

  it('exits 2 on wrong usage', () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['units', 'add'],
      ['--bogus-flag', 'init'],
      ['notices', 'add', '--title', 'x'],
      ['print-pledge', 'abc'],
    ]) {
      const r = cli(data, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr + r.stdout).toMatch(/用法/);
    }
  });
});
