/** 报送登记: the register of returns received (专题报告, 工作清单, 自查报告, 隐患台账回执), 退回修改 and history. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Switch, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { call } from '../api/client';
import { useNotices, useUnits } from '../api/useDirectory';
import { useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { NoticeSelect } from '../components/NoticeSelect';
import { PageHeader } from '../components/PageHeader';
import { ListExportButton } from '../components/ListExportButton';
import { UnitSelect } from '../components/UnitSelect';
import { RegisterReturnModal, type RegisterDefaults } from './RegisterReturnModal';
import { ReturnDetailDrawer } from './ReturnDetailDrawer';
import { ReturnHistoryDrawer } from './ReturnHistoryDrawer';
import { returnColumns } from './returnColumns';
import { SendBackModal } from './SendBackModal';
import { RETURN_KINDS, type ReturnKind, type ReturnQuery, type ReturnView } from './types';
import './returns.css';

interface Props {
  initialNoticeId?: number;
  initialUnitId?: number;
  initialStatus?: string;
  initialKind?: string;
  /** The period of a monthly/quarterly return (from the board's cell). */
  initialPeriod?: string;
  /** Opens 登记报送 for the notice, unit, kind and period given (a board cell not yet received). */
  initialRegister?: boolean;
  /** Opens this return (a board cell received). */
  initialOpenId?: number;
}

export function ReturnsPage({
  initialNoticeId,
  initialUnitId,
  initialStatus,
  initialKind,
  initialPeriod,
  initialRegister,
  initialOpenId,
}: Props) {
  const units = useUnits();
  const notices = useNotices();
  const [q, setQ] = useState<ReturnQuery>({
    noticeId: initialNoticeId,
    unitId: initialUnitId,
    status: initialStatus === '退回修改' || initialStatus === '已接收' ? initialStatus : undefined,
    kind: RETURN_KINDS.find((k) => k.value === initialKind)?.value,
    latestOnly: true,
  });
  const list = useRequest(() => call('returns:list', q), [q]);
  const [register, setRegister] = useState<RegisterDefaults | null>(() =>
    initialRegister
      ? {
          noticeId: initialNoticeId,
          unitId: initialUnitId,
          kind: RETURN_KINDS.find((k) => k.value === initialKind)?.value,
          period: initialPeriod && /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(initialPeriod) ? initialPeriod : null,
        }
      : null,
  );
  const [sendBack, setSendBack] = useState<ReturnView | null>(null);
  const [history, setHistory] = useState<ReturnView | null>(null);
  const [detail, setDetail] = useState<ReturnView | null>(null);
  // A board cell's return: opened once, as soon as it is read.
  useEffect(() => {
    if (!initialOpenId) return;
    let stale = false;
    call('returns:history', { id: initialOpenId }).then(
      (all) => {
        const r = all.find((x) => x.id === initialOpenId);
        if (!stale && r) setDetail(r);
      },
      () => {},
    );
    return () => {
      stale = true;
    };
  }, [initialOpenId]);
  const set = (patch: Partial<ReturnQuery>) => setQ((x) => ({ ...x, ...patch }));

  const columns = useMemo(
    () =>
      returnColumns({
        onOpen: setDetail,
        onHistory: setHistory,
        onSendBack: setSendBack,
        onResubmit: (r) =>
          setRegister({
            noticeId: r.noticeId ?? undefined,
            unitId: r.unitId ?? undefined,
            kind: r.kind,
            period: r.period,
            title: r.title,
          }),
      }),
    [],
  );
  const rows = list.data ?? [];
  const over = rows.filter((r) => r.overLimit).length;
  const back = rows.filter((r) => r.status === '退回修改').length;

  return (
    <div className="page">
      <PageHeader
        title="报送登记"
        hint="登记各单位报来的专题报告、工作清单、自查报告和隐患台账：审定、盖章、字数，退回修改与重新报送"
        extra={
          <>
            <ListExportButton exportList={() => call('returns:export', q)} />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRegister({ noticeId: q.noticeId, unitId: q.unitId, kind: q.kind })}
            >
              登记报送
            </Button>
          </>
        }
      />
      <div className="page-card">
        <div className="toolbar">
          <NoticeSelect
            notices={notices.notices}
            allowClear
            placeholder="全部通知"
            style={{ width: 190 }}
            value={q.noticeId}
            onChange={(v) => set({ noticeId: v })}
          />
          <UnitSelect
            units={units.units}
            allowClear
            placeholder="全部单位"
            style={{ width: 190 }}
            value={q.unitId}
            onChange={(v) => set({ unitId: v })}
          />
          <Select<ReturnKind>
            allowClear
            placeholder="全部材料"
            style={{ width: 140 }}
            value={q.kind}
            onChange={(v) => set({ kind: v })}
            options={RETURN_KINDS}
            aria-label="材料类别"
          />
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            value={q.status}
            onChange={(v) => set({ status: v })}
            options={[
              { value: '已接收', label: '已接收' },
              { value: '退回修改', label: '退回修改' },
            ]}
            aria-label="状态"
          />
          <span className="switch-label">
            <Switch
              size="small"
              checked={!!q.latestOnly}
              onChange={(v) => set({ latestOnly: v })}
              aria-label="只看最新"
            />{' '}
            只看最新一次报送
          </span>
          <span className="spacer" />
          <span className="cell-sub" data-testid="returns-summary">
            共 {rows.length} 份{back ? `，退回修改 ${back} 份` : ''}
            {over ? `，超字数 ${over} 份` : ''}
          </span>
        </div>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<ReturnView>
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 1100 }}
          data-testid="returns-table"
          rowClassName={(r) => (r.status === '退回修改' ? 'row-returned' : r.overLimit ? 'row-over' : '')}
          pagination={{
            pageSize: 20,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 份`,
            hideOnSinglePage: false,
          }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description="没有报送记录；收到单位报来的材料后点击“登记报送”"
              />
            ),
          }}
        />
      </div>
      <RegisterReturnModal
        open={!!register}
        defaults={register ?? {}}
        units={units.units}
        notices={notices.notices}
        onUnitCreated={() => units.reload()}
        onClose={() => setRegister(null)}
        onSaved={() => {
          setRegister(null);
          list.reload();
        }}
      />
      <SendBackModal
        target={sendBack}
        onClose={() => setSendBack(null)}
        onDone={() => {
          setSendBack(null);
          list.reload();
        }}
      />
      <ReturnHistoryDrawer target={history} onClose={() => setHistory(null)} />
      <ReturnDetailDrawer target={detail} onClose={() => setDetail(null)} onChanged={list.reload} />
    </div>
  );
}
