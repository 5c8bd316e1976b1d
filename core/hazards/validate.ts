/**
 * Checking a 隐患 before it is written: required fields, levels and statuses, dates in order, lengths, units and
 * a notice that exist, attachments that exist (validateHazard); and the facts the closure rules look at
 * (closureFacts, attachmentRoles).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { hazardAttachments, notices, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { isIsoDate, todayIso } from '../domain/dates';
import { HAZARD_LEVELS, HAZARD_STATUSES } from '../domain/hazard';
import { CLOSURE_REPORT_ROLES, type ClosureFacts } from '../domain/closure';
import { cleanText } from '../domain/text';
import { notFound, validation } from '../platform/errors';
import { getAttachments } from '../attachments/service';
import type { HazardInput } from './service';

const opt = (s: string | null | undefined, max = 2000) => {
  const v = cleanText(s);
  if (v.length > max) throw validation(`内容过长（最多 ${max} 字）：${v.slice(0, 20)}…`);
  return v || null;
};

/** What the closure rules look at, from a hazard's fields and its attachments' roles. */
export function closureFacts(h: Omit<ClosureFacts, 'hasReport'>, roles: readonly string[]): ClosureFacts {
  return {
    level: h.level,
    measures: h.measures,
    completedDate: h.completedDate,
    acceptedBy: h.acceptedBy,
    acceptedDate: h.acceptedDate,
    responsibleUnit: h.responsibleUnit,
    responsiblePerson: h.responsiblePerson,
    fundsFen: h.fundsFen,
    deadlineDate: h.deadlineDate,
    deadlineText: h.deadlineText,
    emergencyPlan: h.emergencyPlan,
    hasReport: roles.some((r) => CLOSURE_REPORT_ROLES.includes(r)),
  };
}

/** The roles of the attachments of stored hazards, by hazard. */
export function attachmentRoles(ctx: AppContext, ids: number[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  if (!ids.length) return m;
  const rows = ctx.db
    .select({ hazardId: hazardAttachments.hazardId, role: hazardAttachments.role })
    .from(hazardAttachments)
    .where(inArray(hazardAttachments.hazardId, ids))
    .all();
  for (const r of rows) m.set(r.hazardId, [...(m.get(r.hazardId) ?? []), r.role]);
  return m;
}

export function validateHazard(ctx: AppContext, i: HazardInput) {
  const level = i.level ?? '一般';
  const status = i.status ?? '未整改';
  if (!HAZARD_LEVELS.includes(level)) throw validation(`隐患等级只能是“一般”或“重大”，收到的是“${level}”`);
  if (!HAZARD_STATUSES.includes(status))
    throw validation(`整改状态“${status}”不对，应为：${HAZARD_STATUSES.join('、')}`);
  const enterpriseName = cleanText(i.enterpriseName);
  const description = cleanText(i.description);
  if (!enterpriseName) throw validation('隐患单位不能为空');
  if (!description) throw validation('隐患描述不能为空');
  const today = todayIso(ctx.now());
  for (const [label, d] of [
    ['发现日期', i.foundDate],
    ['整改时限', i.deadlineDate],
    ['整改完成日期', i.completedDate],
    ['验收日期', i.acceptedDate],
    ['督办期限', i.supervisionDeadline],
  ] as const) {
    if (d && !isIsoDate(d)) throw validation(`${label}“${d}”不是有效日期（应为年-月-日，如 2026-11-30）`);
  }
  if (i.foundDate && i.foundDate > today) throw validation(`发现日期 ${i.foundDate} 晚于今天，请核对`);
  if (i.completedDate && i.foundDate && i.completedDate < i.foundDate) throw validation('整改完成日期不能早于发现日期');
  if (i.acceptedDate && i.completedDate && i.acceptedDate < i.completedDate)
    throw validation('验收日期不能早于整改完成日期');
  if (i.fundsFen !== null && i.fundsFen !== undefined && (!Number.isSafeInteger(i.fundsFen) || i.fundsFen < 0)) {
    throw validation('整改资金必须是不小于 0 的金额');
  }
  const township = i.townshipUnitId
    ? ctx.db
        .select()
        .from(units)
        .where(and(eq(units.id, i.townshipUnitId), isNull(units.deletedAt)))
        .get()
    : undefined;
  if (i.townshipUnitId && !township) throw notFound(`编号为 ${i.townshipUnitId} 的单位不在单位名录中`);
  const values = {
    hazardNo: opt(i.hazardNo, 50),
    enterpriseName,
    townshipUnitId: i.townshipUnitId ?? null,
    townshipName: township?.name ?? opt(i.townshipName, 100),
    village: opt(i.village, 100),
    industry: opt(i.industry, 50),
    category: opt(i.category, 50),
    description,
    location: opt(i.location, 500),
    source: opt(i.source, 50),
    foundDate: i.foundDate || null,
    foundBy: opt(i.foundBy, 100),
    level,
    responsibleUnit: opt(i.responsibleUnit, 200),
    responsiblePerson: opt(i.responsiblePerson, 100),
    measures: opt(i.measures),
    fundsFen: i.fundsFen ?? null,
    deadlineDate: i.deadlineDate || null,
    deadlineText: i.deadlineDate ? null : opt(i.deadlineText, 100),
    emergencyPlan: opt(i.emergencyPlan, 500),
    interimMeasures: opt(i.interimMeasures),
    status,
    completedDate: i.completedDate || null,
    acceptedBy: opt(i.acceptedBy, 100),
    acceptedDate: i.acceptedDate || null,
    // 重大 hazards are 挂牌督办 (and shown on the 工作台 until 销号).
    supervised: level === '重大' || !!i.supervised,
    supervisingUnit: opt(i.supervisingUnit, 100),
    supervisionDeadline: i.supervisionDeadline || null,
    notes: opt(i.notes),
    noticeId: i.noticeId ?? null,
    reportingUnitId: i.reportingUnitId ?? null,
  };
  for (const uid of [values.townshipUnitId, values.reportingUnitId]) {
    if (
      uid &&
      !ctx.db
        .select()
        .from(units)
        .where(and(eq(units.id, uid), isNull(units.deletedAt)))
        .get()
    ) {
      throw notFound(`编号为 ${uid} 的单位不在单位名录中`);
    }
  }
  if (values.noticeId && !ctx.db.select().from(notices).where(eq(notices.id, values.noticeId)).get()) {
    throw notFound(`找不到编号为 ${values.noticeId} 的通知`);
  }
  const ids = (i.attachments ?? []).map((a) => a.attachmentId);
  if (getAttachments(ctx, ids).length !== new Set(ids).size) throw notFound('所选附件有的已不存在，请重新添加');
  return values;
}
