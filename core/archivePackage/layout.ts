/**
 * The 归档信息包 layout, shared by the exporter and the 四性检测 (check.ts): file names, and what the manifest
 * covers. Extend only additively.
 *
 *   <包名>/                      归档信息包_<全宗号>_<年度>_<按件|组卷>_<YYYYMMDD>
 *     说明文件.txt
 *     文件目录.xml                按件; 组卷: 案卷目录.xml + 卷内文件目录.xml
 *     manifest.xml               every file except those of MANIFEST_EXCLUDED: 路径, 大小, SM3, SHA256
 *     manifest.sm3               “<SM3 of manifest.xml>  manifest.xml”, one line (manifest.sha256 likewise)
 *     移交登记表.pdf              prints the package digest (the SM3 of manifest.xml), so it is outside the manifest
 *     文件/<档号>/<档号>.pdf       each 件, PDF/A-1b
 *     文件/<档号>/<档号>.xml       its DA/T 46 metadata
 *     其他/*.xsd                  the schemas (schemas.ts)
 *     检测/检测报告.xml, 检测/检测报告.pdf   written after the 四性检测
 */
export const README_FILE = '说明文件.txt';
export const CATALOGUE_FILE = '文件目录.xml';
export const VOLUME_CATALOGUE_FILE = '案卷目录.xml';
export const ITEM_CATALOGUE_FILE = '卷内文件目录.xml';
export const MANIFEST_FILE = 'manifest.xml';
export const MANIFEST_SM3_FILE = 'manifest.sm3';
export const MANIFEST_SHA256_FILE = 'manifest.sha256';
export const REGISTER_FILE = '移交登记表.pdf';
export const CONTENT_DIR = '文件';
export const SCHEMA_DIR = '其他';
export const CHECK_DIR = '检测';

/** Paths (relative, '/') the manifest does not list: itself, the files that carry its digest, the check report. */
export function manifestExcluded(rel: string): boolean {
  return (
    rel === MANIFEST_FILE ||
    rel === MANIFEST_SM3_FILE ||
    rel === MANIFEST_SHA256_FILE ||
    rel === REGISTER_FILE ||
    rel === CHECK_DIR ||
    rel.startsWith(`${CHECK_DIR}/`)
  );
}

/** The digest in manifest.sm3 / manifest.sha256: the first word of the file. */
export const digestLine = (hex: string) => `${hex}  ${MANIFEST_FILE}\n`;
export const parseDigestLine = (text: string) => text.trim().split(/\s+/)[0] ?? '';
