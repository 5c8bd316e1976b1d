import {
  AuditOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  PieChartOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export type PageKey = 'pledges' | 'coverage' | 'notices' | 'units' | 'audit' | 'settings';

export interface PageDef {
  key: PageKey;
  label: string;
  icon: ReactNode;
}

/** The left menu, in the order a clerk works: register, check coverage, then reference data and admin. */
export const PAGES: PageDef[] = [
  { key: 'pledges', label: '明白书登记', icon: <FileProtectOutlined /> },
  { key: 'coverage', label: '签订覆盖情况', icon: <PieChartOutlined /> },
  { key: 'notices', label: '通知文件', icon: <FileTextOutlined /> },
  { key: 'units', label: '单位名录', icon: <TeamOutlined /> },
  { key: 'audit', label: '操作日志', icon: <AuditOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

export const DEFAULT_PAGE: PageKey = 'pledges';

export function pageOf(path: string): PageDef {
  return PAGES.find((p) => p.key === path) ?? PAGES.find((p) => p.key === DEFAULT_PAGE)!;
}
