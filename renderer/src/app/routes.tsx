import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  DeleteOutlined,
  DashboardOutlined,
  InboxOutlined,
  ScheduleOutlined,
  FileProtectOutlined,
  ContainerOutlined,
  FileTextOutlined,
  PieChartOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export type PageKey =
  | 'home'
  | 'board'
  | 'hazards'
  | 'returns'
  | 'imports'
  | 'stats'
  | 'volumes'
  | 'pledges'
  | 'coverage'
  | 'notices'
  | 'units'
  | 'audit'
  | 'backup'
  | 'trash'
  | 'settings';

export interface PageDef {
  key: PageKey;
  label: string;
  icon: ReactNode;
}

/** The left menu, in the order a clerk works: register, check coverage, then reference data and admin. */
export const PAGES: PageDef[] = [
  { key: 'home', label: '工作台', icon: <DashboardOutlined /> },
  { key: 'board', label: '报送跟踪', icon: <ScheduleOutlined /> },
  { key: 'hazards', label: '隐患台账', icon: <AlertOutlined /> },
  { key: 'returns', label: '报送登记', icon: <InboxOutlined /> },
  { key: 'imports', label: '导入报表', icon: <CloudUploadOutlined /> },
  { key: 'pledges', label: '明白书登记', icon: <FileProtectOutlined /> },
  { key: 'coverage', label: '签订覆盖情况', icon: <PieChartOutlined /> },
  { key: 'stats', label: '统计分析', icon: <BarChartOutlined /> },
  { key: 'volumes', label: '案卷归档', icon: <ContainerOutlined /> },
  { key: 'notices', label: '通知文件', icon: <FileTextOutlined /> },
  { key: 'units', label: '单位名录', icon: <TeamOutlined /> },
  { key: 'audit', label: '操作日志', icon: <AuditOutlined /> },
  { key: 'backup', label: '数据安全', icon: <SafetyOutlined /> },
  { key: 'trash', label: '回收站', icon: <DeleteOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

export const DEFAULT_PAGE: PageKey = 'home';

export function pageOf(path: string): PageDef {
  return PAGES.find((p) => p.key === path) ?? PAGES.find((p) => p.key === DEFAULT_PAGE)!;
}
