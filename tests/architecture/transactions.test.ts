/**
 * Transactions and the 操作日志 go through one wrapper, `mutate` (core/platform/mutation.ts): a service that opens a
 * transaction or writes the log by hand can forget one of the two. Files still doing it by hand are listed as debt;
 * the list may only shrink (a file that no longer needs its entry makes this test fail until it is removed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const WRAPPER = ['core/platform/mutation.ts', 'core/audit/service.ts'];
/** Low-level code that works on raw connections (backup, salvage, the CLI's async transaction helper). */
const INFRASTRUCTURE = [/^core\/backup\//, /^core\/cli\/commands\.ts$/];
/** Known debt: services that still call ctx.db.transaction / recordAudit themselves (none left). */
const DEBT: string[] = [];

const BY_HAND = /\.transaction\(|\brecordAudit\(/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

const files = [...sources('core'), ...sources('db'), ...sources('electron')];
const byHand = files.filter(
  (f) =>
    !WRAPPER.includes(f) &&
    !INFRASTRUCTURE.some((r) => r.test(f)) &&
    BY_HAND.test(fs.readFileSync(path.join(ROOT, f), 'utf8')),
);

describe('transactions and audit', () => {
  it('sees the services', () => {
    expect(files).toContain('core/units/service.ts');
    expect(files).toContain('core/platform/mutation.ts');
  });

  it('no new code opens a transaction or writes the 操作日志 by hand (use mutate)', () => {
    expect(byHand.filter((f) => !DEBT.includes(f))).toEqual([]);
  });

  it('the debt list names only files that still need it', () => {
    expect(DEBT.filter((f) => !byHand.includes(f))).toEqual([]);
  });
});
