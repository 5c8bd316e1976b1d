/** Columns of the register of received returns. */
import { CheckOutlined, MinusOutlined, PaperClipOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { periodLabel } from '../../../core/domain/returns';
import { kindLabel, type ReturnView } from './types';

interface Actions {
  onOpen: (r: ReturnView) => void;
  onHistory: (r: ReturnView) => void;
  onSendBack: (r: ReturnView) => void;
  onResubmit: (r: ReturnView) => void;
}

const Yes = ({ ok, label }: { ok: boolean; label: string }) =>
  ok ? (
    <CheckOutlined style={{ color: '#389e0d' }} aria-label={`已${label}`} />
  ) : (
    <Tooltip title={`未${label}`}>
      <MinusOutlined style={{ color: '#cf1322' }} aria-label={`未${label}`} />
    </Tooltip>
  );

export function LengthCell({ r }: { r: Pick<ReturnView, 'textLength' | 'lengthLimit' | 'overLimit'> }) {
  if (r.textLength === null) return <span className="cell-sub">{r.lengthLimit ? `— / ${r.lengthLimit}` : '—'}</span>;
  return (
    <span className={r.overLimit ? 'len-over' : 'len-ok'}>
      {r.overLimit ? <WarningFilled style={{ marginRight: 4 }} /> : null}
      {r.textLength}
      {r.lengthLimit ? <span className="cell-sub"> / {r.lengthLimit}</span> : null}
      {r.overLimit ? (
        <Tooltip title={`超出字数上限 ${r.textLength - r.lengthLimit!} 字`}>
          <Tag color="warning" style={{ marginLeft: 6, marginInlineEnd: 0 }}>
            超字数
          </Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

export function ReturnStatusTag({ r }: { r: Pick<ReturnView, 'status' | 'returnReason'> }) {
  return r.status === '退回修改' ? (
    <Tooltip title={r.returnReason ? `退回原因：${r.returnReason}` : undefined}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        退回修改
      </Tag>
    </Tooltip>
  ) : (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      已接收
    </Tag>
  );
}

export function returnColumns(a: Actions): ColumnsType<ReturnView> {
  return [
    { title: '收到日期', dataIndex: 'receivedDate', key: 'receivedDate', width: 104 },
    {
      title: '单位',
      key: 'unit',
      width: 150,
      ellipsis: true,
      render: (_, r) => <span className="cell-main">{r.unitName}</span>,
    },
    {
      title: '材料',
      key: 'kind',
      width: 140,
      render: (_, r) => (
        <div>
          <div className="cell-main">
            {kindLabel(r.kind)}
            {r.period ? <span className="cell-sub">（{periodLabel(r.period)}）</span> : null}
          </div>
          <div className="cell-sub">{r.docNo || '未关联通知'}</div>
        </div>
      ),
    },
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      ellipsis: true,
      render: (t: string | null, r) => (
        <span>
          {r.previousId ? (
            <Tag color="blue" style={{ marginRight: 6 }}>
              重新报送
            </Tag>
          ) : null}
          {t ?? <span className="cell-sub">—</span>}
        </span>
      ),
    },
    { title: '字数/上限', key: 'len', width: 132, render: (_, r) => <LengthCell r={r} /> },
    {
      title: '审定',
      key: 'approved',
      width: 56,
      align: 'center',
      render: (_, r) => <Yes ok={r.approved} label="经主要负责同志审定" />,
    },
    {
      title: '公章',
      key: 'sealed',
      width: 56,
      align: 'center',
      render: (_, r) => <Yes ok={r.sealed} label="加盖公章" />,
    },
    {
      title: '附件',
      key: 'att',
      width: 60,
      align: 'center',
      render: (_, r) =>
        r.attachments.length ? (
          <span>
            <PaperClipOutlined /> {r.attachments.length}
          </span>
        ) : (
          <span className="cell-sub">—</span>
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 92,
      render: (_, r) => (
        <Space size={4}>
          <ReturnStatusTag r={r} />
          {!r.latest ? <span className="cell-sub">旧版</span> : null}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0} className="row-actions">
          <Button type="link" size="small" onClick={() => a.onOpen(r)} data-testid="return-open">
            查看
          </Button>
          <Button type="link" size="small" onClick={() => a.onHistory(r)}>
            历史
          </Button>
          {r.latest && r.status === '已接收' ? (
            <Button type="link" size="small" danger onClick={() => a.onSendBack(r)}>
              退回修改
            </Button>
          ) : null}
          {r.latest && r.status === '退回修改' ? (
            <Button type="link" size="small" onClick={() => a.onResubmit(r)}>
              登记重报
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
}
