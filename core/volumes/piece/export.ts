/**
 * 按件归档 in the export (the mode branch of exporting.ts): which mode a volume row prints in, the refusal to
 * finalise without 全宗号 and 机构（问题）代码, the 件号 of the box's items and the checks particular to boxes.
 */
import type { ArchiveMode } from '../../../db/schema';
import type { AppContext } from '../../platform/context';
import { MODE_WORDS, pieceNoText } from '../../domain/archiveMode';
import { validation } from '../../platform/errors';
import { getSettings } from '../../settings/service';
import { RETENTION_LABELS } from '../archivalNo';
import type { Prepared } from '../prepare';
import { specOf, type VolumeRow } from '../rows';
import type { CheckResult, Problem } from '../types';
import { numberPieces, pieceYear, type PieceNumber } from './registry';

/** A sealed volume keeps the mode it was sealed in; a draft follows the settings. */
export function boxMode(ctx: AppContext, v: Pick<VolumeRow, 'status' | 'archiveMode'>): ArchiveMode {
  return v.status === 'sealed' ? v.archiveMode : getSettings(ctx).archiveMode === 'piece' ? 'piece' : 'volume';
}

export const CODES_HINT =
  '请先在“设置 → 单位与经办人”中填写全宗号和机构（问题）代码（命令行：settings --fonds-code A012 --org-code AW）';

/** 全宗号 and 机构（问题）代码 from the settings; finalising (装盒, export as final) refuses without them. */
export function archiveCodes(ctx: AppContext, finalising: boolean, mode: ArchiveMode = 'piece') {
  const s = getSettings(ctx);
  const fondsCode = s.fondsCode.trim();
  const orgCode = s.orgCode.trim();
  if (finalising && (!fondsCode || !orgCode)) {
    const lack = [!fondsCode ? '全宗号' : '', !orgCode ? '机构（问题）代码' : ''].filter(Boolean).join('和');
    throw validation(`未设置${lack}，不能${MODE_WORDS[mode].finalise}（档号和归档章要用到它们）：${CODES_HINT}`);
  }
  return { fondsCode, orgCode };
}

/**
 * The 件号 of the box's items. Finalising refuses (before anything is written) without 全宗号 / 机构代码; with both
 * set, new 件 are registered now (a draft print too: the numbers it shows are the ones the box keeps); without,
 * a draft shows provisional numbers and registers nothing. A sealed box printed again only reads the registry.
 */
export function numberBox(ctx: AppContext, p: Prepared, finalising: boolean, dryRun = false): Map<number, PieceNumber> {
  const wasSealed = p.v.status === 'sealed';
  const { fondsCode, orgCode } = archiveCodes(ctx, finalising && !wasSealed);
  const store = !dryRun && !wasSealed && !!fondsCode && !!orgCode;
  return numberPieces(
    ctx,
    p.v.id,
    p.items.map((i) => ({ position: i.position, data: i.data, spec: specOf(i.row) })),
    { fondsCode, orgCode, retention: p.header.retention, year: p.header.year },
    store,
  );
}

/** Problems particular to a box, added to its check: codes not set, 件 of another series or 保管期限. */
export function boxProblems(ctx: AppContext, p: Prepared, pieces: Map<number, PieceNumber>): Problem[] {
  const out: Problem[] = [];
  const s = getSettings(ctx);
  if (!s.orgCode.trim())
    out.push({
      code: 'org-code',
      severity: 'warning',
      message: `未设置机构（问题）代码，件号为临时编号，不能装盒：${CODES_HINT}`,
    });
  for (const it of p.items) {
    const n = pieces.get(it.position);
    if (!n) continue;
    if (n.retention !== p.header.retention)
      out.push({
        code: 'piece-series',
        severity: 'warning',
        message: `件号 ${pieceNoText(n.pieceNo)}“${it.data.entry.title}”早先已按“${RETENTION_LABELS[n.retention]}”编号，与本盒的保管期限“${RETENTION_LABELS[p.header.retention]}”不同（件号不变，如需调整请另装一盒）`,
        itemPosition: it.position,
      });
    const year = pieceYear(it.data, p.header.year);
    if (!n.provisional && year !== n.year)
      out.push({
        code: 'piece-series',
        severity: 'warning',
        message: `件号 ${pieceNoText(n.pieceNo)}“${it.data.entry.title}”按 ${n.year} 年度编号，文件日期现为 ${year} 年（件号不变）`,
        itemPosition: it.position,
      });
  }
  const years = new Set([...pieces.values()].map((n) => n.year));
  if (years.size > 1)
    out.push({
      code: 'piece-series',
      severity: 'warning',
      message: `所选文件属于 ${[...years].sort().join('、')} 多个年度；按 DA/T 22 每个年度分别装盒（导出为多个档案盒，盒号依次编排）`,
    });
  return out;
}

/** The check with the box's own problems added (counts updated). */
export function withBoxProblems(check: CheckResult, extra: Problem[]): CheckResult {
  if (!extra.length) return check;
  const problems = [...check.problems, ...extra];
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { ...check, problems, errors, warnings: problems.length - errors, ok: errors === 0 };
}
