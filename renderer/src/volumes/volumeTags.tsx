/** The status and relation tags of a volume, shared by the list and the detail view. */
import { LockOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { VolumeRow } from './types';

export function VolumeStatusTag({ status, outOfDate }: { status: 'draft' | 'sealed'; outOfDate: boolean }) {
  if (status === 'draft') return <Tag color="default">草稿</Tag>;
  if (outOfDate)
    return (
      <Tooltip title="封卷后有记录被修改、删除或新增，需办理补充卷或重新组卷">
        <Tag color="orange">已过期需补充</Tag>
      </Tooltip>
    );
  return (
    <Tag color="green" icon={<LockOutlined />}>
      已封卷
    </Tag>
  );
}

export function RelationTag({ relation, edition }: { relation: VolumeRow['relation']; edition: number }) {
  if (relation === 'supplement') return <Tag color="cyan">补充卷</Tag>;
  if (edition > 1) return <Tag color="geekblue">第 {edition} 版</Tag>;
  return null;
}
