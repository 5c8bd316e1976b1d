/**
 * A minimal XML tokenizer over bytes, for the parts of an .xlsx. It works on UTF-8 bytes, never on decoded
 * chunks: every structural character (< > " ' = / &) is ASCII and can never be part of a multi-byte sequence,
 * so a tag or a text is found by its bytes and decoded whole — a Chinese character is never cut in two, where
 * ever a chunk of the inflated stream ends. Element and attribute names are compared by local name (after
 * any "x:" prefix), as some writers prefix every element.
 */
import { XlsxUnsupported } from './xlsxStreamZip';

export const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOT = 0x22;
const APOS = 0x27;
const EQ = 0x3d;
const COLON = 0x3a;
const BANG = 0x21;
const QMARK = 0x3f;

export const ELEMENT = 0;
export const SKIP = 1; // comment, processing instruction
export const CDATA = 2;

/** The tag found by scanTag (one instance reused: no allocation per tag). */
export class Tag {
  kind = ELEMENT;
  /** Index of '<'. */
  start = 0;
  /** Index just after '>'. */
  end = 0;
  /** The qualified name, and where its local part starts. */
  qStart = 0;
  nameStart = 0;
  nameEnd = 0;
  close = false;
  selfClose = false;
}

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === GT || c === SLASH || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Reads the markup at b[lt] (which is '<') into `tag`. Returns false when it is cut off before `end` (the
 * caller keeps the bytes from lt and tries again with more).
 */
export function scanTag(b: Buffer, lt: number, end: number, tag: Tag): boolean {
  tag.start = lt;
  let p = lt + 1;
  if (p >= end) return false;
  const c = b[p]!;
  if (c === BANG || c === QMARK) {
    if (c === QMARK) {
      const q = b.indexOf('?>', p);
      if (q < 0 || q + 2 > end) return false;
      tag.kind = SKIP;
      tag.end = q + 2;
      return true;
    }
    if (p + 2 < end && b[p + 1] === 0x2d && b[p + 2] === 0x2d) {
      const q = b.indexOf('-->', p + 3);
      if (q < 0 || q + 3 > end) return false;
      tag.kind = SKIP;
      tag.end = q + 3;
      return true;
    }
    if (p + 8 > end) return false;
    if (b.toString('latin1', p, p + 8) === '![CDATA[') {
      const q = b.indexOf(']]>', p + 8);
      if (q < 0 || q + 3 > end) return false;
      tag.kind = CDATA;
      tag.nameStart = p + 8; // the character data
      tag.nameEnd = q;
      tag.end = q + 3;
      return true;
    }
    // <!DOCTYPE …> may declare entities this reader does not expand.
    throw new XlsxUnsupported('DOCTYPE in a part');
  }
  tag.kind = ELEMENT;
  tag.close = c === SLASH;
  if (tag.close) p++;
  tag.qStart = p;
  tag.nameStart = p;
  while (p < end) {
    const x = b[p]!;
    if (isNameEnd(x)) break;
    if (x === COLON) tag.nameStart = p + 1;
    p++;
  }
  tag.nameEnd = p;
  // To '>' outside quotes.
  let quote = 0;
  while (p < end) {
    const x = b[p]!;
    if (quote) {
      if (x === quote) quote = 0;
    } else if (x === QUOT || x === APOS) quote = x;
    else if (x === GT) {
      tag.selfClose = b[p - 1] === SLASH;
      tag.end = p + 1;
      return true;
    }
    p++;
  }
  return false;
}

/** Whether the tag's local name is `name` (ASCII). */
export function nameIs(b: Buffer, tag: Tag, name: string): boolean {
  const n = tag.nameEnd - tag.nameStart;
  if (n !== name.length) return false;
  for (let i = 0; i < n; i++) if (b[tag.nameStart + i] !== name.charCodeAt(i)) return false;
  return true;
}

/**
 * The attributes of a start tag, one after another: call next() until it returns false; then name/value
 * ranges are set (local name, value without quotes).
 */
export class Attrs {
  private p = 0;
  private end = 0;
  private b!: Buffer;
  nameStart = 0;
  nameEnd = 0;
  valueStart = 0;
  valueEnd = 0;

  reset(b: Buffer, tag: Tag): this {
    this.b = b;
    this.p = tag.nameEnd;
    this.end = tag.end - 1;
    return this;
  }

  next(): boolean {
    const b = this.b;
    let p = this.p;
    const end = this.end;
    while (p < end && (b[p] === 0x20 || b[p] === 0x0a || b[p] === 0x0d || b[p] === 0x09)) p++;
    if (p >= end || b[p] === SLASH) return false;
    this.nameStart = p;
    while (p < end && b[p] !== EQ && b[p] !== 0x20) {
      if (b[p] === COLON) this.nameStart = p + 1;
      p++;
    }
    this.nameEnd = p;
    while (p < end && b[p] !== QUOT && b[p] !== APOS) p++;
    if (p >= end) return false;
    const q = b[p]!;
    this.valueStart = p + 1;
    const close = b.indexOf(q, p + 1);
    if (close < 0 || close > end) return false;
    this.valueEnd = close;
    this.p = close + 1;
    return true;
  }

  is(name: string): boolean {
    const n = this.nameEnd - this.nameStart;
    if (n !== name.length) return false;
    for (let i = 0; i < n; i++) if (this.b[this.nameStart + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /** Whether the attribute's name has a prefix (r:id, not Id/sheetId). */
  prefixed(): boolean {
    return this.nameStart > 0 && this.b[this.nameStart - 1] === COLON;
  }

  value(): string {
    return decodeEntities(this.b.toString('utf8', this.valueStart, this.valueEnd));
  }

  int(): number {
    return parseIntBytes(this.b, this.valueStart, this.valueEnd);
  }
}

/** All attributes of a start tag by local name (small parts only). */
export function attrMap(b: Buffer, tag: Tag, attrs = new Attrs()): Record<string, string> {
  const out: Record<string, string> = {};
  attrs.reset(b, tag);
  while (attrs.next()) {
    const name = b.toString('latin1', attrs.nameStart, attrs.nameEnd);
    // r:id and Id both end up as "id"-like keys: keep the prefixed one under "r:…" too.
    out[attrs.prefixed() ? `:${name}` : name] = attrs.value();
  }
  return out;
}

/** Non-negative decimal integer from bytes; NaN when not one. */
export function parseIntBytes(b: Buffer, s: number, e: number): number {
  if (s >= e) return NaN;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

/**
 * A number as parseFloat reads it, from bytes. Plain decimals with at most 15 significant digits are computed
 * exactly (an exact integer divided by an exact power of ten is correctly rounded, as parseFloat is); anything
 * else (exponents, long mantissas) goes through parseFloat.
 */
export function parseNumberBytes(b: Buffer, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (i < e && b[i] === 0x2d) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let seen = 0;
  let frac = -1;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) {
      seen++;
      m = m * 10 + (c - 48);
      if (m !== 0 || frac >= 0) digits++;
      if (frac >= 0) frac++;
    } else if (c === 0x2e && frac < 0) frac = 0;
    else return parseFloat(b.toString('latin1', s, e));
  }
  if (digits > 15 || seen === 0 || frac > 22) return parseFloat(b.toString('latin1', s, e));
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z]+));/g;

function codePoint(n: number, whole: string): string {
  return n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : whole;
}

/** XML character and entity references → characters (unknown names kept as written). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? codePoint(parseInt(hex, 16), whole) : dec ? codePoint(Number(dec), whole) : (NAMED[name!] ?? whole),
  );
}

const X_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Excel's escapes for characters XML cannot carry (_x000D_ = CR, _x005F_ = "_"). */
export function decodeXEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(X_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Character data of b[s..e): UTF-8, entities expanded, line ends normalised as an XML parser does. */
export function textOf(b: Buffer, s: number, e: number): string {
  let t = b.toString('utf8', s, e);
  if (t.indexOf('\r') >= 0) t = t.replace(/\r\n?/g, '\n');
  return decodeEntities(t);
}

/**
 * The character data from `from` up to the next element tag (which is left in `tag`), CDATA sections and
 * comments included/skipped. Returns the text and sets tag; `null` when cut off before `end`.
 */
export function readText(b: Buffer, from: number, end: number, tag: Tag): string | null {
  let lt = b.indexOf(LT, from);
  if (lt < 0 || lt >= end) return null;
  if (b[lt + 1] !== BANG) {
    if (!scanTag(b, lt, end, tag)) return null;
    return lt === from ? '' : textOf(b, from, lt);
  }
  // Slow path: text interleaved with CDATA sections and comments.
  let out = lt === from ? '' : textOf(b, from, lt);
  for (;;) {
    if (!scanTag(b, lt, end, tag)) return null;
    if (tag.kind === ELEMENT) return out;
    if (tag.kind === CDATA) out += b.toString('utf8', tag.nameStart, tag.nameEnd);
    const next = b.indexOf(LT, tag.end);
    if (next < 0 || next >= end) return null;
    if (next > tag.end) out += textOf(b, tag.end, next);
    lt = next;
  }
}

/** Calls fn for each element tag of a whole (small) part. */
export function eachTag(b: Buffer, fn: (tag: Tag) => void): void {
  const tag = new Tag();
  let p = 0;
  for (;;) {
    const lt = b.indexOf(LT, p);
    if (lt < 0) return;
    if (!scanTag(b, lt, b.length, tag)) throw new XlsxUnsupported('a part ends inside a tag');
    if (tag.kind === ELEMENT) fn(tag);
    p = tag.end;
  }
}
