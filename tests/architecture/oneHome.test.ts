/**
 * Some code must exist once: two copies drift apart and one of them is wrong. Each rule names the one home and
 * a pattern only that code has; another file matching it is a copy. Copies not yet removed are listed as debt;
 * the list may only shrink (an entry whose file no longer matches makes this test fail until it is removed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['core', 'db', 'electron', 'renderer/src', 'bench', 'scripts'];

interface OneHome {
  name: string;
  home: string;
  pattern: RegExp;
  /** Known copies, to be replaced by imports from `home` (may only shrink). */
  debt: string[];
}

const RULES: OneHome[] = [
  {
    name: 'JPEG headers (markers, EXIF orientation) are read in core/files/jpeg.ts',
    home: 'core/files/jpeg.ts',
    // Walking the markers (SOI/SOS) or finding the EXIF segment.
    pattern: /marker === 0xd8|marker === 0xda|'Exif\\0\\0'/,
    debt: [],
  },
  {
    name: 'the seeded random generator is core/platform/seededRandom.ts (demo data and bench share it)',
    home: 'core/platform/seededRandom.ts',
    // mulberry32's increment.
    pattern: /0x6d2b79f5/i,
    debt: [],
  },
];

function sources(dir: string): string[] {
  if (!fs.existsSync(path.join(ROOT, dir))) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.(tsx?|mjs)$/.test(e.name)) out.push(rel);
  }
  return out;
}

const files = DIRS.flatMap(sources);
const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]));
const matching = (r: OneHome) => files.filter((f) => r.pattern.test(texts.get(f)!));

describe('code that exists once', () => {
  for (const rule of RULES) {
    it(rule.name, () => {
      const found = matching(rule);
      expect(found, 'the home itself matches (else the pattern is stale)').toContain(rule.home);
      expect(found.filter((f) => f !== rule.home && !rule.debt.includes(f))).toEqual([]);
      expect(
        rule.debt.filter((f) => !found.includes(f)),
        'debt entries that are gone',
      ).toEqual([]);
    });
  }

  it('the demo and the bench generator both use the shared generator', () => {
    for (const f of ['core/demo/service.ts', 'bench/generate.ts'])
      expect(texts.get(f), f).toMatch(/from '(\.\.\/)+(core\/)?platform\/seededRandom'/);
  });
});
