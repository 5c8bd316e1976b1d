/** Columns of the register table. Sortable columns map to the server's sortField. */
import { Button, Popconfirm, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { PledgeView } from '../api/types';
import { showDate } from '../components/format';
import { LevelTag, ScanTag, StatusTag } from '../components/tags';

export const SORTABLE = ['talkDate', 'signedDate', 'level', 'talkeeName', 'talkeeUnit'] as const;
export type SortField = (typeof SORTABLE)[number];

interface Actions {
  onView: (p: PledgeView) => void;
  onPrint: (p: PledgeView) => void;
  onDelete: (p: PledgeView) => void;
  printingId: number | null;
  sort: { field?: SortField; order?: 'asc' | 'desc' };
}

function PersonCell({ name, title }: { name: string; title: string }) {
  return (
    <div>
      <div className="cell-main">{name}</div>
      <div className="cell-sub">{title}</div>
    </div>
  );
}

export function pledgeColumns(a: Actions): ColumnsType<PledgeView> {
  const sortOrder = (f: SortField) => (a.sort.field === f ? (a.sort.order === 'asc' ? 'ascend' : 'descend') : null);
  return [
    {
      title: '层级',
      dataIndex: 'level',
      key: 'level',
      width: 64,
      align: 'center',
      sorter: true,
      sortOrder: sortOrder('level'),
      render: (l: number) => <LevelTag level={l} />,
    },
    {
      title: '谈话人（职务）',
      key: 'talker',
      width: 124,
      render: (_, p) => <PersonCell name={p.talkerName} title={p.talkerTitle} />,
    },
    {
      title: '谈话对象（职务）',
      key: 'talkeeName',
      width: 156,
      sorter: true,
      sortOrder: sortOrder('talkeeName'),
      render: (_, p) => <PersonCell name={p.talkeeName} title={p.talkeeTitle} />,
    },
    {
      title: '对象单位',
      key: 'talkeeUnit',
      dataIndex: 'talkeeUnitName',
      sorter: true,
      sortOrder: sortOrder('talkeeUnit'),
      width: 140,
      render: (name: string, p) => (
        <div>
          <div className="cell-main">{name}</div>
          {p.reportingUnitName ? <div className="cell-sub">报送：{p.reportingUnitName}</div> : null}
        </div>
      ),
    },
    {
      title: '通知文号',
      dataIndex: 'noticeDocNo',
      key: 'notice',
      width: 128,
      render: (d: string | null) => d ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '谈话日期',
      dataIndex: 'talkDate',
      key: 'talkDate',
      width: 96,
      sorter: true,
      sortOrder: sortOrder('talkDate'),
      render: showDate,
    },
    {
      title: '签订日期',
      dataIndex: 'signedDate',
      key: 'signedDate',
      width: 96,
      sorter: true,
      sortOrder: sortOrder('signedDate'),
      render: showDate,
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 70,
      align: 'center',
      render: (s: string) => <StatusTag status={s} />,
    },
    {
      title: '扫描件',
      key: 'scans',
      width: 86,
      align: 'center',
      render: (_, p) => (
        <ScanTag count={p.attachments.length} pages={p.attachments.reduce((n, x) => n + (x.pageCount ?? 1), 0)} />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, p) => (
        <Space size={0} className="row-actions">
          <Button type="link" size="small" onClick={() => a.onView(p)}>
            查看
          </Button>
          <Button type="link" size="small" loading={a.printingId === p.id} onClick={() => a.onPrint(p)}>
            打印
          </Button>
          <Popconfirm
            title="删除这份明白书？"
            description={`${p.talkeeName}（${p.talkeeUnitName}），删除后移入回收站`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => a.onDelete(p)}
          >
            <Button type="link" size="small" danger disabled={p.status === '已归档'}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
