/** One data row of a hazard ledger → HazardFields, with the row's problems. */
import type { HazardFields, HazardStatus } from '../../domain/hazard';
import { headerKey } from './headers';
import { townshipFromName } from './names';
import type { RowReader } from './rowReader';
import type { ParsedColumn } from './types';
import { parseLevel, parseStatus, parseSupervised, statusRange } from './words';
import { HAZARD_STATUSES } from '../../domain/hazard';

export interface HazardRowContext {
  /** The return's township (from the title/填报单位/file name), used when there is no 乡镇 column. */
  township: string | null;
}

/** 是否重大隐患: a 是 in the level column means 重大 (worked out once per column, not per row). */
const yesMeansMajorCache = new WeakMap<ParsedColumn, boolean>();
function yesMeansMajorColumn(col: ParsedColumn): boolean {
  let v = yesMeansMajorCache.get(col);
  if (v === undefined) {
    v = /^是否/.test(headerKey(col.header.split('/').pop() ?? '').key);
    yesMeansMajorCache.set(col, v);
  }
  return v;
}

export function readHazardRow(row: RowReader, ctx: HazardRowContext): HazardFields {
  const text = (f: keyof HazardFields, multiline = false) => row.text(f, { multiline });
  const enterpriseName = row.text('enterpriseName', { required: true }) ?? '';
  const description = row.text('description', { multiline: true, required: true }) ?? '';

  const townshipWritten = text('townshipName');
  const townshipName = townshipWritten ? (townshipFromName(townshipWritten) ?? townshipWritten) : ctx.township;

  const levelCol = row.column('level');
  const levelText = row.text('level');
  let level: HazardFields['level'] = '一般';
  if (levelText) {
    const yesMeansMajor = levelCol ? yesMeansMajorColumn(levelCol) : false;
    const r = parseLevel(levelText, yesMeansMajor);
    if (r.ok) {
      level = r.value;
      if (r.note) row.warn('level', r.note, '');
    } else row.error('level', r.reason);
  } else if (levelCol) row.warn('level', '隐患等级为空，按一般隐患导入', '');

  const deadline = row.has('deadlineDate') ? row.deadline('deadlineDate') : { date: null, text: null };
  const completedDate = row.has('completedDate') ? row.date('completedDate') : null;
  const acceptedDate = row.has('acceptedDate') ? row.date('acceptedDate') : null;

  const status = readStatus(row, completedDate, acceptedDate);
  const supervised = row.has('supervised') ? (row.yesNo('supervised', parseSupervised) ?? false) : false;

  return {
    hazardNo: text('hazardNo'),
    enterpriseName,
    townshipName,
    village: text('village'),
    industry: text('industry'),
    category: text('category'),
    description,
    location: text('location'),
    source: text('source'),
    foundDate: row.has('foundDate') ? row.date('foundDate') : null,
    foundBy: text('foundBy'),
    level,
    responsibleUnit:
      text('responsibleUnit') ??
      (row.column('enterpriseName')?.alsoAs === 'responsibleUnit' ? enterpriseName || null : null),
    responsiblePerson: text('responsiblePerson'),
    measures: text('measures', true),
    fundsFen: row.has('fundsFen') ? row.money('fundsFen') : null,
    deadlineDate: deadline.date,
    deadlineText: deadline.text,
    emergencyPlan: text('emergencyPlan'),
    interimMeasures: text('interimMeasures', true),
    status,
    completedDate,
    acceptedBy: text('acceptedBy'),
    acceptedDate,
    supervised,
    notes: text('notes', true),
  };
}

/** The columns that speak of a hazard's status, the first the most trusted when they disagree. */
const STATUS_FIELDS = ['status', 'closeResult', 'acceptResult', 'reviewResult', 'doneFlag'] as const;

const rank = (s: HazardStatus) => HAZARD_STATUSES.indexOf(s);

/**
 * The status from every column that speaks of it (整改状态, 是否整改完成, 复查结果, 验收结果, 销号情况), and from the
 * 完成/验收 dates when no column says. Each word allows a range of statuses (开放: not closed; 是: rectified); the
 * status is the furthest a column names within what all allow. Columns that contradict each other (否 against
 * 验收合格) leave a warning on the overruled cell and the most trusted column's word stands.
 */
function readStatus(row: RowReader, completedDate: string | null, acceptedDate: string | null): HazardStatus {
  const votes: { field: string; text: string; value: HazardStatus; range: readonly HazardStatus[] }[] = [];
  for (const field of STATUS_FIELDS) {
    if (!row.has(field)) continue;
    const t = row.text(field);
    if (!t) continue;
    const r = parseStatus(t);
    if (!r.ok) {
      // The 整改状态 column must be readable; a word in another column that is not a status is left out.
      if (field === 'status') row.error(field, r.reason);
      else row.warn(field, `无法识别为整改状态，未采用（${r.reason.replace(/^无法识别的整改状态/, '')}）`);
      continue;
    }
    if (r.note) row.warn(field, r.note, '');
    votes.push({ field, text: t, value: r.value, range: statusRange(t, r.value) });
  }
  if (!votes.length) {
    if (completedDate) {
      row.warn('status', `整改状态为空，已填完成时间（${completedDate}），按“已整改”导入`, '');
      return '已整改';
    }
    if (acceptedDate && !/复查|复核/.test(row.column('acceptedDate')?.header ?? '')) {
      row.warn(
        row.has('status') ? 'status' : 'acceptedDate',
        `整改状态为空，已填验收（销号）日期（${acceptedDate}），按“已验收销号”导入`,
        '',
      );
      return '已验收销号';
    }
    if (row.has('status')) row.warn('status', '整改状态为空，按“未整改”导入', '');
    return '未整改';
  }
  let allowed: readonly HazardStatus[] = HAZARD_STATUSES;
  for (const v of votes) allowed = allowed.filter((s) => v.range.includes(s));
  let status: HazardStatus;
  if (allowed.length) {
    const named = votes.map((v) => v.value).filter((s) => allowed.includes(s));
    status = named.length ? named.reduce((a, b) => (rank(b) > rank(a) ? b : a)) : allowed[0]!;
  } else {
    const lead = votes[0]!;
    status = lead.value;
    const leadCol = row.column(lead.field)!;
    for (const v of votes.slice(1)) {
      if (v.range.includes(status)) continue;
      row.warn(v.field, `与${leadCol.letter}列“${lead.text}”矛盾，按“${status}”导入，请核对`);
    }
  }
  if (status === '未整改' || status === '整改中') {
    if (completedDate) row.warn('completedDate', `填了完成时间，但整改状态是“${status}”，请核对`, '');
    else if (acceptedDate && !row.has('reviewResult'))
      row.warn('acceptedDate', `填了验收（复查）日期，但整改状态是“${status}”，请核对`, '');
  }
  return status;
}
