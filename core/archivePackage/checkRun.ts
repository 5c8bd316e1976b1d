/**
 * What every part of the 四性检测 shares while it runs over one package folder: the package's files and their
 * digests (computed once), the check items with their findings (Items: each item passes until a finding fails
 * it, at most 200 findings each), progress and cancelling, and the facts of each PDF, read once and shared by the
 * entry checks (checkEntries.ts) and the format checks (checkFormats.ts).
 */
import fs from 'node:fs';
import { AppError } from '../platform/errors';
import { CHECK_ITEMS, type CheckItemKey, type CheckItemResult } from './checkTypes';
import type { FileDigests } from './checkDigest';
import { inspectPackagePdf, type PdfFacts } from './checkPdf';

export const cancelled = () => new AppError('CANCELLED', '已取消检测');

/** The check items of one run and what each found. */
export class Items {
  private readonly map = new Map<CheckItemKey, CheckItemResult>();
  constructor(keys: CheckItemKey[]) {
    for (const k of keys)
      this.map.set(k, { ...CHECK_ITEMS[k], passed: true, ok: true, checked: 0, findings: [] } as CheckItemResult);
  }
  fail(k: CheckItemKey, where: string, message: string): void {
    const it = this.map.get(k);
    if (!it) return;
    it.passed = false;
    it.ok = false;
    if (it.findings.length < 200 && !it.findings.some((f) => f.where === where && f.message === message))
      it.findings.push({ where, message });
  }
  count(k: CheckItemKey, n = 1): void {
    const it = this.map.get(k);
    if (it) it.checked += n;
  }
  list(): CheckItemResult[] {
    return [...this.map.values()].map((i) =>
      i.findings.length
        ? {
            ...i,
            message: i.findings
              .map((f) => (f.message.includes(f.where) ? f.message : `${f.where}：${f.message}`))
              .join('；'),
          }
        : i,
    );
  }
}

/** One run of the check over a package folder. */
export interface CheckRun {
  root: string;
  /** Every file of the package, as paths relative to its root with “/”. */
  files: string[];
  fileSet: Set<string>;
  /** The absolute path of a package file. */
  abs: (rel: string) => string;
  items: Items;
  /** SM3, SHA-256 and size of each file that could be read. */
  digests: Map<string, FileDigests>;
  /** Reports progress (one step done) and throws when cancelled. */
  step: (message: string) => void;
}

/** The facts of a package PDF, read once per file (null when the file is not in the package). */
export function pdfFactsReader(run: CheckRun): (f: string) => Promise<PdfFacts | null> {
  const { fileSet, abs, step } = run;
  const pdfFacts = new Map<string, PdfFacts>();
  return async (f: string): Promise<PdfFacts | null> => {
    if (!fileSet.has(f)) return null;
    let facts = pdfFacts.get(f);
    if (!facts) {
      step(`正在检查：${f}`);
      try {
        facts = await inspectPackagePdf(fs.readFileSync(abs(f)));
      } catch {
        facts = {
          openError: '无法读取',
          encrypted: false,
          pageCount: 0,
          fontsNotEmbedded: [],
          actions: [],
          embedded: [],
          pdfa: null,
        };
      }
      pdfFacts.set(f, facts);
    }
    return facts;
  };
}
