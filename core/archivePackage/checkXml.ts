/**
 * A small, strict XML reader for the package's own files (catalogues, metadata, manifest, XSDs): well-formedness
 * (one root, matched tags, quoted attributes, known entities, no DOCTYPE), into a plain element tree. The app runs on
 * clerks' PCs without xmllint, and the files are small; namespaces are kept as written (prefix:name).
 */
export interface XmlElement {
  name: string;
  /** The name without its namespace prefix. */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entities resolved, untrimmed. */
  text: string;
  line: number;
}

export interface XmlDocument {
  root: XmlElement;
  /** The encoding named in the XML declaration, or null when there is no declaration. */
  declaredEncoding: string | null;
  hasDeclaration: boolean;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    public readonly line: number,
  ) {
    super(`第 ${line} 行：${message}`);
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[^\s<>/=?!"'&]+/;

function localOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Parses XML text; throws XmlSyntaxError (with a Chinese message and line) when it is not well-formed. */
export function parseXml(input: string): XmlDocument {
  let s = input;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  let i = 0;
  let line = 1;
  const fail = (m: string): never => {
    throw new XmlSyntaxError(m, line);
  };
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (s.charCodeAt(k) === 10) line++;
    i = to;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (m, ent: string) => {
      if (!m.endsWith(';')) fail(`“&”后缺少实体名或分号（文字中的 & 应写为 &amp;）`);
      if (ent in NAMED) return NAMED[ent]!;
      const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ent);
      if (num) {
        const cp = num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : parseInt(num[1]!, 10);
        if (cp > 0x10ffff || cp === 0 || (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13))
          fail(`字符引用 &${ent}; 不是允许的字符`);
        return String.fromCodePoint(cp);
      }
      return fail(`未知的实体 &${ent};`);
    });

  let declaredEncoding: string | null = null;
  let hasDeclaration = false;
  if (s.startsWith('<?xml')) {
    const end = s.indexOf('?>');
    if (end < 0) fail('XML 声明没有结束');
    const decl = s.slice(0, end);
    hasDeclaration = true;
    declaredEncoding = /encoding\s*=\s*["']([^"']+)["']/.exec(decl)?.[1] ?? null;
    advance(end + 2);
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? s.length : lt;
    if (textEnd > i) {
      const raw = s.slice(i, textEnd);
      if (raw.includes('>') && /\]\]>/.test(raw)) fail('文字中出现了“]]>”');
      const top = stack[stack.length - 1];
      if (top) top.text += decode(raw);
      else if (raw.trim()) fail(root ? '根元素之后还有文字' : '根元素之前有文字');
      advance(textEnd);
      if (lt < 0) break;
    }
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end < 0) fail('注释没有结束');
      advance(end + 3);
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i);
      if (end < 0) fail('CDATA 没有结束');
      const top = stack[stack.length - 1];
      if (!top) fail('根元素之外有 CDATA');
      top!.text += s.slice(i + 9, end);
      advance(end + 3);
    } else if (s.startsWith('<!', i)) {
      fail('不允许 DOCTYPE 或实体声明');
    } else if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i);
      if (end < 0) fail('处理指令没有结束');
      if (/^<\?xml[\s?]/i.test(s.slice(i, i + 6))) fail('XML 声明只能在文件开头');
      advance(end + 2);
    } else if (s.startsWith('</', i)) {
      const m = NAME.exec(s.slice(i + 2, i + 2 + 400));
      if (!m) fail('结束标记缺少元素名');
      const name = m![0];
      const close = s.indexOf('>', i);
      if (close < 0 || s.slice(i + 2 + name.length, close).trim()) fail(`结束标记 </${name}> 格式不正确`);
      const top = stack.pop();
      if (!top) fail(`多余的结束标记 </${name}>`);
      if (top!.name !== name) fail(`结束标记 </${name}> 与开始标记 <${top!.name}>（第 ${top!.line} 行）不匹配`);
      advance(close + 1);
    } else {
      const m = NAME.exec(s.slice(i + 1, i + 1 + 400));
      if (!m) fail('“<”后缺少元素名（文字中的 < 应写为 &lt;）');
      const name = m![0];
      const el: XmlElement = { name, local: localOf(name), attrs: {}, children: [], text: '', line };
      advance(i + 1 + name.length);
      for (;;) {
        const ws = /^\s*/.exec(s.slice(i, i + 200))![0].length;
        advance(i + ws);
        if (i >= s.length) fail(`开始标记 <${name}> 没有结束`);
        if (s.startsWith('/>', i)) {
          advance(i + 2);
          break;
        }
        if (s[i] === '>') {
          advance(i + 1);
          stack.push(el);
          break;
        }
        if (!ws) fail(`<${name}> 的属性之间缺少空格`);
        const an = NAME.exec(s.slice(i, i + 400));
        if (!an) fail(`<${name}> 中有无法识别的属性`);
        const attr = an![0];
        advance(i + attr.length);
        const eq = /^\s*=\s*(["'])/.exec(s.slice(i, i + 200));
        if (!eq) fail(`属性 ${attr} 缺少带引号的值`);
        const quote = eq![1]!;
        const start = i + eq![0].length;
        const end = s.indexOf(quote, start);
        if (end < 0) fail(`属性 ${attr} 的值没有结束引号`);
        const raw = s.slice(start, end);
        if (raw.includes('<')) fail(`属性 ${attr} 的值中不能有“<”`);
        if (attr in el.attrs) fail(`<${name}> 中属性 ${attr} 重复`);
        el.attrs[attr] = decode(raw);
        advance(end + 1);
      }
      const parent = stack[stack.length - (stack[stack.length - 1] === el ? 2 : 1)];
      if (parent) parent.children.push(el);
      else if (root) fail(`只能有一个根元素，<${name}> 是第二个`);
      else root = el;
    }
  }
  if (stack.length) fail(`元素 <${stack[stack.length - 1]!.name}> 没有结束标记`);
  if (!root) fail('没有根元素');
  return { root: root!, declaredEncoding, hasDeclaration };
}

/** Direct children with this local name. */
export const childrenNamed = (el: XmlElement, local: string) => el.children.filter((c) => c.local === local);

/** The trimmed text of the first descendant (depth-first) with one of these local names, or null. */
export function findText(el: XmlElement, ...locals: string[]): string | null {
  const found = findFirst(el, ...locals);
  return found ? textOf(found) : null;
}

export function findFirst(el: XmlElement, ...locals: string[]): XmlElement | null {
  for (const c of el.children) {
    if (locals.includes(c.local)) return c;
    const deeper = findFirst(c, ...locals);
    if (deeper) return deeper;
  }
  return null;
}

export function findAll(el: XmlElement, ...locals: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (locals.includes(c.local)) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** An element's full text (its own and its descendants'), trimmed. */
export function textOf(el: XmlElement): string {
  let t = el.text;
  for (const c of el.children) t += textOf(c);
  return t.trim();
}

/** XML-escaped text for writing. */
export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
