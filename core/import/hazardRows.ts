/** One data row of a hazard ledger → HazardFields, with the row's problems. */
import type { HazardFields, HazardStatus } from '../domain/hazard';
import { headerKey } from './fields';
import { townshipFromName } from './names';
import type { RowReader } from './rowReader';
import type { ParsedColumn } from './types';
import { parseLevel, parseStatus, parseSupervised } from './words';

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

  let status: HazardStatus = '未整改';
  const statusText = row.text('status');
  if (statusText) {
    const r = parseStatus(statusText);
    if (r.ok) {
      status = r.value;
      if (r.note) row.warn('status', r.note, '');
    } else row.error('status', r.reason);
  } else if (completedDate) {
    status = '已整改';
    row.warn('status', `整改状态为空，已填完成时间（${completedDate}），按“已整改”导入`, '');
  } else if (row.has('status')) {
    row.warn('status', '整改状态为空，按“未整改”导入', '');
  }
  if ((status === '未整改' || status === '整改中') && completedDate) {
    row.warn('completedDate', `填了完成时间，但整改状态是“${status}”，请核对`, '');
  } else if ((status === '未整改' || status === '整改中') && acceptedDate) {
    row.warn('acceptedDate', `填了验收（复查）日期，但整改状态是“${status}”，请核对`, '');
  }

  const supervised = row.has('supervised') ? (row.yesNo('supervised', parseSupervised) ?? false) : false;

  return {
    hazardNo: text('hazardNo'),
    enterpriseName,
    townshipName,
    village: text('village'),
    industry: text('industry'),
    description,
    location: text('location'),
    source: text('source'),
    foundDate: row.has('foundDate') ? row.date('foundDate') : null,
    foundBy: text('foundBy'),
    level,
    responsibleUnit: text('responsibleUnit'),
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
