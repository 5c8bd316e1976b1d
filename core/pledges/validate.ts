/**
 * Checking a 明白书 before it is written: names, titles, dates in order, a talkee unit and reporting unit that
 * exist, a notice that exists, attachments that exist (validatePledge); and the duplicate check (the same talk
 * registered twice is refused unless confirmed).
 */
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { pledges, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { isIsoDate, todayIso } from '../domain/dates';
import { pledgeLevel } from '../domain/pledgeLevels';
import { cleanText } from '../domain/text';
import { conflict, notFound, validation } from '../platform/errors';
import { getAttachments } from '../attachments/service';
import { getNotice } from '../notices/service';
import { getPledge } from './service';
import type { PledgeInput, PledgeView } from './service';

function requireLiveUnit(ctx: AppContext, id: number, what: string) {
  const u = ctx.db
    .select()
    .from(units)
    .where(and(eq(units.id, id), isNull(units.deletedAt)))
    .get();
  if (!u) throw notFound(`${what}（编号 ${id}）不在单位名录中，请先添加该单位`);
  return u;
}

/** Checks a 明白书 and returns the row values to store. */
export function validatePledge(ctx: AppContext, i: PledgeInput) {
  const level = pledgeLevel(i.level);
  if (!level) throw validation(`谈话层级必须是 1 到 4（附件2 的四个层级），收到的是“${i.level}”`);
  const fields = {
    talkerName: ['谈话人', cleanText(i.talkerName)],
    talkerTitle: ['谈话人职务', cleanText(i.talkerTitle)],
    talkeeName: ['谈话对象', cleanText(i.talkeeName)],
    talkeeTitle: ['谈话对象职务', cleanText(i.talkeeTitle)],
  } as const;
  for (const [label, v] of Object.values(fields)) {
    if (!v) throw validation(`${label}不能为空`);
    if (v.length > 100) throw validation(`${label}太长（最多 100 字）`);
  }
  for (const [label, d] of [
    ['谈话日期', i.talkDate],
    ['签订日期', i.signedDate],
  ] as const) {
    if (d && !isIsoDate(d)) throw validation(`${label}“${d}”不是有效日期（应为年-月-日，如 2026-11-30）`);
  }
  const today = todayIso(ctx.now());
  if (i.talkDate && i.talkDate > today) throw validation(`谈话日期 ${i.talkDate} 晚于今天，请核对`);
  if (i.signedDate && i.signedDate > today) throw validation(`签订日期 ${i.signedDate} 晚于今天，请核对`);
  if (i.talkDate && i.signedDate && i.signedDate < i.talkDate) throw validation('签订日期不能早于谈话日期');
  if (!i.signed && i.signedDate) throw validation('填写了签订日期，请同时勾选“已签订”');
  if (i.signed && !i.signedDate)
    throw validation('标为“已签订”的明白书必须填写签订日期，请填写签订日期，或取消“已签订”');
  const talkee = i.talkeeUnitId ? requireLiveUnit(ctx, i.talkeeUnitId, '谈话对象单位') : null;
  const talkeeUnitName = talkee?.name ?? cleanText(i.talkeeUnitName);
  if (!talkeeUnitName) throw validation('请选择谈话对象单位');
  if (i.reportingUnitId) requireLiveUnit(ctx, i.reportingUnitId, '报送单位');
  if (i.noticeId) getNotice(ctx, i.noticeId);
  const ids = i.attachmentIds ?? [];
  if (new Set(ids).size !== ids.length) throw validation('同一扫描件不能重复添加');
  const found = getAttachments(ctx, ids);
  if (found.length !== ids.length) throw notFound('所选扫描件有的已不存在，请重新添加扫描件');
  return {
    noticeId: i.noticeId ?? null,
    level: level.level,
    talkerName: fields.talkerName[1],
    talkerTitle: fields.talkerTitle[1],
    talkeeName: fields.talkeeName[1],
    talkeeUnitId: i.talkeeUnitId ?? null,
    talkeeUnitName,
    talkeeTitle: fields.talkeeTitle[1],
    reportingUnitId: i.reportingUnitId && i.reportingUnitId !== i.talkeeUnitId ? i.reportingUnitId : null,
    talkDate: i.talkDate || null,
    signedDate: i.signedDate || null,
    custody: cleanText(i.custody) || level.defaultCustody,
    status: i.signed ? ('已签订' as const) : ('未签订' as const),
    notes: cleanText(i.notes) || null,
  };
}

type PledgeValues = ReturnType<typeof validatePledge>;

/**
 * A live 明白书 that says the same as `v` (same 谈话人, 谈话对象, 谈话对象单位, 谈话日期 and 通知), other than `selfId`:
 * saving a second one would count the talk twice in 签订覆盖 and bind it twice into the volume.
 */
export function findDuplicatePledge(ctx: AppContext, v: PledgeValues, selfId: number | null): PledgeView | null {
  const conds: SQL[] = [
    isNull(pledges.deletedAt),
    eq(pledges.talkerName, v.talkerName),
    eq(pledges.talkeeName, v.talkeeName),
    v.noticeId === null ? isNull(pledges.noticeId) : eq(pledges.noticeId, v.noticeId),
    v.talkDate === null ? isNull(pledges.talkDate) : eq(pledges.talkDate, v.talkDate),
    v.talkeeUnitId !== null
      ? eq(pledges.talkeeUnitId, v.talkeeUnitId)
      : and(isNull(pledges.talkeeUnitId), eq(pledges.talkeeUnitName, v.talkeeUnitName))!,
  ];
  if (selfId !== null) conds.push(sql`${pledges.id} != ${selfId}`);
  const hit = ctx.db
    .select({ id: pledges.id })
    .from(pledges)
    .where(and(...conds))
    .orderBy(asc(pledges.id))
    .get();
  return hit ? getPledge(ctx, hit.id) : null;
}

export function refuseDuplicate(
  ctx: AppContext,
  v: PledgeValues,
  selfId: number | null,
  confirmed: boolean | undefined,
) {
  if (confirmed) return;
  const dup = findDuplicatePledge(ctx, v, selfId);
  if (!dup) return;
  const when = dup.talkDate ? `${dup.talkDate} ` : '';
  const notice = dup.noticeDocNo ? `（${dup.noticeDocNo}）` : '';
  throw conflict(
    `疑似重复：已有一份相同的明白书（编号 ${dup.id}，${when}${dup.talkerName}→${dup.talkeeName}，${dup.talkeeUnitName}${notice}，${dup.status}）。` +
      '请打开该记录核对；确属另一份时点“仍然保存”（命令行加 --confirm-duplicate）。',
  );
}
