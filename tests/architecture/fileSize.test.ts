/**
 * Files small and named for what they hold: a .ts/.tsx file under core/ or renderer/src longer than 400 lines
 * must say why in its first 5 lines (a comment containing “Why this file is long:”), or be split. Files being
 * split now are listed as debt; the list may only shrink (an entry no longer over the limit, or gone, makes this
 * test fail until it is removed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const LIMIT = 400;
const REASON = 'Why this file is long:';
/** Where the reason must be: within the file's first lines. */
const REASON_WITHIN = 5;
const DIRS = ['core', 'renderer/src'];

/** Known debt: files over the limit without a reason (none left; may only shrink). */
const DEBT: string[] = [];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Lines as `wc -l` counts them (a final newline ends the last line, it does not start another). */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Over the limit and not saying why near the top. */
function unexplained(text: string): boolean {
  if (lineCount(text) <= LIMIT) return false;
  const head = text.split('\n').slice(0, REASON_WITHIN);
  return !head.some((l) => /^\s*(\/\/|\/\*|\*)/.test(l) && l.includes(REASON));
}

const files = DIRS.flatMap(sources);
const text = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const long = files.filter((f) => unexplained(text(f)));

describe('file size', () => {
  it('sees core and the renderer', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain('core/cli/main.ts');
    expect(files).toContain('renderer/src/main.tsx');
  });

  it(`no file over ${LIMIT} lines without “${REASON}” in its first ${REASON_WITHIN} lines`, () => {
    expect(long.filter((f) => !DEBT.includes(f))).toEqual([]);
  });

  it('the debt list names only files still over the limit without a reason', () => {
    expect(DEBT.filter((f) => !long.includes(f))).toEqual([]);
    expect([...DEBT].sort()).toEqual(DEBT);
  });

  it('the check finds what it forbids', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `const a${i} = ${i};`).join('\n') + '\n';
    expect(lineCount(body(LIMIT))).toBe(LIMIT);
    expect(unexplained(body(LIMIT))).toBe(false);
    expect(unexplained(body(LIMIT + 1))).toBe(true);
    expect(unexplained(`/**\n * The parser.\n * ${REASON} one state machine.\n */\n${body(LIMIT)}`)).toBe(false);
    // Too far down, or not in a comment, does not count.
    expect(unexplained(`/**\n *\n *\n *\n *\n * ${REASON} x\n */\n${body(LIMIT)}`)).toBe(true);
    expect(unexplained(`const s = '${REASON}';\n${body(LIMIT)}`)).toBe(true);
  });
});
