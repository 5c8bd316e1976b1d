/** 归档信息包 (issue 17): export, layout, schemas, digests; the 四性检测 is check.ts. */
export { exportPackage, type PackageOptions, type PackageProgress, type PackageResult } from './export';
export { checkPackage, type PackageCheckReport } from './check';
export { archiveModeOf, ARCHIVE_MODES, type ArchiveMode } from './source';
export * from './layout';
export { SCHEMAS } from './schemas';
export { Sm3, sm3Hex, digestFile } from './sm3';
