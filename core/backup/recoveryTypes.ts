/** What recovery mode's services share: their options and the Chinese names of the tables. */

export interface RecoveryOptions {
  now?: () => Date;
  migrationsFolder?: string;
  nativeBinding?: string;
}

/** Chinese names of the tables, for the salvage report and the backup list. */
export const TABLE_LABELS: Record<string, string> = {
  units: '单位',
  unit_aliases: '单位别名',
  notices: '通知',
  notice_requirements: '通知要求',
  pledges: '明白书',
  pledge_attachments: '明白书扫描件',
  hazards: '隐患',
  hazard_events: '隐患状态记录',
  hazard_attachments: '隐患附件',
  return_submissions: '报送记录',
  return_attachments: '报送附件',
  attachments: '附件',
  import_batches: '导入批次',
  import_changes: '导入变更',
  import_mappings: '导入列对应',
  volumes: '案卷',
  volume_items: '卷内文件',
  volume_exports: '案卷导出记录',
  archive_pieces: '件号登记（按件归档）',
  archive_packages: '已导出的电子档案信息包',
  settings: '设置',
  audit_log: '操作日志',
};

export const tableLabel = (t: string) => TABLE_LABELS[t] ?? t;
