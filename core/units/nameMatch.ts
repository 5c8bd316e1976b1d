/**
 * The SQL that finds the directory's live unit for a name as written (the unit's own name, or one of its aliases).
 * Each feature that keeps a unit's name beside its unit id uses it to link its own records once the directory
 * knows the name (see core/units/links.ts).
 */
export function unitIdByNameSql(table: string, nameCol: string): string {
  return `coalesce(
    (select u.id from units u where u.name = ${table}.${nameCol} and u.deleted_at is null),
    (select a.unit_id from unit_aliases a join units u on u.id = a.unit_id where a.alias = ${table}.${nameCol} and u.deleted_at is null))`;
}
