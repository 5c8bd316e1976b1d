/**
 * The Chinese name of the field a validation issue points at. The label belongs to the schema: a field's
 * `.meta({ title })` in the contract wins, so `level` is 隐患等级 in a hazard and 谈话层级 in a 明白书; the flat
 * FIELD_LABELS map names the fields whose meaning is the same everywhere.
 */
import type { z } from 'zod';
import { FIELD_LABELS } from './labels';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function titleOf(s: z.ZodType): string | undefined {
  const meta = s.meta() as { title?: unknown } | undefined;
  return typeof meta?.title === 'string' ? meta.title : undefined;
}

/** The title on this schema or on what it wraps (optional, nullable, default, pipe). */
function ownTitle(s: z.ZodType | undefined): string | undefined {
  for (let cur = s, n = 0; cur && n < 10; n++) {
    const t = titleOf(cur);
    if (t) return t;
    const d = defOf(cur);
    cur = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
  }
  return undefined;
}

/** Follows one path step (an object key or an array index) into the schema; undefined when it cannot. */
function step(s: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  for (let cur: z.ZodType | undefined = s, n = 0; cur && n < 10; n++) {
    const d = defOf(cur);
    if (d.type === 'object' && typeof key === 'string') return d.shape?.[key];
    if (d.type === 'array' && typeof key === 'number') return d.element;
    if (d.type === 'record' && typeof key === 'string') return d.valueType;
    cur = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
  }
  return undefined;
}

/**
 * The label of the deepest named field on `path` in `schema`, with the item number when the path goes through
 * a list: "谈话层级", "单位清单（第 3 项）". Empty when the path names no field (the whole input).
 */
export function fieldLabel(schema: z.ZodType, path: readonly PropertyKey[]): string {
  let cur: z.ZodType | undefined = schema;
  let label = '';
  let index: number | undefined;
  for (const key of path) {
    cur = cur ? step(cur, key) : undefined;
    if (typeof key === 'string') {
      label = ownTitle(cur) ?? FIELD_LABELS[key] ?? key;
    } else if (typeof key === 'number' && index === undefined) {
      index = key;
    }
  }
  if (!label) return '';
  return index !== undefined ? `${label}（第 ${index + 1} 项）` : label;
}
