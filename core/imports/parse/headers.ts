/**
 * Header text → field, per kind of return, and which kind a sheet is. Matching is tolerant: spaces and line
 * breaks inside header cells, full-/half-width, quotes, required-marks (*) and parenthesised units or notes
 * （万元）（不超过300字）（社区） are all ignored for the match; the unit and the 字数 limit are kept.
 */
import { halfWidth } from './text';
import type { ImportKind } from './types';
import { AMBIGUOUS_HEADERS, FIELD_TABLES } from './fields';
import { SERIAL_FIELD } from './fieldTypes';

export interface HeaderKey {
  key: string;
  unit?: '元' | '万元';
  lengthLimit?: number;
}

/** Normalised header text: "整改资金\n（万元）" → { key: "整改资金", unit: "万元" }. */
export function headerKey(text: string): HeaderKey {
  let s = halfWidth(text).replace(/\s+/g, '');
  let unit: HeaderKey['unit'];
  let lengthLimit: number | undefined;
  const notes: string[] = [];
  s = s.replace(/[([【{]([^()[\]【】{}]*)[)\]】}]/g, (_, inner: string) => {
    notes.push(inner);
    return '';
  });
  for (const n of [...notes, s]) {
    if (/万元/.test(n)) unit ??= '万元';
    else if (/(^|[^万])元/.test(n) && n !== s) unit ??= '元';
    const lim = /(?:不超过|不多于|不得超过|限|<=|≤)(\d+)字|(\d+)字(?:以内|以下)/.exec(n);
    if (lim) lengthLimit ??= Number(lim[1] ?? lim[2]);
  }
  s = s.replace(/["'“”‘’「」『』《》<>*※★☆:：/\\、·.\-_]/g, '');
  const unitSuffix = /^(.{2,}?)(万元|元)$/.exec(s);
  if (unitSuffix && !/^(单|公)$/.test(unitSuffix[1]!.slice(-1))) {
    unit ??= unitSuffix[2] as '元' | '万元';
    s = unitSuffix[1]!;
  }
  return { key: s.toUpperCase(), unit, lengthLimit };
}

export interface HeaderMatch {
  field: string;
  /** Other fields the same header can mean (resolved by the column's values). */
  alternatives?: readonly string[];
  how: 'exact' | 'contains';
}

function lookup(kind: ImportKind, key: string): HeaderMatch | null {
  if (!key) return null;
  const amb = AMBIGUOUS_HEADERS[kind]?.[key];
  if (amb && amb[0]) return { field: amb[0], alternatives: amb.slice(1), how: 'exact' };
  for (const def of FIELD_TABLES[kind]) if (def.synonyms.includes(key)) return { field: def.field, how: 'exact' };
  return null;
}

/**
 * The field a column's header means. `parts` are the header texts top-down (group headers first):
 * ["“五落实”情况", "整改责任人"]. Tries group+leaf, then the leaf, then a synonym contained in the leaf.
 */
export function matchHeader(kind: ImportKind, parts: readonly string[]): HeaderMatch | null {
  const keys = parts.map((p) => headerKey(p).key).filter((k) => k !== '');
  const leaf = keys[keys.length - 1];
  if (!leaf) return null;
  const groups = keys.slice(0, -1).filter((g) => g !== leaf);
  for (let i = 0; i < groups.length; i++) {
    const hit = lookup(kind, groups.slice(i).join('') + leaf);
    if (hit) return hit;
  }
  const exact = lookup(kind, leaf);
  if (exact) return exact;
  let best: { field: string; len: number } | null = null;
  for (const def of FIELD_TABLES[kind]) {
    for (const syn of def.synonyms) {
      if (syn.length >= 3 && leaf.includes(syn) && (!best || syn.length > best.len))
        best = { field: def.field, len: syn.length };
    }
  }
  return best ? { field: best.field, how: 'contains' } : null;
}

const TITLE_WORDS: Record<ImportKind, RegExp> = {
  hazard: /隐患|台账/,
  pledge: /明白书|谈话|谈心/,
  worklist: /工作清单|回头看|清单/,
  report: /报告/,
};

/** Fields that must be present for a sheet to be of the kind. */
const KIND_KEYS: Record<ImportKind, readonly string[][]> = {
  hazard: [['description'], ['enterpriseName', 'level'], ['enterpriseName', 'status']],
  pledge: [['talkeeName'], ['talkerName', 'signed']],
  worklist: [['measure'], ['progress', 'responsibleDept']],
  report: [
    ['unitName', 'title'],
    ['unitName', 'content'],
    ['unitName', 'submittedDate'],
  ],
};

const WORKLIST_SECOND = ['progress', 'responsibleDept'];
const HAZARD_SECOND = [
  'enterpriseName',
  'level',
  'measures',
  'deadlineDate',
  'townshipName',
  'village',
  'industry',
  'category',
  'fundsFen',
  'emergencyPlan',
  'interimMeasures',
  'responsibleUnit',
  'location',
  'foundBy',
  'supervised',
];

/** How well a header fits a kind: matched columns (+2 per key field), +3 when the title says so; 0 when a key field is missing. */
export function kindScore(kind: ImportKind, headers: readonly (readonly string[])[], title: string): number {
  const fields = new Set<string>();
  const exact = new Set<string>();
  for (const parts of headers) {
    const m = matchHeader(kind, parts);
    if (m && m.field !== SERIAL_FIELD) fields.add(m.field);
    if (m && m.how === 'exact') exact.add(m.field);
  }
  if (!KIND_KEYS[kind].some((set) => set.every((f) => fields.has(f)))) return 0;
  // A 工作清单 needs evidence from several of its own columns: its 贯彻落实措施 column named as such (not a header
  // that merely contains the words, like a task list's 需求贯彻落实措施说明) and one more of its columns.
  if (kind === 'worklist' && (!exact.has('measure') || !WORKLIST_SECOND.some((f) => exact.has(f)))) return 0;
  // A hazard ledger: its 隐患描述 and one column only a ledger has (a bug list has 问题描述 and 状态 too).
  if (kind === 'hazard' && !HAZARD_SECOND.some((f) => fields.has(f))) return 0;
  const keyFields = new Set(KIND_KEYS[kind].flat());
  let score = 0;
  for (const f of fields) score += keyFields.has(f) ? 3 : 1;
  if (TITLE_WORDS[kind].test(title)) score += 3;
  return score;
}

/** Which kind of return a sheet is, from its header and title; null when nothing fits. */
export function detectKind(headers: readonly (readonly string[])[], title: string): ImportKind | null {
  let best: ImportKind | null = null;
  let bestScore = 0;
  for (const kind of ['hazard', 'pledge', 'worklist', 'report'] as const) {
    const s = kindScore(kind, headers, title);
    if (s > bestScore) {
      best = kind;
      bestScore = s;
    }
  }
  return best;
}

/** Number of cells in a row whose text is a known header for any kind (used to find the header row). */
export function headerLikeCount(texts: readonly string[]): number {
  const kinds: ImportKind[] = ['hazard', 'pledge', 'worklist', 'report'];
  let best = 0;
  for (const kind of kinds) {
    const fields = new Set<string>();
    for (const t of texts) {
      const key = headerKey(t).key;
      if (key.length > 20) continue;
      const m = lookup(kind, key);
      if (m) fields.add(m.field);
    }
    best = Math.max(best, fields.size);
  }
  return best;
}
