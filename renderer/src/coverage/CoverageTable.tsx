/** Per-unit coverage: expected vs registered/signed; units with something missing come first, in red. */
import { Button, Empty, Table, Tag, Typography } from 'antd';
import type { CoverageRow } from '../api/types';
import { isOverdue, showDate } from '../components/format';
import { KIND_COLORS } from '../units/unitKinds';
import type { UnitKind } from '../api/types';

interface Props {
  rows: CoverageRow[];
  loading: boolean;
  onShowPledges: (unitId: number) => void;
  onEditRequirements: () => void;
}

export function CoverageTable({ rows, loading, onShowPledges, onEditRequirements }: Props) {
  return (
    <Table<CoverageRow>
      rowKey="unitId"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showTotal: (t) => `共 ${t} 个单位` } : false}
      rowClassName={(r) => (r.missing > 0 ? 'row-missing' : '')}
      data-testid="coverage-table"
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这份通知还没有设置应签单位，也没有登记明白书">
            <Button type="primary" onClick={onEditRequirements}>
              设置应签单位
            </Button>
          </Empty>
        ),
      }}
      columns={[
        {
          title: '单位',
          dataIndex: 'unitName',
          key: 'unit',
          render: (n: string) => <span className="cell-main">{n}</span>,
        },
        {
          title: '类别',
          dataIndex: 'unitKind',
          key: 'kind',
          width: 90,
          render: (k: string) => (
            <Tag color={KIND_COLORS[k as UnitKind] ?? 'default'} bordered={false}>
              {k}
            </Tag>
          ),
        },
        { title: '应签', dataIndex: 'expected', key: 'expected', width: 80, align: 'right' },
        { title: '已登记', dataIndex: 'registered', key: 'registered', width: 80, align: 'right' },
        { title: '已签', dataIndex: 'signed', key: 'signed', width: 80, align: 'right' },
        {
          title: '扫描件',
          dataIndex: 'withScan',
          key: 'withScan',
          width: 90,
          align: 'right',
          render: (n: number, r) =>
            r.registered > n ? <Typography.Text type="warning">{`${n} / ${r.registered}`}</Typography.Text> : n,
        },
        {
          title: '完成情况',
          key: 'missing',
          width: 130,
          align: 'center',
          render: (_, r) =>
            r.missing > 0 ? (
              <Tag color="error">缺 {r.missing} 份</Tag>
            ) : r.expected > 0 ? (
              <Tag color="success">已完成</Tag>
            ) : (
              <Tag>未列入要求</Tag>
            ),
        },
        {
          title: '截止日期',
          dataIndex: 'deadline',
          key: 'deadline',
          width: 170,
          render: (d: string | null, r) =>
            r.missing > 0 && isOverdue(d) ? (
              <span style={{ whiteSpace: 'nowrap' }}>
                <Typography.Text type="danger">{d}</Typography.Text>
                <Tag color="red" bordered={false} style={{ marginInlineStart: 6 }}>
                  已逾期
                </Tag>
              </span>
            ) : (
              showDate(d)
            ),
        },
        {
          title: '操作',
          key: 'actions',
          width: 110,
          render: (_, r) => (
            <Button type="link" size="small" onClick={() => onShowPledges(r.unitId)} disabled={r.registered === 0}>
              查看明白书
            </Button>
          ),
        },
      ]}
    />
  );
}
