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
/**
 * Low-level code that works on raw connections: backup and salvage, and the CLI's async transaction helper (one-shot
 * commands that await inside a transaction: scans checked and stored with their record, a draft and its export).
 */
const INFRASTRUCTURE = [/^core\/backup\//, /^core\/cli\/transaction\.ts$/];
/** Known debt: services that still call ctx.db.transaction / recordAudit themselves (none left). */
const DEBT: string[] = [];

/** A transaction opened through drizzle or by SQL (BEGIN), or the 操作日志 written directly. */
const BY_HAND = /\.transaction\(|\brecordAudit\(|\bexec\(\s*['"`]BEGIN\b/;

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

  it('every exemption outside core/backup names a file that opens a transaction itself', () => {
    const exempt = files.filter((f) => !f.startsWith('core/backup/') && INFRASTRUCTURE.some((r) => r.test(f)));
    expect(exempt).toEqual(['core/cli/transaction.ts']);
    for (const f of exempt) expect(BY_HAND.test(fs.readFileSync(path.join(ROOT, f), 'utf8'))).toBe(true);
  });

  it('the debt list names only files that still need it', () => {
    expect(DEBT.filter((f) => !byHand.includes(f))).toEqual([]);
  });
});
