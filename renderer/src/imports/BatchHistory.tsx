/** 导入记录: every import batch, newest first, with 撤销 (refused by the server when a later batch touched the same rows). */
import { FileSearchOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { call } from '../api/client';
import type { Unit } from '../api/types';
import { useAction, useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { showDateTime } from '../components/format';
import { KIND_COLORS, KIND_SHORT } from './labels';
import type { ImportBatch } from './types';

interface Props {
  unitsById: Map<number, Unit>;
  /** Changes when a batch was committed or undone elsewhere: reload. */
  version: number;
  onChanged: () => void;
}

function num(counts: Record<string, number>, key: string): number {
  return counts[key] ?? 0;
}

export function BatchHistory({ unitsById, version, onChanged }: Props) {
  const list = useRequest(() => call('imports:list', {}), [version]);
  const { modal } = App.useApp();
  const { run } = useAction();

  const undo = async (b: ImportBatch) => {
    const r = await run(() => call('imports:undo', { id: b.id }), { success: `已撤销批次 ${b.id}`, silentError: true });
    if (r.ok) {
      list.reload();
      onChanged();
    } else {
      modal.error({ title: `不能撤销批次 ${b.id}`, content: r.error, okText: '知道了' });
    }
  };

  return (
    <div>
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<ImportBatch>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        data-testid="import-batches"
        rowClassName={(b) => (b.status === 'undone' ? 'batch-undone' : '')}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 批` }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有导入过表格" /> }}
        columns={[
          { title: '批次', dataIndex: 'id', key: 'id', width: 70, align: 'center' },
          { title: '导入时间', dataIndex: 'createdAt', key: 'at', width: 168, render: showDateTime },
          {
            title: '文件',
            dataIndex: 'fileName',
            key: 'file',
            render: (f: string, b) => (
              <div className="batch-file">
                <div className="cell-main" title={f}>
                  {f}
                </div>
                {b.sheet ? <div className="cell-sub">工作表：{b.sheet}</div> : null}
              </div>
            ),
          },
          {
            title: '类别',
            dataIndex: 'kind',
            key: 'kind',
            width: 110,
            render: (k: string) => (
              <Tag color={KIND_COLORS[k]} bordered={false}>
                {KIND_SHORT[k] ?? k}
              </Tag>
            ),
          },
          {
            title: '报送单位',
            key: 'unit',
            width: 130,
            // The batch's own unitName survives a merge or removal of the unit; never a bare id.
            render: (_, b) =>
              (b.unitId ? unitsById.get(b.unitId)?.name : undefined) ??
              b.unitName ?? <span className="cell-sub">未确定</span>,
          },
          {
            title: '新增 / 变更 / 未变',
            key: 'counts',
            width: 136,
            render: (_, b) => (
              <span className="batch-counts">
                <b className="tone-good">{num(b.counts, 'new')}</b> /{' '}
                <b className="tone-info">{num(b.counts, 'changed')}</b> /{' '}
                <span className="cell-sub">{num(b.counts, 'unchanged')}</span>
              </span>
            ),
          },
          { title: '操作人', dataIndex: 'actor', key: 'actor', width: 84 },
          {
            title: '状态',
            dataIndex: 'status',
            key: 'status',
            width: 80,
            render: (s: string, b) =>
              s === 'undone' ? (
                <Tooltip title={`撤销于 ${showDateTime(b.undoneAt)}`}>
                  <Tag bordered={false}>已撤销</Tag>
                </Tooltip>
              ) : (
                <Tag color="success" bordered={false}>
                  已导入
                </Tag>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 140,
            render: (_, b) => (
              <Space size={0} className="row-actions">
                {b.sourceAttachmentId ? (
                  <Tooltip title="用系统程序打开导入时保存的原表格">
                    <Button
                      type="link"
                      size="small"
                      icon={<FileSearchOutlined />}
                      onClick={() => run(() => call('attachments:open', { id: b.sourceAttachmentId! }))}
                    >
                      原表
                    </Button>
                  </Tooltip>
                ) : null}
                {b.status === 'committed' ? (
                  <Popconfirm
                    title={`撤销批次 ${b.id}？`}
                    description="本批新增的记录将被删除，变更的记录恢复为导入前的内容。"
                    okText="撤销导入"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => undo(b)}
                  >
                    <Button type="link" size="small" danger icon={<RollbackOutlined />}>
                      撤销
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
