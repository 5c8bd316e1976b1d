/** The small XML reader, the XSD subset and the streaming SM3 the check relies on. */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSm3, sm3Of } from '../../core/archivePackage/checkDigest';
import { Sm3, sm3Hex } from '../../core/archivePackage/sm3';
import { parseXml } from '../../core/archivePackage/checkXml';
import { readSchema, validateAgainst } from '../../core/archivePackage/checkXsd';
import { FIXTURE_XSDS } from '../helpers/archivePackage';

describe('SM3 of the check', () => {
  it('agrees with the package SM3 (sm3.ts) whether native or not, streamed in any chunks', () => {
    expect(sm3Of('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    for (const n of [0, 55, 56, 63, 64, 65, 1000, 70_001]) {
      const b = crypto.randomBytes(n);
      const h = createSm3();
      for (let i = 0; i < n; i += 777) h.update(b.subarray(i, i + 777));
      expect(h.digest(), `${n} bytes`).toBe(sm3Hex(b));
      expect(new Sm3().update(b).digest()).toBe(sm3Hex(b));
    }
  });
});

describe('XML reader', () => {
  it('reads elements, attributes, entities, CDATA and Chinese names', () => {
    const d = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<目录 a="1&amp;2"><条目>甲&lt;乙&#x4E19;<![CDATA[<丁>]]></条目><空/></目录>',
    );
    expect(d.hasDeclaration).toBe(true);
    expect(d.declaredEncoding).toBe('UTF-8');
    expect(d.root.attrs.a).toBe('1&2');
    expect(d.root.children.map((c) => c.name)).toEqual(['条目', '空']);
    expect(d.root.children[0]!.text).toBe('甲<乙丙<丁>');
  });

  it.each([
    ['<a><b></a>', /结束标记 <\/a> 与开始标记 <b>/],
    ['<a>x & y</a>', /“&”后缺少实体名/],
    ['<a></a><b/>', /只能有一个根元素/],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', /不允许 DOCTYPE/],
    ['<a b=1/>', /缺少带引号的值/],
    ['<a>\n<b>\n', /第 3 行：元素 <b> 没有结束标记/],
    ['', /没有根元素/],
  ])('refuses %j', (xml, msg) => {
    expect(() => parseXml(xml)).toThrow(msg);
  });
});

describe('XSD subset', () => {
  const schema = readSchema(parseXml(FIXTURE_XSDS['元数据.xsd']!).root);
  const meta = (body: string) => parseXml(`<文件>${body}</文件>`).root;
  const good =
    '<聚合层次>件</聚合层次><来源><全宗名称>a</全宗名称><立档单位名称>b</立档单位名称></来源><档号>X-1</档号>' +
    '<内容描述><题名>t</题名><责任者>r</责任者><日期>2024-03-01</日期><密级>公开</密级><保管期限>30年</保管期限></内容描述>' +
    '<形式特征><页数>2</页数></形式特征><电子属性><格式信息><格式名称>PDF</格式名称></格式信息><计算机文件名>x.pdf</计算机文件名><计算机文件大小>10</计算机文件大小></电子属性>' +
    '<数字属性><数字摘要 算法="SM3">a</数字摘要></数字属性>';

  it('accepts a valid document, optional elements left out', () => {
    expect(schema.unsupported).toEqual([]);
    expect(validateAgainst(schema, meta(good))).toEqual([]);
  });

  it('names what is wrong: missing, misplaced, bad values, enumerations, required attributes', () => {
    expect(validateAgainst(schema, meta(good.replace('<档号>X-1</档号>', '')))).toEqual([
      expect.stringMatching(/缺少必需的元素 <档号>|<内容描述>.*不应出现在此处/),
    ]);
    expect(validateAgainst(schema, meta(good.replace('<页数>2</页数>', '<页数>两</页数>')))[0]).toMatch(
      /<页数> 的值“两”不是正整数/,
    );
    expect(validateAgainst(schema, meta(good.replace('<聚合层次>件', '<聚合层次>盒')))[0]).toMatch(
      /不在允许的取值（件、卷）中/,
    );
    expect(validateAgainst(schema, meta(good.replace(' 算法="SM3"', '')))[0]).toMatch(/缺少必需的属性 算法/);
    expect(validateAgainst(schema, meta(`${good}<多余>1</多余>`))[0]).toMatch(/<多余>.*不应出现在此处或多余/);
    expect(validateAgainst(schema, parseXml('<其他/>').root)).toEqual(['XSD 中没有根元素 <其他> 的定义']);
  });

  it('reports constructs outside the subset instead of ignoring them silently', () => {
    const s = readSchema(
      parseXml(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:group name="g"/><xs:element name="a"/></xs:schema>',
      ).root,
    );
    expect(s.unsupported).toEqual(['group']);
  });
});

describe('XSD union', () => {
  it('accepts a value valid for any member type and names one valid for none', () => {
    const s = readSchema(
      parseXml(
        `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:simpleType name="空"><xs:restriction base="xs:string"><xs:length value="0"/></xs:restriction></xs:simpleType>
          <xs:simpleType name="可空日期"><xs:union memberTypes="xs:date 空"/></xs:simpleType>
          <xs:element name="日期" type="可空日期"/>
        </xs:schema>`,
      ).root,
    );
    expect(s.unsupported).toEqual([]);
    expect(validateAgainst(s, parseXml('<日期>2024-03-01</日期>').root)).toEqual([]);
    expect(validateAgainst(s, parseXml('<日期></日期>').root)).toEqual([]);
    expect(validateAgainst(s, parseXml('<日期>3月1日</日期>').root)).toEqual([
      '第 1 行 <日期> 的值“3月1日”不符合允许的格式',
    ]);
  });
});
