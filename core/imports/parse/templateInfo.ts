/**
 * The identification a return template carries (a hidden sheet), read back on import. Apart from template.ts, which
 * writes it, so that reading a return never loads the workbook writer.
 */
export const TEMPLATE_INFO_SHEET = '_模板信息';

/** Reads the hidden sheet of a workbook made from a template: which notice and unit it answers. */
export function templateInfo(
  sheets: { name: string; rows: unknown[][] }[],
): { noticeId: number | null; unitId: number | null } | null {
  const s = sheets.find((x) => x.name === TEMPLATE_INFO_SHEET);
  if (!s) return null;
  const get = (k: string) => s.rows.find((r) => r[0] === k)?.[1];
  if (get('template') !== 'anwei-hazard-ledger') return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
  return { noticeId: num(get('noticeId')), unitId: num(get('unitId')) };
}
