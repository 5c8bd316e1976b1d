/**
 * The XSD of 检测/检测报告.xml, published in the package as 其他/检测报告.xsd. The exporter may write it before the
 * manifest is made (then it is listed like the other schemas); when the check writes it later, the coverage check
 * accepts this exact file unlisted.
 */
export const REPORT_XSD_PATH = '其他/检测报告.xsd';

export const REPORT_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:simpleType name="结果类型">
    <xs:restriction base="xs:string">
      <xs:enumeration value="通过"/>
      <xs:enumeration value="不通过"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="类别类型">
    <xs:restriction base="xs:string">
      <xs:enumeration value="真实性"/>
      <xs:enumeration value="完整性"/>
      <xs:enumeration value="可用性"/>
      <xs:enumeration value="安全性"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:element name="检测报告">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="信息包名称" type="xs:string"/>
        <xs:element name="归档方式" type="xs:string" minOccurs="0"/>
        <xs:element name="检测依据" type="xs:string"/>
        <xs:element name="检测范围" type="xs:string"/>
        <xs:element name="检测时间" type="xs:dateTime"/>
        <xs:element name="软件名称" type="xs:string"/>
        <xs:element name="软件版本" type="xs:string"/>
        <xs:element name="件数" type="xs:nonNegativeInteger"/>
        <xs:element name="卷数" type="xs:nonNegativeInteger"/>
        <xs:element name="文件数" type="xs:nonNegativeInteger"/>
        <xs:element name="页数" type="xs:nonNegativeInteger"/>
        <xs:element name="检测结论" type="结果类型"/>
        <xs:element name="检测项" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="名称" type="xs:string"/>
              <xs:element name="说明" type="xs:string"/>
              <xs:element name="检测对象数" type="xs:nonNegativeInteger"/>
              <xs:element name="结果" type="结果类型"/>
              <xs:element name="问题" minOccurs="0" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="位置" type="xs:string"/>
                    <xs:element name="描述" type="xs:string"/>
                  </xs:sequence>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="编号" type="xs:string" use="required"/>
            <xs:attribute name="类别" type="类别类型" use="required"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
