/** 单位名录: townships, departments and enterprises the notices go to, with the aliases imports match on. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import type { Unit, UnitKind } from '../api/types';
import { useAction, useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { ListExportButton } from '../components/ListExportButton';
import { MergeUnitModal } from './MergeUnitModal';
import { UnitFormModal } from './UnitFormModal';
import { KIND_COLORS, UNIT_KINDS } from './unitKinds';

export function UnitsPage() {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<UnitKind | '全部'>('全部');
  const list = useRequest(
    () => call('units:list', { search: search || undefined, kind: kind === '全部' ? undefined : kind }),
    [search, kind],
  );
  const [modal, setModal] = useState<{ open: boolean; editing: Unit | null }>({ open: false, editing: null });
  const [merging, setMerging] = useState<Unit | null>(null);
  // The merge target is picked from the whole directory, not only the filtered page.
  const all = useRequest(() => call('units:list', {}), []);
  const { modal: confirm } = App.useApp();
  const { run } = useAction();
  const reload = () => {
    list.reload();
    all.reload();
  };
  const toggleActive = (u: Unit) => {
    const go = async () => {
      const r = await run(() => call('units:setActive', { id: u.id, active: !u.active }), {
        success: u.active ? `已停用“${u.name}”` : `已启用“${u.name}”`,
      });
      if (r.ok) reload();
    };
    if (!u.active) return void go();
    confirm.confirm({
      title: `停用“${u.name}”？`,
      content:
        '停用后该单位不再出现在单位选择列表和报送情况中，已有的明白书、报送和隐患记录保留不变；随时可以重新启用。',
      okText: '停用',
      cancelText: '取消',
      onOk: go,
    });
  };

  return (
    <div className="page">
      <PageHeader
        title="单位名录"
        hint="乡镇（街道）、开发区、成员部门和企业；别名用于识别各单位报表中的不同写法"
        extra={
          <>
            <ListExportButton
              exportList={() =>
                call('units:export', { search: search || undefined, kind: kind === '全部' ? undefined : kind })
              }
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })}>
              新增单位
            </Button>
          </>
        }
      />
      <div className="page-card">
        <div className="toolbar">
          <Input.Search
            allowClear
            placeholder="按名称或别名搜索"
            style={{ width: 260 }}
            onSearch={(v) => setSearch(v.trim())}
            aria-label="搜索单位"
          />
          <Segmented<UnitKind | '全部'> value={kind} onChange={setKind} options={['全部', ...UNIT_KINDS]} />
        </div>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<Unit>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
          data-testid="unit-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  search || kind !== '全部' ? '没有符合条件的单位' : '单位名录还是空的，点击右上角“新增单位”添加'
                }
              />
            ),
          }}
          columns={[
            {
              title: '单位名称',
              dataIndex: 'name',
              key: 'name',
              width: 220,
              render: (n: string, u) => (
                <span className="cell-main">
                  {n}
                  {u.active ? null : (
                    <Tag bordered={false} style={{ marginInlineStart: 6 }} data-testid="unit-disabled-tag">
                      已停用
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              title: '类别',
              dataIndex: 'kind',
              key: 'kind',
              width: 90,
              render: (k: UnitKind) => (
                <Tag color={KIND_COLORS[k]} bordered={false}>
                  {k}
                </Tag>
              ),
            },
            {
              title: '别名',
              dataIndex: 'aliases',
              key: 'aliases',
              render: (as: string[]) =>
                as.length ? (
                  <div className="alias-tags">
                    {as.map((a) => (
                      <Tag key={a}>{a}</Tag>
                    ))}
                  </div>
                ) : (
                  <span className="cell-sub">—</span>
                ),
            },
            {
              title: '联系人',
              dataIndex: 'contact',
              key: 'contact',
              width: 100,
              render: (c: string | null) => c ?? '—',
            },
            { title: '联系电话', dataIndex: 'phone', key: 'phone', width: 140, render: (p: string | null) => p ?? '—' },
            { title: '备注', dataIndex: 'notes', key: 'notes', ellipsis: true, render: (n: string | null) => n ?? '' },
            {
              title: '操作',
              key: 'actions',
              width: 170,
              render: (_, u) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setModal({ open: true, editing: u })}>
                    编辑
                  </Button>
                  <Button type="link" size="small" onClick={() => setMerging(u)} data-testid="unit-merge">
                    合并
                  </Button>
                  <Button type="link" size="small" onClick={() => toggleActive(u)} data-testid="unit-toggle-active">
                    {u.active ? '停用' : '启用'}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </div>
      <MergeUnitModal
        from={merging}
        units={all.data ?? []}
        onClose={() => setMerging(null)}
        onMerged={() => {
          setMerging(null);
          reload();
        }}
      />
      <UnitFormModal
        open={modal.open}
        editing={modal.editing}
        onClose={() => setModal({ open: false, editing: null })}
        onSaved={() => {
          setModal({ open: false, editing: null });
          reload();
        }}
      />
    </div>
  );
}
