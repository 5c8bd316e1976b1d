/**
 * 报送跟踪: who has returned what. Rows are the units a notice addresses, columns what each notice requires
 * (明白书, 专题报告, 工作清单, 自查报告, 隐患台账), cells the state on today's date; 催报 exports for the late ones.
 */
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Space, Switch, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { RETURN_KIND_LABELS } from '../../../core/domain/returns';
import { call } from '../api/client';
import { useAppState } from '../app/AppState';
import { useNotices } from '../api/useDirectory';
import { useAction, useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { ListExportButton } from '../components/ListExportButton';
import { usePrintPreview } from '../components/PrintPreview';
import { BoardCellTag } from './BoardCellTag';
import { STATUS_COLORS, STATUS_ORDER, type BoardCell, type BoardColumn, type BoardRow } from './boardStatus';
import './board.css';

/**
 * One notice column: wide enough for "超期 1042 天" and a two-line 文号, narrow enough that the six columns of
 * the demo campaign fit a 1366-pixel window beside the fixed ones, so the last is never under 逾期/退回.
 */
const NOTICE_COL_WIDTH = 108;
const FIXED_WIDTH = 150 + 64 + 108 + 80;

/** 禹安办〔2024〕1号 breaks after 〕 when it must, never inside the year or before 号. */
function DocNo({ docNo }: { docNo: string }) {
  const m = /^(.*〕)(.+)$/.exec(docNo);
  return (
    <div className="cell-sub board-docno">
      {m ? (
        <>
          <span>{m[1]}</span>
          <span>{m[2]}</span>
        </>
      ) : (
        docNo
      )}
    </div>
  );
}

function columnTitle(c: BoardColumn, single: boolean) {
  return (
    <Tooltip title={`${c.docNo} ${c.noticeTitle}`}>
      <div className="board-col-title">
        <div>{RETURN_KIND_LABELS[c.kind]}</div>
        {single ? null : <DocNo docNo={c.docNo} />}
      </div>
    </Tooltip>
  );
}

function cellHint(c: BoardColumn, cell: BoardCell): string {
  if (c.kind === 'pledge') return '点击查看该单位的明白书';
  return cell.submissionId ? '点击查看这份报送' : '点击登记报送';
}

export function BoardPage({
  initialNoticeId,
  initialOnlyLate = false,
}: {
  initialNoticeId?: number;
  initialOnlyLate?: boolean;
}) {
  const notices = useNotices();
  const { navigate } = useAppState();
  const [noticeId, setNoticeId] = useState<number | undefined>(initialNoticeId);
  const [onlyLate, setOnlyLate] = useState(initialOnlyLate);
  const board = useRequest(() => call('board:get', { noticeId, onlyLate }), [noticeId, onlyLate]);
  const { run, pending } = useAction();
  const preview = usePrintPreview();
  const [printing, setPrinting] = useState(false);

  const exportChase = () =>
    run(() => call('board:exportChase', { noticeId, onlyLate, format: 'xlsx' }), {
      success: (r) => (r ? `催报清单已保存：${r.file}` : null),
    });
  const printChase = async () => {
    setPrinting(true);
    await preview(() => call('board:printChase', { noticeId, onlyLate }));
    setPrinting(false);
  };

  const data = board.data;
  const single = noticeId !== undefined;

  /**
   * A cell opens the unit's returns for that notice: the return received (已交, 逾期补交, 退回修改), or 登记报送
   * ready for the one not yet received (未交, 逾期); 明白书 open the unit's 明白书 of the notice.
   */
  const openCell = useCallback(
    (r: BoardRow, c: BoardColumn, cell: BoardCell) => {
      if (c.kind === 'pledge') navigate('pledges', { notice: c.noticeId, unit: r.unitId });
      else if (cell.submissionId) navigate('returns', { notice: c.noticeId, unit: r.unitId, open: cell.submissionId });
      else
        navigate('returns', {
          notice: c.noticeId,
          unit: r.unitId,
          kind: c.kind,
          period: cell.period ?? undefined,
          register: 1,
        });
    },
    [navigate],
  );
  const columns = useMemo<ColumnsType<BoardRow>>(() => {
    const cols = data?.columns ?? [];
    return [
      {
        title: '单位',
        key: 'unit',
        fixed: 'left',
        width: 150,
        render: (_, r) => (
          <div>
            <div className="cell-main">{r.unitName}</div>
            <div className="cell-sub">{r.unitKind}</div>
          </div>
        ),
      },
      { title: '联系人', key: 'contact', width: 64, render: (_, r) => r.contact ?? '—' },
      {
        title: '电话',
        key: 'phone',
        width: 108,
        render: (_, r) => <span className="board-phone">{r.phone ?? '—'}</span>,
      },
      ...cols.map<ColumnsType<BoardRow>[number]>((c) => ({
        title: columnTitle(c, single),
        key: c.key,
        width: NOTICE_COL_WIDTH,
        align: 'center',
        render: (_, r) =>
          r.cells[c.key] ? (
            <BoardCellTag
              cell={r.cells[c.key]!}
              today={data?.today ?? ''}
              onOpen={() => openCell(r, c, r.cells[c.key]!)}
              openHint={cellHint(c, r.cells[c.key]!)}
              testId={`board-cell-${r.unitId}-${c.key}`}
            />
          ) : (
            <span className="board-na">不涉及</span>
          ),
      })),
      {
        title: '逾期/退回',
        key: 'late',
        width: 80,
        align: 'center',
        fixed: 'right',
        render: (_, r) =>
          r.late ? <span className="board-late-count">{r.late}</span> : <span className="cell-sub">0</span>,
      },
    ];
  }, [data?.columns, data?.today, single, openCell]);

  const width = FIXED_WIDTH + (data?.columns.length ?? 0) * NOTICE_COL_WIDTH;
  const notice = notices.notices.find((n) => n.id === noticeId);

  return (
    <div className="page">
      <PageHeader
        title="报送跟踪"
        hint={`各单位按通知应报材料的报送情况（按今天 ${data?.today ?? ''} 计算逾期），逾期和退回的可一键生成催报清单`}
        extra={
          <>
            <ListExportButton exportList={() => call('board:export', { noticeId, onlyLate })} />
            <Button icon={<FileExcelOutlined />} loading={pending} onClick={() => void exportChase()}>
              导出催报清单（Excel）
            </Button>
            <Button icon={<PrinterOutlined />} loading={printing} onClick={() => void printChase()}>
              打印催报通知
            </Button>
          </>
        }
      />
      <div className="page-card">
        <div className="toolbar board-toolbar">
          <span>通知文件</span>
          <Select<number | 'all'>
            style={{ width: 440 }}
            value={noticeId ?? 'all'}
            onChange={(v) => setNoticeId(v === 'all' ? undefined : v)}
            loading={notices.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: 'all', label: '全部通知' },
              ...notices.notices.map((n) => ({ value: n.id, label: `${n.docNo}  ${n.title}` })),
            ]}
            aria-label="选择通知文件"
            data-testid="board-notice-select"
          />
          <Space size={6}>
            <Switch
              checked={onlyLate}
              onChange={setOnlyLate}
              aria-label="只看逾期/退回"
              data-testid="board-only-late"
            />
            <span>只看逾期/退回</span>
          </Space>
          <span className="spacer" />
          <div className="board-totals" data-testid="board-totals">
            {STATUS_ORDER.map((s) => (
              <span key={s} className="board-total">
                <Tag color={STATUS_COLORS[s]} style={{ marginInlineEnd: 4 }}>
                  {s}
                </Tag>
                <b data-testid={`board-total-${s}`}>{data?.totals[s] ?? 0}</b>
              </span>
            ))}
          </div>
        </div>
        {notice?.deadline ? (
          <div className="board-notice-meta">
            截止日期 {notice.deadline} · {notice.title}
          </div>
        ) : null}
        <LoadError error={board.error} onRetry={board.reload} />
        <Table<BoardRow>
          rowKey="unitId"
          size="small"
          bordered
          loading={board.loading}
          columns={columns}
          dataSource={data?.rows ?? []}
          pagination={false}
          sticky
          scroll={{ x: width }}
          // A notice with one or two kinds of return: keep the table compact instead of stretching it.
          style={(data?.columns.length ?? 0) <= 2 ? { maxWidth: 860 } : undefined}
          data-testid="board-table"
          rowClassName={(r) => (r.late ? 'board-row-late' : '')}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  onlyLate
                    ? '没有逾期或退回的单位'
                    : '该通知尚未设置报送要求：在“通知文件”中点击“报送要求”设置各单位应报的材料'
                }
              />
            ),
          }}
          summary={() =>
            data && data.rows.length ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    <span className="cell-sub">共 {data.rows.length} 个单位</span>
                  </Table.Summary.Cell>
                  {data.columns.map((c, i) => {
                    const done = data.rows.filter((r) =>
                      ['已交', '逾期补交'].includes(r.cells[c.key]?.status ?? ''),
                    ).length;
                    const all = data.rows.filter((r) => r.cells[c.key]).length;
                    return (
                      <Table.Summary.Cell key={c.key} index={i + 3} align="center">
                        <span className="cell-sub">
                          已交 {done}/{all}
                        </span>
                      </Table.Summary.Cell>
                    );
                  })}
                  <Table.Summary.Cell index={data.columns.length + 3} />
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </div>
    </div>
  );
}
