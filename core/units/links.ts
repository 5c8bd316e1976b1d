import type { AppContext } from '../platform/context';

/**
 * Links records that kept a unit's name as written (imports: 隐患's 乡镇, 明白书's 谈话对象单位, 报送单位) to the
 * directory's unit of that name or alias, once the directory knows it. Called after units change.
 */
export function linkRecordsToUnits(ctx: AppContext): number {
  return (
    linkNamed(ctx, 'hazards', 'township_unit_id', 'township_name') +
    linkNamed(ctx, 'pledges', 'talkee_unit_id', 'talkee_unit_name') +
    linkNamed(ctx, 'return_submissions', 'unit_id', 'unit_name')
  );
}

function linkNamed(ctx: AppContext, table: string, idCol: string, nameCol: string): number {
  const match = `coalesce(
    (select u.id from units u where u.name = ${table}.${nameCol} and u.deleted_at is null),
    (select a.unit_id from unit_aliases a join units u on u.id = a.unit_id where a.alias = ${table}.${nameCol} and u.deleted_at is null))`;
  return ctx.sqlite
    .prepare(
      `update ${table} set ${idCol} = ${match} where ${idCol} is null and ${nameCol} is not null and ${match} is not null`,
    )
    .run().changes;
}
