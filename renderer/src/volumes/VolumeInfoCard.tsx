/**
 * The card of a volume's (or box's) own data: 全宗, 年度, 保管期限, 卷号 or 盒号, 立卷人 and 检查人, 立卷时间,
 * 密级, the page limit, the order of its items and 情况说明, with 修改 while it is a draft.
 */
import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions } from 'antd';
import { MODE_WORDS } from '../../../core/domain/archiveMode';
import { showDate } from '../components/format';
import { ORDER_LABELS, RETENTION_LABELS } from './labels';
import type { VolumeView } from './types';

export function VolumeInfoCard({
  volume: v,
  sealed,
  onEdit,
}: {
  volume: VolumeView;
  sealed: boolean;
  onEdit: () => void;
}) {
  return (
    <Card
      title={`${MODE_WORDS[v.archiveMode].container}信息`}
      extra={
        !sealed ? (
          <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
            修改
          </Button>
        ) : null
      }
    >
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'fonds', label: '全宗', children: `${v.fondsName}${v.fondsCode ? `（${v.fondsCode}）` : ''}` },
          { key: 'year', label: '年度', children: v.year },
          { key: 'retention', label: '保管期限', children: RETENTION_LABELS[v.retention] },
          { key: 'no', label: MODE_WORDS[v.archiveMode].number, children: v.volumeNo },
          { key: 'creator', label: '立卷人', children: v.creator || '—' },
          { key: 'checker', label: '检查人', children: v.checker || '—' },
          {
            key: 'date',
            label: '立卷时间',
            children: v.compiledDate ? showDate(v.compiledDate) : <span className="cell-sub">导出（封卷）当日</span>,
          },
          { key: 'secrecy', label: '密级', children: v.secrecy || '公开' },
          { key: 'limit', label: '每卷上限', children: `${v.pageLimit} 页` },
          { key: 'order', label: '排列', children: ORDER_LABELS[v.orderBy] },
          {
            key: 'remarks',
            label: '情况说明',
            children: v.remarks ? <span className="pre-line">{v.remarks}</span> : '—',
          },
        ]}
      />
    </Card>
  );
}
