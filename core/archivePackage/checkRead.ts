/**
 * Reading an 归档信息包 for the check: its file list, 说明文件, manifest and catalogues, leniently (the check reports
 * what is missing or malformed; reading never throws for a bad package).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type XmlDocument, type XmlElement, parseXml, textOf } from './checkXml';

/** The package's files, relative paths with '/', sorted; 检测/ (the check's own output) is left out. */
export function listPackageFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (!rel && e.name === REPORT_DIR) continue;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
      else out.push(r); // a link or device: listed, so it is reported as not allowed
    }
  };
  walk('');
  return out.sort();
}

export const REPORT_DIR = '检测';
export const README = '说明文件.txt';
export const MANIFEST = 'manifest.xml';
export const MANIFEST_SM3 = 'manifest.sm3';
export const MANIFEST_SHA256 = 'manifest.sha256';
export const HANDOVER_FORM = '移交登记表.pdf';
export const ITEM_CATALOGUE = '文件目录.xml';
export const VOLUME_CATALOGUE = '案卷目录.xml';
export const IN_VOLUME_CATALOGUE = '卷内文件目录.xml';
export const CONTENT_DIR = '文件';
export const OTHER_DIR = '其他';

/** 说明文件: “键：值” lines (full-width or ASCII colon). */
export function parseReadme(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    // “件数：3 件；卷数：1 卷” holds two: split at full-width semicolons that start another “键：”
    for (const part of line.split(/；(?=[^；：:]{1,12}[:：])/)) {
      const x = /^\s*([^:：]+?)\s*[:：]\s*(.*?)\s*$/.exec(part);
      if (x && !m.has(x[1]!)) m.set(x[1]!, x[2]!);
    }
  }
  return m;
}

/** The first whole number in a text (“共 12 页” → 12), or null. */
export function firstInt(s: string | null | undefined): number | null {
  const m = /\d+/.exec((s ?? '').replace(/[,，]/g, ''));
  return m ? Number(m[0]) : null;
}

export interface ManifestEntry {
  path: string;
  size: number | null;
  sm3: string | null;
  sha256: string | null;
  line: number;
}

/** A field of an element, as an attribute or a child element, under any of these names (case-insensitive). */
function field(el: XmlElement, names: string[]): string | null {
  const want = names.map((n) => n.toLowerCase());
  for (const [k, v] of Object.entries(el.attrs)) if (want.includes(k.toLowerCase())) return v.trim();
  for (const c of el.children) if (want.includes(c.local.toLowerCase())) return textOf(c);
  return null;
}

const PATH_NAMES = ['path', '路径', '文件路径', 'name', '文件名'];
const SIZE_NAMES = ['size', '大小', '文件大小', '字节数'];
const SM3_NAMES = ['sm3', 'SM3摘要'];
const SHA_NAMES = ['sha256', 'sha-256', 'SHA256摘要'];

/** Entries of manifest.xml: every element with a path and at least one digest. */
export function manifestEntries(doc: XmlDocument): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  const walk = (el: XmlElement) => {
    for (const c of el.children) {
      const p = field(c, PATH_NAMES);
      const sm3 = field(c, SM3_NAMES);
      const sha = field(c, SHA_NAMES);
      if (p !== null && (sm3 !== null || sha !== null)) {
        const size = field(c, SIZE_NAMES);
        out.push({
          path: p.replace(/\\/g, '/').replace(/^\.\//, ''),
          size: size !== null && /^\d+$/.test(size) ? Number(size) : null,
          sm3: sm3?.toLowerCase() ?? null,
          sha256: sha?.toLowerCase() ?? null,
          line: c.line,
        });
      } else walk(c);
    }
  };
  walk(doc.root);
  return out;
}

/** The hex digest in a manifest.sm3 / manifest.sha256 file (“hex” or “hex  manifest.xml”). */
export function digestInFile(text: string): string | null {
  return /\b[0-9a-fA-F]{64}\b/.exec(text)?.[0]?.toLowerCase() ?? null;
}

export interface CatalogueRow {
  /** Which catalogue and which row, for messages: “文件目录.xml 第 3 条”. */
  where: string;
  file: string;
  index: number;
  line: number;
  fields: Map<string, string>;
}

/**
 * Rows of a catalogue: the innermost elements with a 档号 child (a 案卷 wrapper holding 条目 with their own 档号 is
 * not a row itself). Each row's fields are its direct children's texts.
 */
export function catalogueRows(doc: XmlDocument, file: string): CatalogueRow[] {
  const rows: CatalogueRow[] = [];
  const hasNo = (e: XmlElement) => e.children.some((c) => c.local === '档号');
  const walk = (el: XmlElement) => {
    for (const c of el.children) {
      if (hasNo(c) && !c.children.some(hasNo)) {
        const fields = new Map<string, string>();
        for (const f of c.children) if (!fields.has(f.local)) fields.set(f.local, textOf(f));
        for (const [k, v] of Object.entries(c.attrs)) if (!fields.has(k)) fields.set(k, v);
        rows.push({ where: `${file} 第 ${rows.length + 1} 条`, file, index: rows.length + 1, line: c.line, fields });
      } else walk(c);
    }
  };
  walk(doc.root);
  return rows;
}

/**
 * A 档号 as its group and number: the last “-” part is the 件号 (or 卷号), the rest the group it counts in
 * (A012-WS·2024-D30-0001-007 → A012-WS·2024-D30-0001 / 7). The one place the check reads 档号 structure.
 */
export function splitArchivalNo(no: string): { group: string; seq: number } | null {
  const m = /^(.*)-(\d+)$/.exec(no.trim());
  return m ? { group: m[1]!, seq: Number(m[2]) } : null;
}

export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function tryParseXml(text: string | null): { doc: XmlDocument | null; error: string | null } {
  if (text === null) return { doc: null, error: '无法读取' };
  try {
    return { doc: parseXml(text), error: null };
  } catch (e) {
    return { doc: null, error: (e as Error).message };
  }
}
