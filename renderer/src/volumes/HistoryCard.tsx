/** 导出记录: every PDF made of this volume, with its SHA-256. */
import { Card, Table, Tag, Typography } from 'antd';
import { showDateTime } from '../components/format';
import { EXPORT_KIND } from './labels';
import type { HistoryRow } from './types';

export function HistoryCard({ rows, loading }: { rows: HistoryRow[]; loading: boolean }) {
  return (
    <Card title="导出记录" className="history-card">
      <Table<HistoryRow>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: '尚未导出' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => showDateTime(v) },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 90,
            render: (k: string) => <Tag color={k === 'seal' ? 'green' : undefined}>{EXPORT_KIND[k] ?? k}</Tag>,
          },
          { title: '操作人', dataIndex: 'actor', width: 80 },
          {
            title: '文件',
            dataIndex: 'file',
            ellipsis: true,
            render: (f: string, r) => (
              <div>
                <span className="mono-path" title={f}>
                  {f}
                </span>
                {r.parts.length > 1 ? <div className="cell-sub">分 {r.parts.length} 册</div> : null}
              </div>
            ),
          },
          { title: '页数', dataIndex: 'pages', width: 60, align: 'right' },
          { title: '件数', dataIndex: 'items', width: 60, align: 'right' },
          {
            title: '问题',
            dataIndex: 'problems',
            width: 60,
            align: 'right',
            render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0),
          },
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            width: 170,
            render: (s: string, r) => (
              <div>
                <Typography.Text className="mono" copyable={{ text: s }}>
                  {s.slice(0, 12)}…
                </Typography.Text>
                {r.matchesSeal === true ? (
                  <div className="cell-sub">与封卷一致</div>
                ) : r.matchesSeal === false ? (
                  <Tag color="red">与封卷不一致</Tag>
                ) : null}
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
