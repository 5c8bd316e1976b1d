/** The breakdown tables (按乡镇 / 按行业 / 按月份), with a 合计 row. */
import { Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Stats, StatsRow } from './types';

function columns(first: string): ColumnsType<StatsRow> {
  const num = (title: string, key: keyof StatsRow, width = 92) => ({
    title,
    dataIndex: key,
    key,
    width,
    align: 'right' as const,
  });
  return [
    { title: first, dataIndex: 'key', key: 'key', width: 180 },
    num('检查家次', 'checked'),
    num('隐患总数', 'total'),
    num('重大隐患', 'major'),
    num('已整改', 'rectified'),
    num('重大已整改', 'majorRectified', 100),
    num('逾期', 'overdue', 80),
    {
      title: '整改率',
      dataIndex: 'rate',
      key: 'rate',
      width: 90,
      align: 'right',
      render: (r: number) => `${r.toFixed(1)}%`,
    },
  ];
}

function StatsGrid({ rows, first, total }: { rows: StatsRow[]; first: string; total: StatsRow }) {
  return (
    <Table<StatsRow>
      rowKey="key"
      size="small"
      bordered
      columns={columns(first)}
      dataSource={rows}
      pagination={false}
      // Every row on the page (26 townships, 12 industries …), no inner scroll box: the header and the 合计 row
      // stay in sight while the page scrolls.
      sticky
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row className="stats-total-row">
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            {(['checked', 'total', 'major', 'rectified', 'majorRectified', 'overdue'] as const).map((k, i) => (
              <Table.Summary.Cell key={k} index={i + 1} align="right">
                {total[k]}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={7} align="right">
              {total.rate.toFixed(1)}%
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

export function StatsTable({ stats }: { stats: Stats }) {
  const h = stats.hazards;
  return (
    <Tabs
      items={[
        {
          key: 'township',
          label: '按乡镇（街道）',
          children: <StatsGrid rows={h.byTownship} first="乡镇（街道）" total={h} />,
        },
        {
          key: 'industry',
          label: '按行业领域',
          children: <StatsGrid rows={h.byIndustry} first="行业领域" total={h} />,
        },
        {
          key: 'category',
          label: '按隐患类别',
          children: <StatsGrid rows={h.byCategory} first="隐患类别" total={h} />,
        },
        { key: 'month', label: '按月份', children: <StatsGrid rows={h.byMonth} first="月份" total={h} /> },
      ]}
    />
  );
}
