/**
 * The XML schemas (XSD 1.0) of every XML document in the 归档信息包, published in the package under 其他/ and used
 * by the tests (xmllint --schema) and the 四性检测. No target namespace: element names are Chinese, as in DA/T 46.
 */

import { REPORT_XSD } from './checkReportSchema';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">';
const TAIL = '</xs:schema>\n';

/** Types shared by the schemas. */
const TYPES = `
  <xs:simpleType name="非空文本">
    <xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="空">
    <xs:restriction base="xs:string"><xs:length value="0"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="可空日期">
    <xs:union memberTypes="xs:date 空"/>
  </xs:simpleType>
  <xs:simpleType name="保管期限">
    <xs:restriction base="xs:string">
      <xs:enumeration value="永久"/>
      <xs:enumeration value="定期30年"/>
      <xs:enumeration value="定期10年"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="保管期限代码">
    <xs:restriction base="xs:string">
      <xs:enumeration value="Y"/>
      <xs:enumeration value="D30"/>
      <xs:enumeration value="D10"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="SM3摘要">
    <xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{64}"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="SHA256摘要">
    <xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{64}"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="相对路径">
    <xs:restriction base="xs:string"><xs:pattern value="[^/\\\\].*"/></xs:restriction>
  </xs:simpleType>`;

/** The columns of a catalogue row (按件 文件目录 and 组卷 卷内文件目录). */
const ROW = `
        <xs:element name="顺序号" type="xs:positiveInteger"/>
        <xs:element name="档号" type="非空文本"/>
        <xs:element name="责任者" type="xs:string"/>
        <xs:element name="题名" type="非空文本"/>
        <xs:element name="日期" type="可空日期"/>
        <xs:element name="密级" type="非空文本"/>
        <xs:element name="保管期限" type="保管期限"/>
        <xs:element name="页数" type="xs:positiveInteger"/>
        <xs:element name="电子文件名" type="相对路径"/>
        <xs:element name="备注" type="xs:string"/>`;

export const CATALOGUE_XSD = `${HEAD}
  <xs:annotation><xs:documentation>文件目录（按件归档）：每件一个条目</xs:documentation></xs:annotation>${TYPES}
  <xs:element name="文件目录">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="条目" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>${ROW}
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
${TAIL}`;

export const VOLUME_CATALOGUE_XSD = `${HEAD}
  <xs:annotation><xs:documentation>案卷目录（组卷归档）：每卷一个条目</xs:documentation></xs:annotation>${TYPES}
  <xs:element name="案卷目录">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="案卷" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="顺序号" type="xs:positiveInteger"/>
              <xs:element name="档号" type="非空文本"/>
              <xs:element name="案卷题名" type="非空文本"/>
              <xs:element name="起始日期" type="可空日期"/>
              <xs:element name="终止日期" type="可空日期"/>
              <xs:element name="件数" type="xs:positiveInteger"/>
              <xs:element name="页数" type="xs:positiveInteger"/>
              <xs:element name="保管期限" type="保管期限"/>
              <xs:element name="密级" type="非空文本"/>
              <xs:element name="备注" type="xs:string"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
${TAIL}`;

export const ITEM_CATALOGUE_XSD = `${HEAD}
  <xs:annotation><xs:documentation>卷内文件目录（组卷归档）：每件一个条目，注明所在案卷的档号</xs:documentation></xs:annotation>${TYPES}
  <xs:element name="卷内文件目录">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="条目" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="案卷档号" type="非空文本"/>${ROW}
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
${TAIL}`;

export const METADATA_XSD = `${HEAD}
  <xs:annotation><xs:documentation>文书类电子文件元数据（DA/T 46-2009），一件一个文件</xs:documentation></xs:annotation>${TYPES}
  <xs:simpleType name="业务行为">
    <xs:restriction base="xs:string">
      <xs:enumeration value="登记"/>
      <xs:enumeration value="导入"/>
      <xs:enumeration value="整改"/>
      <xs:enumeration value="验收"/>
      <xs:enumeration value="封卷"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:element name="文件元数据">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="聚合层次">
          <xs:simpleType>
            <xs:restriction base="xs:string"><xs:enumeration value="件"/></xs:restriction>
          </xs:simpleType>
        </xs:element>
        <xs:element name="来源">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="全宗名称" type="非空文本"/>
              <xs:element name="立档单位名称" type="非空文本"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="档号" type="非空文本"/>
        <xs:element name="档号构成">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="全宗号" type="xs:string"/>
              <xs:element name="类别号" type="非空文本"/>
              <xs:element name="年度" type="xs:gYear"/>
              <xs:element name="保管期限" type="保管期限代码"/>
              <xs:element name="机构或问题" type="xs:string"/>
              <xs:element name="案卷号" type="xs:string"/>
              <xs:element name="件号" type="非空文本"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="内容描述">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="题名" type="非空文本"/>
              <xs:element name="文件编号" type="xs:string"/>
              <xs:element name="责任者" type="xs:string"/>
              <xs:element name="日期" type="可空日期"/>
              <xs:element name="文种" type="非空文本"/>
              <xs:element name="密级" type="非空文本"/>
              <xs:element name="保管期限" type="保管期限"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="形式特征">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="页数" type="xs:positiveInteger"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="电子属性">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="格式信息" type="非空文本"/>
              <xs:element name="计算机文件名" type="非空文本"/>
              <xs:element name="计算机文件大小" type="xs:positiveInteger"/>
              <xs:element name="文档创建程序" type="非空文本"/>
              <xs:element name="数字摘要" type="SM3摘要"/>
              <xs:element name="摘要算法">
                <xs:simpleType>
                  <xs:restriction base="xs:string"><xs:enumeration value="SM3"/></xs:restriction>
                </xs:simpleType>
              </xs:element>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="附注" type="xs:string"/>
        <xs:element name="业务实体">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="业务记录" minOccurs="0" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="业务行为" type="业务行为"/>
                    <xs:element name="行为人" type="xs:string"/>
                    <xs:element name="行为时间" type="xs:dateTime"/>
                    <xs:element name="行为描述" type="xs:string"/>
                  </xs:sequence>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:attribute name="标准" type="xs:string" use="required"/>
    </xs:complexType>
  </xs:element>
${TAIL}`;

export const MANIFEST_XSD = `${HEAD}
  <xs:annotation><xs:documentation>文件清单：包内除 manifest.xml 本身和“检测”文件夹以外的每个文件的大小与 SM3、SHA-256 摘要</xs:documentation></xs:annotation>${TYPES}
  <xs:element name="文件清单">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="文件" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="路径" type="相对路径"/>
              <xs:element name="大小" type="xs:nonNegativeInteger"/>
              <xs:element name="SM3" type="SM3摘要"/>
              <xs:element name="SHA256" type="SHA256摘要"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:attribute name="包名" type="非空文本" use="required"/>
      <xs:attribute name="生成时间" type="xs:dateTime" use="required"/>
    </xs:complexType>
  </xs:element>
${TAIL}`;

/** 其他/<name>: every schema, whatever the mode (the package documents its own formats). */
export const SCHEMAS: Record<string, string> = {
  '文件目录.xsd': CATALOGUE_XSD,
  '案卷目录.xsd': VOLUME_CATALOGUE_XSD,
  '卷内文件目录.xsd': ITEM_CATALOGUE_XSD,
  '元数据.xsd': METADATA_XSD,
  'manifest.xsd': MANIFEST_XSD,
  /** 检测/检测报告.xml's schema (checkReportSchema.ts): written with the others, so the manifest lists it. */
  '检测报告.xsd': REPORT_XSD,
};
