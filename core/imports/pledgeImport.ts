import type { AppContext } from '../platform/context';
import type { ParsedReturnOf, PledgeImportFields } from './parse/types';
import { findUnitByName, type Unit } from '../units/service';

export interface PlannedPledge {
  rowNumber: number;
  values: PledgeImportFields;
  talkeeUnitId: number | null;
  talkeeUnitName: string;
  level: number;
  existingId: number | null;
  signedChanged: boolean;
}

export interface PledgePlan {
  create: PlannedPledge[];
  update: PlannedPledge[];
  unchanged: PlannedPledge[];
  /** Talkee units not in the directory: kept as written, linked once the directory knows them. */
  newUnits: string[];
}

/** A 明白书 summary table against the register: one 明白书 per row, unsigned when 否. */
export function planPledges(
  ctx: AppContext,
  parsed: ParsedReturnOf<'pledge'>,
  unit: Unit | null,
  rows: ParsedReturnOf<'pledge'>['rows'],
): PledgePlan {
  const plan: PledgePlan = { create: [], update: [], unchanged: [], newUnits: [] };
  const units = new Map<string, number | null>();
  const find = ctx.sqlite.prepare(
    `select id, status from pledges where deleted_at is null and talker_name = ? and talkee_name = ? and coalesce(talk_date, '') = ?
     and coalesce(reporting_unit_id, talkee_unit_id) = ?`,
  );
  for (const row of rows) {
    const v = row.values;
    const name = v.talkeeUnitName?.trim() || unit?.name || '';
    if (!units.has(name)) units.set(name, name ? (findUnitByName(ctx, name)?.id ?? null) : null);
    const talkeeUnitId = units.get(name) ?? null;
    if (talkeeUnitId === null && name && !plan.newUnits.includes(name)) plan.newUnits.push(name);
    const level = v.level ?? (unit?.kind === '部门' ? 3 : 2);
    const signed = v.signed ?? !!v.signedDate;
    const countsToward = unit?.id ?? talkeeUnitId;
    const old = countsToward
      ? (find.get(v.talkerName, v.talkeeName, v.talkDate ?? '', countsToward) as
          { id: number; status: string } | undefined)
      : undefined;
    const planned: PlannedPledge = {
      rowNumber: row.rowNumber,
      values: v,
      talkeeUnitId,
      talkeeUnitName: name,
      level,
      existingId: old?.id ?? null,
      signedChanged: false,
    };
    if (!old) plan.create.push(planned);
    else {
      planned.signedChanged = (old.status !== '未签订') !== signed;
      (planned.signedChanged ? plan.update : plan.unchanged).push(planned);
    }
  }
  return plan;
}
