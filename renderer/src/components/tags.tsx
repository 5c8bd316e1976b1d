/** Small coloured tags used across the register: talk level, signing status, scans. */
import { PaperClipOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { levelLabel, pledgeLevel } from '../../../core/domain/pledgeLevels';

const LEVEL_COLORS = ['', 'magenta', 'geekblue', 'cyan', 'purple'];

export function LevelTag({ level }: { level: number }) {
  const def = pledgeLevel(level);
  return (
    <Tooltip title={def ? `${def.name}：${def.description}` : undefined}>
      <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 0 }}>
        {levelLabel(level)}
      </Tag>
    </Tooltip>
  );
}

export function StatusTag({ status }: { status: string }) {
  const color = status === '已签订' ? 'success' : status === '已归档' ? 'processing' : 'warning';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {status}
    </Tag>
  );
}

export function ScanTag({ count, pages }: { count: number; pages?: number }) {
  if (count === 0) {
    return (
      <Tag color="error" style={{ marginInlineEnd: 0 }}>
        缺扫描件
      </Tag>
    );
  }
  return (
    <Tooltip title={pages ? `共 ${count} 个文件，${pages} 页` : undefined}>
      <span style={{ whiteSpace: 'nowrap' }}>
        <PaperClipOutlined style={{ color: '#1f5fbf', marginRight: 4 }} />
        {count} 份
      </span>
    </Tooltip>
  );
}
