/**
 * The 四性检测's checks of every file of the package by its format: only PDF, OFD, XML, XSD and text allowed;
 * each opens and is what its extension says; a PDF is not encrypted, embeds its fonts and carries no scripts,
 * actions or embedded files; an OFD has its OFD.xml; XML is UTF-8, declared, well formed and valid against the
 * package's own XSD (其他/) for its root element.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OTHER_DIR } from './checkRead';
import type { XmlDocument } from './checkXml';
import { readSchema, validateAgainst, type XsdSchema } from './checkXsd';
import type { PdfFacts } from './checkPdf';
import type { CheckRun } from './checkRun';

const ALLOWED_EXT = new Set(['.pdf', '.ofd', '.xml', '.xsd', '.txt', '.sm3', '.sha256']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Checks the format, readability and content rules of every file of the package. */
export async function checkFormats(
  run: CheckRun,
  xmlDocs: Map<string, XmlDocument>,
  xmlError: Map<string, string>,
  factsOf: (f: string) => Promise<PdfFacts | null>,
): Promise<void> {
  const { files, abs, items } = run;
  const schemas = new Map<string, { schema: XsdSchema; file: string }>();
  for (const [f, d] of xmlDocs)
    if (f.endsWith('.xsd') && f.startsWith(`${OTHER_DIR}/`)) {
      const s = readSchema(d.root);
      for (const name of s.elements.keys()) if (!schemas.has(name)) schemas.set(name, { schema: s, file: f });
    }
  for (const f of files) {
    const ext = path.posix.extname(f).toLowerCase();
    items.count('formats');
    items.count('opens');
    if (!ALLOWED_EXT.has(ext)) {
      items.fail(
        'formats',
        f,
        `“${f}”的格式（${ext || '无扩展名'}）不在允许的 PDF、OFD、XML、TXT 之列：请删除该文件或转换格式后重新导出`,
      );
      continue;
    }
    let head: Buffer;
    try {
      const fd = fs.openSync(abs(f), 'r');
      head = Buffer.alloc(8);
      fs.readSync(fd, head, 0, 8, 0);
      fs.closeSync(fd);
    } catch {
      items.fail('opens', f, `“${f}”无法读取：请检查磁盘或从原信息包恢复该文件`);
      continue;
    }
    if (ext === '.pdf') {
      if (!head.toString('latin1').startsWith('%PDF-'))
        items.fail('formats', f, `“${f}”的扩展名为 .pdf，内容却不是 PDF：请从原信息包恢复该文件`);
      const facts = await factsOf(f);
      if (!facts) continue;
      items.count('notEncrypted');
      items.count('fonts');
      items.count('scripts');
      items.count('embedded');
      if (facts.openError)
        items.fail('opens', f, `“${f}”无法打开（${facts.openError}）：请从原信息包恢复该文件，或重新导出该件`);
      if (facts.encrypted) items.fail('notEncrypted', f, `“${f}”是加密的 PDF：请去除加密后重新导出该件`);
      if (facts.fontsNotEmbedded.length)
        items.fail(
          'fonts',
          f,
          `“${f}”中的字体 ${facts.fontsNotEmbedded.slice(0, 5).join('、')} 未嵌入：请以 PDF/A 重新导出该件`,
        );
      for (const a of facts.actions)
        items.fail('scripts', f, `“${f}”中有${a}：请删除该文件中的动作（或从原信息包恢复该文件）后重新导出`);
      for (const a of facts.embedded) items.fail('embedded', f, `“${f}”中有${a}：请删除嵌入的文件后重新导出该件`);
    } else if (ext === '.ofd') {
      if (head.readUInt32LE(0) !== 0x04034b50)
        items.fail('formats', f, `“${f}”的扩展名为 .ofd，内容却不是 OFD（ZIP 容器）：请从原信息包恢复该文件`);
      else if (!fs.readFileSync(abs(f)).includes(Buffer.from('OFD.xml')))
        items.fail('opens', f, `“${f}”中没有 OFD.xml，无法打开：请重新导出该件`);
    } else {
      let text = '';
      try {
        text = utf8.decode(fs.readFileSync(abs(f)));
      } catch {
        items.fail('opens', f, `“${f}”不是有效的 UTF-8 文本：请重新导出信息包`);
        continue;
      }
      if (ext === '.xml' || ext === '.xsd') {
        items.count('schema');
        const err = xmlError.get(f);
        if (err) {
          items.fail('opens', f, `“${f}”不是格式良好的 XML（${err}）：请从原信息包恢复该文件，或重新导出信息包`);
          items.fail('schema', f, `“${f}”不是格式良好的 XML（${err}）`);
          continue;
        }
        const doc = xmlDocs.get(f)!;
        if (!doc.hasDeclaration)
          items.fail('schema', f, `“${f}”缺少 XML 声明（<?xml version="1.0" encoding="UTF-8"?>）：请重新导出信息包`);
        else if (doc.declaredEncoding && !/^utf-?8$/i.test(doc.declaredEncoding))
          items.fail('schema', f, `“${f}”声明的编码为 ${doc.declaredEncoding}，应为 UTF-8：请重新导出信息包`);
        if (ext === '.xsd') continue;
        const s = schemas.get(doc.root.local);
        if (!s) {
          items.fail(
            'schema',
            f,
            `“其他”文件夹中没有根元素为 <${doc.root.local}> 的 XSD，“${f}”无法校验：请重新导出信息包`,
          );
          continue;
        }
        for (const e of validateAgainst(s.schema, doc.root).slice(0, 10))
          items.fail('schema', f, `“${f}”不符合 ${s.file}：${e}`);
      } else if (!text.trim()) items.fail('opens', f, `“${f}”是空文件：请重新导出信息包`);
    }
  }
}
