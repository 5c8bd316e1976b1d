/**
 * One date-time format on screen (2026-12-02 16:06, renderer/src/components/format.ts showDateTime): the pages
 * never format a moment themselves — no toLocaleString / toLocaleDateString / toLocaleTimeString on dates, no
 * dayjs pattern with hours outside format.ts — so one screen cannot show 2026/12/2 16:06:54 beside
 * 2026-12-02 16:06. The browser walk (tests/app/layout.browser.test.ts) checks the rendered text as well.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { showDateTime } from '../../renderer/src/components/format';

const ROOT = path.resolve(__dirname, '..', '..');
const RENDERER = path.join(ROOT, 'renderer', 'src');
const FORMATTER = path.join(RENDERER, 'components', 'format.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(d.name) ? [p] : [];
  });
}

/** Offences in one file's text: file, line number and line. */
function offences(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    const bad =
      /toLocale(Date|Time)String\(/.test(code) ||
      // Numbers may use toLocaleString('zh-CN') (thousands separators); dates and times may not.
      /toLocaleString\([^)]*(hour|minute|second|hour12)/.test(code) ||
      /new Date\([^)]*\)\.toLocaleString\(/.test(code) ||
      (file !== FORMATTER && /format\(\s*['"`][^'"`]*(HH|hh|mm:ss)/.test(code));
    if (bad) out.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
  });
  return out;
}

describe('one date-time format', () => {
  it('showDateTime is YYYY-MM-DD HH:mm in local time', () => {
    const d = new Date(2026, 11, 2, 16, 6, 54);
    expect(showDateTime(d)).toBe('2026-12-02 16:06');
    expect(showDateTime(d.toISOString())).toBe('2026-12-02 16:06');
    expect(showDateTime(null)).toBe('—');
  });

  it('no page formats a moment itself', () => {
    const files = sources(RENDERER);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => offences(f))).toEqual([]);
  });

  it('the check finds what it forbids', () => {
    const lines = [
      "const a = new Date().toLocaleString('zh-CN', { hour12: false });",
      'const b = d.toLocaleDateString();',
      "const c = dayjs(x).format('YYYY/M/D HH:mm:ss');",
      "const ok = n.toLocaleString('zh-CN');",
    ];
    expect(offences(path.join(RENDERER, 'probe.tsx'), lines.join('\n')).length).toBe(3);
    // The formatter itself may name its pattern.
    expect(offences(FORMATTER, lines[2]!)).toEqual([]);
  });
});
