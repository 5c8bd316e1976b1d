/** One data row of a 明白书 summary, a 工作清单 or a report register → typed values, with problems. */
import type { RowReader } from './rowReader';
import { charCount } from './text';
import type { PledgeImportFields, ReportImportFields, WorklistImportFields } from './types';
import { parsePledgeLevel } from './words';

export function readPledgeRow(row: RowReader): PledgeImportFields {
  let level: number | null = null;
  const levelText = row.text('level');
  if (levelText) {
    const l = parsePledgeLevel(levelText);
    if (l === undefined || l === null) row.warn('level', '不是谈话层级（一级至四级），请在向导中选择', '');
    else level = l;
  }
  let signed: boolean | null = null;
  if (row.has('signed')) {
    signed = row.yesNo('signed');
    if (signed === null && row.written('signed') === '') row.warn('signed', '“是否签订”为空，按未签订统计', '');
  }
  return {
    level,
    talkerName: row.text('talkerName', { required: true }) ?? '',
    talkerTitle: row.text('talkerTitle'),
    talkeeName: row.text('talkeeName', { required: true }) ?? '',
    talkeeUnitName: row.text('talkeeUnitName'),
    talkeeTitle: row.text('talkeeTitle'),
    talkDate: row.has('talkDate') ? row.date('talkDate') : null,
    signed,
    signedDate: row.has('signedDate') ? row.date('signedDate') : null,
    notes: row.text('notes', { multiline: true }),
  };
}

export function readWorklistRow(
  row: RowReader,
  ctx: { unitName: string | null; lengthLimit: number },
): WorklistImportFields {
  const progress = row.text('progress', { multiline: true });
  const progressLength = progress ? charCount(progress) : 0;
  const limit = row.column('progress')?.lengthLimit ?? ctx.lengthLimit;
  const overLimit = progressLength > limit;
  if (overLimit) row.warn('progress', `共${progressLength}字，超过${limit}字的要求`);
  const deadline = row.has('deadlineDate') ? row.deadline('deadlineDate') : { date: null, text: null };
  return {
    unitName: row.text('unitName') ?? ctx.unitName,
    measure: row.text('measure', { multiline: true, required: true }) ?? '',
    progress,
    progressLength,
    overLimit,
    responsibleDept: row.text('responsibleDept'),
    responsiblePerson: row.text('responsiblePerson'),
    deadlineDate: deadline.date,
    deadlineText: deadline.text,
    completedDate: row.has('completedDate') ? row.date('completedDate') : null,
    notes: row.text('notes', { multiline: true }),
  };
}

export function readReportRow(row: RowReader): ReportImportFields {
  return {
    unitName: row.text('unitName', { required: true }) ?? '',
    title: row.text('title'),
    content: row.text('content', { multiline: true }),
    submittedDate: row.has('submittedDate') ? row.date('submittedDate') : null,
    sealed: row.has('sealed') ? row.yesNo('sealed') : null,
    approved: row.has('approved') ? row.yesNo('approved') : null,
    notes: row.text('notes', { multiline: true }),
  };
}
