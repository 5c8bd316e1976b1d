/** 回收站: deleted 明白书, hazards and returns stay here 30 days; the clerk can put them back. */
import { RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Popconfirm, Table, Tag } from 'antd';
import { showDateTime } from '../components/format';
import { call, type ChannelOutput } from '../api/client';
import { useAction, useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';

type Item = ChannelOutput<'trash:list'>[number];

const COLORS: Record<string, string> = { pledge: 'blue', hazard: 'orange', return: 'green' };

export function TrashPage() {
  const list = useRequest(() => call('trash:list', {}), []);
  const { run, pending } = useAction();
  const restore = async (item: Item) => {
    const r = await run(() => call('trash:restore', { entity: item.entity, id: item.id }), {
      success: `已恢复${item.label}：${item.title}`,
    });
    if (r.ok) list.reload();
  };
  return (
    <div className="page">
      <PageHeader
        title="回收站"
        hint="删除的明白书、隐患和报送记录在这里保留 30 天，可以恢复；超过 30 天自动永久删除。已归档封存的记录不能删除。"
      />
      <Card>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Item>
            rowKey={(r) => `${r.entity}:${r.id}`}
            loading={list.loading}
            dataSource={list.data ?? []}
            size="middle"
            pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
            locale={{ emptyText: <Empty description="回收站是空的" /> }}
            columns={[
              {
                title: '类别',
                dataIndex: 'label',
                width: 110,
                render: (v: string, r) => <Tag color={COLORS[r.entity]}>{v}</Tag>,
              },
              { title: '内容', dataIndex: 'title', ellipsis: true },
              { title: '删除时间', dataIndex: 'deletedAt', width: 170, render: (v: string) => showDateTime(v) },
              { title: '永久删除日期', dataIndex: 'purgeOn', width: 130 },
              {
                title: '操作',
                width: 100,
                render: (_, r) => (
                  <Popconfirm
                    title={`恢复这条${r.label}？`}
                    okText="恢复"
                    cancelText="取消"
                    onConfirm={() => restore(r)}
                  >
                    <Button type="link" size="small" icon={<RollbackOutlined />} loading={pending}>
                      恢复
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
