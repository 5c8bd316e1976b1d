/**
 * The 四性检测 (DA/T 70-2018) of an 归档信息包: the report's shape and the list of check items. Each item belongs to
 * one of the four properties, has a stable code, a Chinese name, and either passes or lists its findings — where
 * (a file path, a 档号, a catalogue row) and what to do, in a sentence a clerk can act on.
 */
export const CHECK_CATEGORIES = ['真实性', '完整性', '可用性', '安全性'] as const;
export type CheckCategory = (typeof CHECK_CATEGORIES)[number];

export interface CheckFinding {
  /** Where: a path inside the package ('文件/…/….pdf'), a 档号, or a catalogue row ('文件目录.xml 第 3 条'). */
  where: string;
  /** What is wrong and what to do, in Chinese. */
  message: string;
}

export interface CheckItemResult {
  code: string;
  category: CheckCategory;
  /** 名称 of the item, e.g. “元数据与内容文件一致”. */
  name: string;
  /** What the item examines, for the report's 说明 column when it passes. */
  description: string;
  passed: boolean;
  /** Flat view for simple consumers (the exporter's result): ok = passed; message = the findings in one line. */
  ok: boolean;
  message?: string;
  /** How many objects (files, rows) were examined. */
  checked: number;
  findings: CheckFinding[];
}

export interface PackageCheckReport {
  /** Absolute folder of the package. */
  dir: string;
  packageName: string;
  /** 按件 / 组卷, from 说明文件 (or the catalogue present); null when neither tells. */
  mode: '按件' | '组卷' | null;
  checkedAt: string;
  softwareVersion: string;
  /** Digest-only re-check (start-up) or the full 四性检测. */
  scope: 'full' | 'digests';
  passed: boolean;
  /** = passed (the exporter's name for it). */
  ok: boolean;
  items: CheckItemResult[];
  /** 件 (and 卷) counted and pages read, for the report head. */
  counts: { items: number; volumes: number; files: number; pages: number };
  /** Wall time of the check in milliseconds. */
  ms: number;
}

export interface CheckProgress {
  done: number;
  total: number;
  message: string;
}

export interface CheckPackageOptions {
  onProgress?: (p: CheckProgress) => void;
  signal?: AbortSignal;
  /** Digests only (the quiet start-up check): manifest and package digests, nothing parsed. */
  scope?: 'full' | 'digests';
  /** The package digests recorded when the app exported it (recordExportedPackage), compared too when given. */
  expected?: { manifestSm3?: string | null; manifestSha256?: string | null };
  /** Clock of the report (tests). */
  now?: () => Date;
}

/** The items of the check, in report order. */
export const CHECK_ITEMS = {
  structure: {
    code: 'ZS-01',
    category: '真实性',
    name: '信息包结构与说明文件一致',
    description: '必备文件齐全，说明文件所述件数、卷数、页数、归档方式与信息包内容相符',
  },
  manifestFiles: {
    code: 'ZS-02',
    category: '真实性',
    name: '文件清单摘要与文件一致',
    description: 'manifest.xml 所列每个文件的大小、SM3 与 SHA-256 摘要与重新计算的结果一致',
  },
  manifestSelf: {
    code: 'ZS-03',
    category: '真实性',
    name: '文件清单自身摘要一致',
    description: 'manifest.sm3 与 manifest.sha256 记载的摘要与 manifest.xml 重新计算的结果一致',
  },
  metadata: {
    code: 'ZS-04',
    category: '真实性',
    name: '元数据与内容文件一致',
    description: '每件元数据的页数、计算机文件名、计算机文件大小、数字摘要与内容文件一致，目录与元数据一致',
  },
  numbering: {
    code: 'WZ-01',
    category: '完整性',
    name: '件号、卷号连续不重复',
    description: '目录中的件号（卷内顺序号）、卷号、顺序号连续，没有空号和重号，档号不重复',
  },
  catalogueFiles: {
    code: 'WZ-02',
    category: '完整性',
    name: '目录条目与文件一一对应',
    description: '目录的每一条都有其内容文件和元数据文件，每个内容文件都有目录条目',
  },
  manifestCoverage: {
    code: 'WZ-03',
    category: '完整性',
    name: '文件清单覆盖全部文件',
    description: '信息包中的每个文件都列在 manifest.xml 中，所列文件都存在',
  },
  requiredMetadata: {
    code: 'WZ-04',
    category: '完整性',
    name: '必备元数据项齐全',
    description: '每件元数据的必备项（DA/T 46-2009）存在且不为空，目录必备项不为空',
  },
  schema: {
    code: 'WZ-05',
    category: '完整性',
    name: 'XML 文件符合其 XSD',
    description: '每个 XML 文件格式良好，并符合“其他”文件夹中对应的 XSD',
  },
  formats: {
    code: 'KY-01',
    category: '可用性',
    name: '文件格式符合要求',
    description: '文件为允许的格式（PDF、OFD、XML、TXT、XSD），内容与扩展名相符',
  },
  opens: {
    code: 'KY-02',
    category: '可用性',
    name: '文件可以正常打开',
    description: '每个 PDF、OFD 能解析且有页面，XML、TXT 为有效的 UTF-8 文本',
  },
  notEncrypted: {
    code: 'KY-03',
    category: '可用性',
    name: '文件未加密',
    description: '内容文件没有加密或设置打开密码',
  },
  fonts: {
    code: 'KY-04',
    category: '可用性',
    name: '字体已嵌入',
    description: 'PDF 中使用的每种字体都嵌入了字体文件（FontFile、FontFile2 或 FontFile3）',
  },
  scripts: {
    code: 'AQ-01',
    category: '安全性',
    name: '无脚本与外部动作',
    description: 'PDF 中没有 JavaScript、启动程序（Launch）、提交表单、导入数据、指向本机文件的链接等动作',
  },
  embedded: {
    code: 'AQ-02',
    category: '安全性',
    name: '无嵌入文件',
    description: 'PDF 中没有嵌入文件（EmbeddedFiles）和文件附件注释（FileAttachment）',
  },
  packageDigest: {
    code: 'AQ-03',
    category: '安全性',
    name: '信息包摘要校验',
    description: '信息包的 SM3 与 SHA-256 摘要可以校验，并与导出时登记的摘要一致',
  },
} as const satisfies Record<string, { code: string; category: CheckCategory; name: string; description: string }>;

export type CheckItemKey = keyof typeof CHECK_ITEMS;
