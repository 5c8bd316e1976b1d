/** 操作日志: who changed what and when. Read-only by design (the log is append-only in the database). */
import { Select, DatePicker, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../api/client';
import type { AuditEntry } from '../api/types';
import { useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { showDateTime, toIso } from '../components/format';
import { AuditDiff } from './AuditDiff';
import { ACTION_LABELS, ENTITY_LABELS } from './auditLabels';
import './audit.css';

export function AuditPage() {
  const [entity, setEntity] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useRequest(
    () =>
      call('audit:list', {
        entity,
        from: range ? (toIso(range[0]) ?? undefined) : undefined,
        to: range ? (toIso(range[1]) ?? undefined) : undefined,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
    [entity, range, page, pageSize],
  );

  return (
    <div className="page">
      <PageHeader title="操作日志" hint="所有新增、修改、删除都自动记录，只能查看，不能修改或删除" />
      <div className="page-card">
        <div className="toolbar">
          <span className="toolbar-label">对象类型</span>
          <Select<string>
            allowClear
            aria-label="对象类型"
            placeholder="全部"
            style={{ width: 130 }}
            value={entity}
            onChange={(v) => {
              setEntity(v);
              setPage(1);
            }}
            options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <span className="toolbar-label">日期</span>
          <DatePicker.RangePicker
            value={range}
            onChange={(r) => {
              setRange(r && r[0] && r[1] ? [r[0], r[1]] : null);
              setPage(1);
            }}
            placeholder={['开始日期', '结束日期']}
          />
          <span className="spacer" />
          <Typography.Text type="secondary">点击行首“+”查看修改前后的内容</Typography.Text>
        </div>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.rows ?? []}
          data-testid="audit-table"
          expandable={{
            expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
            rowExpandable: (r) => r.before !== null || r.after !== null,
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              if (s !== pageSize) {
                setPageSize(s);
                setPage(1);
              } else setPage(p);
            },
          }}
          columns={[
            { title: '时间', dataIndex: 'at', key: 'at', width: 180, render: showDateTime },
            { title: '操作人', dataIndex: 'actor', key: 'actor', width: 120 },
            {
              title: '操作',
              dataIndex: 'action',
              key: 'action',
              width: 100,
              render: (a: string) => {
                const l = ACTION_LABELS[a];
                return <Tag color={l?.color}>{l?.label ?? '其他'}</Tag>;
              },
            },
            {
              title: '对象',
              key: 'entity',
              width: 130,
              // The summary names the record; its database id means nothing to the clerk.
              render: (_, r) => ENTITY_LABELS[r.entity] ?? '其他',
            },
            { title: '摘要', dataIndex: 'summary', key: 'summary', render: (s: string | null) => s ?? '—' },
          ]}
        />
      </div>
    </div>
  );
}
