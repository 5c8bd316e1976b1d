/**
 * Column → field for the chosen kind: the user's mapping first, then header synonyms; a header that can mean
 * two fields (隐患类别: level or industry) is decided by what the column holds; a field claimed twice keeps
 * the better/earlier column.
 */
import { FIELD_TABLES } from './fields';
import { SERIAL_FIELD } from './fieldTypes';
import { headerKey, matchHeader, type HeaderMatch } from './headers';
import { cellText, columnLetter, filledCell } from './grid';
import type { HeaderBlock, SheetView } from './layout';
import type { ImportKind, ParsedColumn } from './types';
import { isAccidentType, isIndustry, parseLevel } from './words';
import { wordKey } from './text';

const RANK: Record<string, number> = { user: 0, exact: 1, content: 2, contains: 3 };

interface Candidate {
  index: number;
  field: string | null;
  how: 'user' | 'exact' | 'content' | 'contains' | 'none';
  note?: string;
  /** A second field the column's values also fill (责任单位 taken for 隐患单位 stays the 整改责任单位). */
  alsoAs?: string;
}

function columnValues(view: SheetView, dataRows: readonly number[], c: number, limit = 200): string[] {
  const out: string[] = [];
  for (const r of dataRows) {
    const t = cellText(filledCell(view.sheet, view.merges, r, c, 'vertical')).trim();
    if (t) out.push(t);
    if (out.length >= limit) break;
  }
  return out;
}

/** Does the column hold what the field expects? Used to settle ambiguous headers. */
function fits(field: string, values: string[]): boolean {
  if (!values.length) return false;
  if (field === 'level')
    return values.filter((v) => parseLevel(v).ok && !/^(是|否)$/.test(wordKey(v))).length >= values.length * 0.6;
  if (field === 'industry') return values.filter(isIndustry).length >= values.length * 0.6;
  return true;
}

/** Hazard columns whose header alone may name the unit when there is no 隐患单位 column (shown as a note). */
const UNIT_FALLBACK_HEADERS = new Set([
  '项目名称',
  '工程名称',
  '项目',
  '施工单位',
  '建设单位',
  '在建项目',
  '工程项目名称',
]);

export function mapColumns(
  kind: ImportKind,
  view: SheetView,
  header: HeaderBlock,
  dataRows: readonly number[],
  mapping?: Record<number, string | null>,
): ParsedColumn[] {
  const known = new Set(FIELD_TABLES[kind].map((f) => f.field).filter((f) => f !== SERIAL_FIELD));
  const width = Math.max(view.width, header.parts.length);
  const candidates: Candidate[] = [];
  const matches: (HeaderMatch | null)[] = [];
  for (let c = 0; c < width; c++) {
    const parts = header.parts[c] ?? [];
    if (mapping && Object.prototype.hasOwnProperty.call(mapping, c)) {
      const f = mapping[c] ?? null;
      candidates.push(
        f === null || known.has(f)
          ? { index: c, field: f, how: 'user' }
          : { index: c, field: null, how: 'none', note: `未知字段“${f}”，已忽略` },
      );
      matches.push(null);
      continue;
    }
    const m = matchHeader(kind, parts);
    matches.push(m);
    candidates.push(
      m
        ? { index: c, field: m.field, how: m.alternatives?.length ? 'content' : m.how }
        : { index: c, field: null, how: 'none' },
    );
  }
  // Fields claimed without ambiguity, to settle ambiguous columns against.
  const firm = new Set(
    candidates.filter((x) => x.field && (x.how === 'user' || x.how === 'exact')).map((x) => x.field!),
  );
  for (const cand of candidates) {
    const alts = matches[cand.index]?.alternatives;
    if (cand.how !== 'content' || !cand.field || !alts) continue;
    const options = [cand.field, ...alts];
    const values = columnValues(view, dataRows, cand.index);
    const pick = options.find((f) => !firm.has(f) && fits(f, values)) ?? options.find((f) => !firm.has(f)) ?? null;
    cand.field = pick;
    if (pick) cand.note = `“${(header.parts[cand.index] ?? []).join('/')}”按列中内容识别为${labelOf(kind, pick)}`;
    if (pick) firm.add(pick);
  }
  // One column per field: the best-ranked, then the leftmost.
  const owner = new Map<string, Candidate>();
  for (const cand of [...candidates].sort((a, b) => (RANK[a.how] ?? 9) - (RANK[b.how] ?? 9) || a.index - b.index)) {
    if (!cand.field) continue;
    const prev = owner.get(cand.field);
    if (prev) {
      cand.note = `与${columnLetter(prev.index)}列同为“${labelOf(kind, cand.field)}”，未使用`;
      cand.field = null;
      cand.how = 'none';
    } else owner.set(cand.field, cand);
  }
  if (kind === 'hazard') {
    // A 行业领域 column of accident types (高处坠落, 触电 …) is a 隐患类别 column under another name.
    const ind = owner.get('industry');
    if (ind && ind.how !== 'user' && !owner.has('category')) {
      const values = columnValues(view, dataRows, ind.index);
      if (values.length && values.filter(isAccidentType).length >= values.length * 0.6) {
        owner.delete('industry');
        ind.field = 'category';
        ind.how = 'content';
        ind.note = `“${(header.parts[ind.index] ?? []).join('/')}”中是事故类型，不是行业，按隐患类别导入`;
        owner.set('category', ind);
      }
    }
    // No 隐患单位 column: the 责任单位 (or 项目名称) column names the unit; the preview says so.
    if (!owner.has('enterpriseName')) {
      const resp = owner.get('responsibleUnit');
      const byHeader = candidates.find(
        (x) =>
          x.how !== 'user' &&
          !x.field &&
          UNIT_FALLBACK_HEADERS.has(headerKey((header.parts[x.index] ?? []).at(-1) ?? '').key),
      );
      const pick = resp && resp.how !== 'user' ? resp : byHeader;
      if (pick) {
        const head = (header.parts[pick.index] ?? []).join('/');
        if (pick === resp) owner.delete('responsibleUnit');
        pick.alsoAs = pick === resp ? 'responsibleUnit' : undefined;
        pick.field = 'enterpriseName';
        pick.how = 'content';
        pick.note = `表中没有“隐患单位”列，按“${head}”列作为隐患单位${pick.alsoAs ? '（同时作为整改责任单位）' : ''}`;
        owner.set('enterpriseName', pick);
      }
    }
  }
  const serial = owner.get(SERIAL_FIELD);
  if (serial) {
    owner.delete(SERIAL_FIELD);
    if (kind === 'hazard' && !owner.has('hazardNo')) {
      serial.field = 'hazardNo';
      serial.note = '没有“编号”列，序号作为隐患编号';
      owner.set('hazardNo', serial);
    } else {
      serial.field = null;
      serial.how = 'none';
      serial.note = '序号列，不导入';
    }
  }
  return candidates.map((cand) => {
    const parts = header.parts[cand.index] ?? [];
    const keys = parts.map((p) => headerKey(p));
    const unit = keys.map((k) => k.unit).find(Boolean);
    const lengthLimit = keys.map((k) => k.lengthLimit).find((n) => n !== undefined);
    const col: ParsedColumn = {
      index: cand.index,
      letter: columnLetter(cand.index),
      header: parts.join('/'),
      field: cand.field,
      confidence:
        cand.field === null
          ? cand.how === 'user'
            ? 'user'
            : 'none'
          : cand.how === 'user'
            ? 'user'
            : cand.how === 'content'
              ? 'content'
              : 'synonym',
    };
    if (unit) col.unit = unit;
    if (lengthLimit !== undefined) col.lengthLimit = lengthLimit;
    if (cand.note) col.note = cand.note;
    if (cand.alsoAs) col.alsoAs = cand.alsoAs;
    return col;
  });
}

export function labelOf(kind: ImportKind, field: string): string {
  return FIELD_TABLES[kind].find((f) => f.field === field)?.label ?? field;
}
