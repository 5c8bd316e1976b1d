/**
 * 四性检测 (DA/T 70-2018) of a 归档信息包 folder. STUB: helper "check" replaces this file with the real check; the
 * exporter only relies on `checkPackage(dir): Promise<PackageCheckReport>` and `report.ok`.
 */

export interface PackageCheckItem {
  /** 真实性 / 完整性 / 可用性 / 安全性 */
  category: string;
  name: string;
  ok: boolean;
  where?: string;
  message?: string;
}

export interface PackageCheckReport {
  ok: boolean;
  dir: string;
  checkedAt: string;
  items: PackageCheckItem[];
}

export async function checkPackage(dir: string): Promise<PackageCheckReport> {
  return { ok: true, dir, checkedAt: new Date().toISOString(), items: [] };
}
