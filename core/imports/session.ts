import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { validation } from '../platform/errors';
import { getNotice } from '../notices/service';
import { commitImport } from './commit';
import { planImport, planSummary, PREVIEW_ROWS, type ImportOptions } from './preview';
import { sendReturnLetter } from './letter';
import { hazardTemplate } from './template';
import { importRun } from './progress';
import { saveAndOpen } from '../files/saveAs';

/**
 * The import wizard's files: the main process keeps the path the clerk picked in the dialog and hands the page
 * a token, so the page never sends a file path of its own.
 */
const picked = new Map<string, string>();

const RETURN_FILTERS = [{ name: 'Excel/WPS 表格或 CSV', extensions: ['xlsx', 'xls', 'et', 'ods', 'csv'] }];

export async function pickImportFile(ctx: AppContext) {
  const [file] = await ctx.ports.pickFiles({ title: '选择单位报送的表格', filters: RETURN_FILTERS, multiple: false });
  if (!file) return null;
  const token = crypto.randomBytes(16).toString('hex');
  picked.set(token, file);
  return { token, fileName: path.basename(file), size: fs.statSync(file).size };
}

function fileOf(token: string): string {
  const f = picked.get(token);
  if (!f) throw validation('请重新选择要导入的文件');
  return f;
}

/** The preview the wizard shows: the plan's summary plus the rows as they will be stored (first 500). */
export async function previewImport(ctx: AppContext, token: string, opts: ImportOptions, jobId?: string) {
  const file = fileOf(token);
  const run = importRun(jobId, 'preview');
  let plan;
  try {
    plan = await planImport(ctx, file, opts, run);
  } finally {
    run.finish();
  }
  return {
    ...planSummary(plan),
    sheets: plan.parsed.sheets,
    meta: plan.parsed.meta,
    header: plan.parsed.header,
    fingerprint: plan.parsed.fingerprint,
    noticeId: plan.noticeId,
    sample: plan.parsed.rows.slice(0, PREVIEW_ROWS).map((r) => ({
      rowNumber: r.rowNumber,
      values: r.values,
      raw: r.raw,
      problems: r.problems,
      importable: r.importable,
    })),
  };
}

export async function commitPicked(ctx: AppContext, token: string, opts: ImportOptions, jobId?: string) {
  const file = fileOf(token);
  const run = importRun(jobId, 'commit');
  try {
    return await commitImport(ctx, file, opts, run);
  } finally {
    run.finish();
  }
}

export function returnLetterPicked(ctx: AppContext, token: string, opts: ImportOptions) {
  return sendReturnLetter(ctx, fileOf(token), opts);
}

export async function saveTemplate(ctx: AppContext, noticeId: number, unitId?: number) {
  const notice = getNotice(ctx, noticeId);
  return saveAndOpen(
    ctx,
    { title: '保存报送模板', defaultName: `隐患台账报送模板_${notice.docNo}.xlsx`, kind: 'xlsx', then: 'show' },
    () => hazardTemplate(ctx, noticeId, unitId),
  );
}
