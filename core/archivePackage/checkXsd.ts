/**
 * Validation of an XML file against an XSD, for the subset of XML Schema the package's schemas use: global and local
 * elements (name/ref, type, minOccurs/maxOccurs), named and anonymous complex types with sequence/choice/all (nested),
 * attributes (use="required"), simple content with attributes, named and anonymous simple types restricting a
 * built-in type (enumeration, pattern, length, minLength, maxLength, minInclusive, maxInclusive), and xs:any. A
 * construct outside that subset is reported (as a finding of the schema, not of the file) rather than ignored.
 * Namespaces are compared by local name.
 */
import { type XmlElement, textOf } from './checkXml';

export interface XsdSchema {
  elements: Map<string, XmlElement>;
  complexTypes: Map<string, XmlElement>;
  simpleTypes: Map<string, XmlElement>;
  /** Constructs this validator does not know, found while reading the schema. */
  unsupported: string[];
}

const KNOWN = new Set([
  'schema',
  'element',
  'complexType',
  'simpleType',
  'sequence',
  'choice',
  'all',
  'attribute',
  'restriction',
  'enumeration',
  'pattern',
  'length',
  'minLength',
  'maxLength',
  'minInclusive',
  'maxInclusive',
  'totalDigits',
  'fractionDigits',
  'whiteSpace',
  'simpleContent',
  'extension',
  'any',
  'anyAttribute',
  'union',
  'annotation',
  'documentation',
  'appinfo',
]);

export function readSchema(doc: XmlElement): XsdSchema {
  const s: XsdSchema = { elements: new Map(), complexTypes: new Map(), simpleTypes: new Map(), unsupported: [] };
  for (const c of doc.children) {
    const name = c.attrs.name;
    if (!name) continue;
    if (c.local === 'element') s.elements.set(name, c);
    if (c.local === 'complexType') s.complexTypes.set(name, c);
    if (c.local === 'simpleType') s.simpleTypes.set(name, c);
  }
  const walk = (e: XmlElement) => {
    if (!KNOWN.has(e.local) && !s.unsupported.includes(e.local)) s.unsupported.push(e.local);
    if (e.local !== 'annotation') e.children.forEach(walk);
  };
  walk(doc);
  return s;
}

const local = (q: string | undefined) => (q ? q.slice(q.indexOf(':') + 1) : '');

const BUILTIN: Record<string, (v: string) => boolean> = {
  string: () => true,
  normalizedString: () => true,
  token: () => true,
  anyURI: () => true,
  anySimpleType: () => true,
  integer: (v) => /^[+-]?\d+$/.test(v.trim()),
  int: (v) => /^[+-]?\d+$/.test(v.trim()) && Math.abs(Number(v)) <= 2 ** 31,
  long: (v) => /^[+-]?\d+$/.test(v.trim()),
  nonNegativeInteger: (v) => /^\+?\d+$/.test(v.trim()),
  positiveInteger: (v) => /^\+?\d+$/.test(v.trim()) && Number(v) > 0,
  decimal: (v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v.trim()),
  boolean: (v) => /^(true|false|0|1)$/.test(v.trim()),
  date: (v) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2})?$/.test(v.trim()),
  dateTime: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(v.trim()),
  gYear: (v) => /^\d{4}$/.test(v.trim()),
  hexBinary: (v) => /^([0-9a-fA-F]{2})*$/.test(v.trim()),
  base64Binary: (v) => /^[A-Za-z0-9+/=\s]*$/.test(v),
};

const TYPE_LABEL: Record<string, string> = {
  integer: '整数',
  int: '整数',
  long: '整数',
  nonNegativeInteger: '非负整数',
  positiveInteger: '正整数',
  decimal: '数值',
  boolean: '布尔值',
  date: '日期（YYYY-MM-DD）',
  dateTime: '日期时间',
  gYear: '年份',
  hexBinary: '十六进制串',
};

interface Ctx {
  schema: XsdSchema;
  errors: string[];
}

const at = (e: XmlElement) => `第 ${e.line} 行 <${e.name}>`;

function checkSimple(ctx: Ctx, typeName: string | null, def: XmlElement | null, value: string, where: string): void {
  if (ctx.errors.length > 50) return;
  if (!def) {
    const t = local(typeName ?? 'string');
    const named = ctx.schema.simpleTypes.get(t);
    if (named) return checkSimple(ctx, null, named, value, where);
    const test = BUILTIN[t];
    if (!test) return; // an unknown built-in (e.g. xs:duration): not checked
    if (!test(value)) ctx.errors.push(`${where} 的值“${value}”不是${TYPE_LABEL[t] ?? t}`);
    return;
  }
  const union = def.children.find((c) => c.local === 'union');
  if (union) {
    // valid when valid against any member type (named in memberTypes, or inline)
    const members: [string | null, XmlElement | null][] = [
      ...(union.attrs.memberTypes ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((t): [string, null] => [t, null]),
      ...union.children.filter((c) => c.local === 'simpleType').map((c): [null, XmlElement] => [null, c]),
    ];
    const ok = members.some(([t, d]) => {
      const probe: Ctx = { schema: ctx.schema, errors: [] };
      checkSimple(probe, t, d, value, where);
      return probe.errors.length === 0;
    });
    if (!ok) ctx.errors.push(`${where} 的值“${value}”不符合允许的格式`);
    return;
  }
  const r = def.children.find((c) => c.local === 'restriction');
  if (!r) return; // list: not checked
  const inline = r.children.find((c) => c.local === 'simpleType') ?? null;
  checkSimple(ctx, r.attrs.base ?? null, inline, value, where);
  const facets = r.children;
  const enums = facets.filter((f) => f.local === 'enumeration').map((f) => f.attrs.value ?? '');
  if (enums.length && !enums.includes(value))
    ctx.errors.push(`${where} 的值“${value}”不在允许的取值（${enums.join('、')}）中`);
  const patterns = facets.filter((f) => f.local === 'pattern').map((f) => f.attrs.value ?? '');
  if (patterns.length) {
    const ok = patterns.some((p) => {
      try {
        return new RegExp(`^(?:${p})$`, 'u').test(value);
      } catch {
        return true;
      }
    });
    if (!ok) ctx.errors.push(`${where} 的值“${value}”不符合格式 ${patterns.join(' 或 ')}`);
  }
  const len = [...value].length;
  for (const f of facets) {
    const n = Number(f.attrs.value);
    if (f.local === 'length' && len !== n) ctx.errors.push(`${where} 的长度应为 ${n}，实为 ${len}`);
    if (f.local === 'minLength' && len < n) ctx.errors.push(`${where} 不能为空或少于 ${n} 个字符`);
    if (f.local === 'maxLength' && len > n) ctx.errors.push(`${where} 超过 ${n} 个字符`);
    if (f.local === 'minInclusive' && Number(value) < n) ctx.errors.push(`${where} 的值 ${value} 小于 ${n}`);
    if (f.local === 'maxInclusive' && Number(value) > n) ctx.errors.push(`${where} 的值 ${value} 大于 ${n}`);
  }
}

/** Resolves an element declaration (following ref) to its declaration. */
function resolveDecl(ctx: Ctx, decl: XmlElement): XmlElement {
  if (decl.attrs.ref) return ctx.schema.elements.get(local(decl.attrs.ref)) ?? decl;
  return decl;
}

const declName = (ctx: Ctx, decl: XmlElement) => resolveDecl(ctx, decl).attrs.name ?? local(decl.attrs.ref);
const occurs = (p: XmlElement) => ({
  min: p.attrs.minOccurs === undefined ? 1 : Number(p.attrs.minOccurs),
  max: p.attrs.maxOccurs === 'unbounded' ? Infinity : p.attrs.maxOccurs === undefined ? 1 : Number(p.attrs.maxOccurs),
});

function validateElement(ctx: Ctx, el: XmlElement, declIn: XmlElement): void {
  if (ctx.errors.length > 50) return;
  const decl = resolveDecl(ctx, declIn);
  const inlineComplex = decl.children.find((c) => c.local === 'complexType');
  const inlineSimple = decl.children.find((c) => c.local === 'simpleType');
  const typeName = decl.attrs.type ? local(decl.attrs.type) : null;
  const complex = inlineComplex ?? (typeName ? ctx.schema.complexTypes.get(typeName) : undefined);
  if (complex) return validateComplex(ctx, el, complex);
  if (!inlineSimple && !typeName) return; // anyType
  if (typeName === 'anyType') return;
  if (el.children.length) {
    ctx.errors.push(`${at(el)} 只能是文字，不能含子元素 <${el.children[0]!.name}>`);
    return;
  }
  checkSimple(ctx, typeName, inlineSimple ?? null, el.text.trim(), at(el));
}

function validateAttributes(ctx: Ctx, el: XmlElement, attrDecls: XmlElement[], anyAttr: boolean): void {
  const declared = new Map(attrDecls.map((a) => [a.attrs.name ?? local(a.attrs.ref), a]));
  for (const [name, a] of declared) {
    const v = el.attrs[name];
    if (v === undefined) {
      if (a.attrs.use === 'required') ctx.errors.push(`${at(el)} 缺少必需的属性 ${name}`);
      continue;
    }
    const inline = a.children.find((c) => c.local === 'simpleType') ?? null;
    checkSimple(ctx, a.attrs.type ?? null, inline, v, `${at(el)} 的属性 ${name}`);
  }
  if (anyAttr) return;
  for (const name of Object.keys(el.attrs)) {
    if (declared.has(name) || name.startsWith('xmlns') || name.startsWith('xsi:') || name.startsWith('xml:')) continue;
    ctx.errors.push(`${at(el)} 有未声明的属性 ${name}`);
  }
}

function validateComplex(ctx: Ctx, el: XmlElement, type: XmlElement): void {
  const simpleContent = type.children.find((c) => c.local === 'simpleContent');
  if (simpleContent) {
    const ext = simpleContent.children.find((c) => c.local === 'extension' || c.local === 'restriction');
    if (el.children.length) ctx.errors.push(`${at(el)} 只能是文字，不能含子元素 <${el.children[0]!.name}>`);
    if (ext) {
      checkSimple(ctx, ext.attrs.base ?? null, null, el.text.trim(), at(el));
      validateAttributes(
        ctx,
        el,
        ext.children.filter((c) => c.local === 'attribute'),
        ext.children.some((c) => c.local === 'anyAttribute'),
      );
    }
    return;
  }
  validateAttributes(
    ctx,
    el,
    type.children.filter((c) => c.local === 'attribute'),
    type.children.some((c) => c.local === 'anyAttribute'),
  );
  const group = type.children.find((c) => ['sequence', 'choice', 'all'].includes(c.local));
  if (!group) {
    if (el.children.length) ctx.errors.push(`${at(el)} 不应含子元素 <${el.children[0]!.name}>`);
    return;
  }
  if (type.attrs.mixed !== 'true' && el.text.trim())
    ctx.errors.push(`${at(el)} 中有不属于任何子元素的文字“${el.text.trim().slice(0, 20)}”`);
  const used = matchParticle(ctx, group, el.children, 0, el);
  if (used < el.children.length) {
    const extra = el.children[used]!;
    ctx.errors.push(`${at(el)} 中的 <${extra.name}>（第 ${extra.line} 行）不应出现在此处或多余`);
  }
}

/** Matches a particle (element, sequence, choice, all, any) with its occurrences from `from`; returns the next index. */
function matchParticle(ctx: Ctx, p: XmlElement, kids: XmlElement[], from: number, parent: XmlElement): number {
  const { min, max } = occurs(p);
  let i = from;
  let n = 0;
  while (n < max) {
    const before = ctx.errors.length;
    const next = matchOnce(ctx, p, kids, i, parent, n < min);
    if (next === null || next === i) {
      if (n >= min)
        ctx.errors.length = before; // an optional further occurrence that is not there
      else if (next === null && p.local === 'element')
        ctx.errors.push(`${at(parent)} 缺少必需的元素 <${declName(ctx, p)}>${min > 1 ? `（至少 ${min} 个）` : ''}`);
      break;
    }
    i = next;
    n++;
  }
  return i;
}

/** One occurrence of a particle at `i`; null when it does not match here (errors only when `required`). */
function matchOnce(
  ctx: Ctx,
  p: XmlElement,
  kids: XmlElement[],
  i: number,
  parent: XmlElement,
  required: boolean,
): number | null {
  const kid = kids[i];
  switch (p.local) {
    case 'element': {
      if (!kid || kid.local !== declName(ctx, p)) return null;
      validateElement(ctx, kid, p);
      return i + 1;
    }
    case 'any':
      return kid ? i + 1 : null;
    case 'sequence': {
      let j = i;
      for (const c of p.children.filter((x) => x.local !== 'annotation')) j = matchParticle(ctx, c, kids, j, parent);
      return j;
    }
    case 'choice': {
      const alts = p.children.filter((x) => x.local !== 'annotation');
      for (const alt of alts) {
        if (alt.local === 'element' && kid?.local !== declName(ctx, alt)) continue;
        const before = ctx.errors.length;
        const j = matchParticle(ctx, alt, kids, i, parent);
        if (j > i) return j;
        ctx.errors.length = before;
      }
      if (required)
        ctx.errors.push(
          `${at(parent)} 缺少以下元素之一：${alts
            .filter((a) => a.local === 'element')
            .map((a) => `<${declName(ctx, a)}>`)
            .join('、')}`,
        );
      return required ? i : null;
    }
    case 'all': {
      const decls = p.children.filter((x) => x.local === 'element');
      const seen = new Set<string>();
      let j = i;
      while (j < kids.length) {
        const d = decls.find((x) => declName(ctx, x) === kids[j]!.local);
        if (!d || seen.has(kids[j]!.local)) break;
        seen.add(kids[j]!.local);
        validateElement(ctx, kids[j]!, d);
        j++;
      }
      for (const d of decls)
        if (occurs(d).min > 0 && !seen.has(declName(ctx, d)))
          ctx.errors.push(`${at(parent)} 缺少必需的元素 <${declName(ctx, d)}>`);
      return j;
    }
    default:
      return null;
  }
}

/** Validates a document against a schema; returns the errors in Chinese (empty when valid). */
export function validateAgainst(schema: XsdSchema, root: XmlElement): string[] {
  const ctx: Ctx = { schema, errors: [] };
  const decl = schema.elements.get(root.local);
  if (!decl) return [`XSD 中没有根元素 <${root.local}> 的定义`];
  validateElement(ctx, root, decl);
  return ctx.errors.slice(0, 50);
}

/** The text of an element as the schema sees it (for callers that want the value checked elsewhere). */
export const valueOf = textOf;
