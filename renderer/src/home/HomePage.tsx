/**
 * 工作台: the clerk's morning view — what falls due this week, what is late or sent back, 重大 hazards still open,
 * the latest returns, this year's hazard figures and the 明白书 counts; each links to its page with filters.
 * On an empty register it shows the first-run welcome instead.
 */
import { Spin } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useAppState } from '../app/AppState';
import { call } from '../api/client';
import { useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { hazardLink } from '../hazards/hazardFilterModel';
import { DueList, MajorList, Panel, ReturnsList } from './HomeCards';
import { WelcomePanel } from './WelcomePanel';
import { ArchiveChanges } from './ArchiveChanges';
import './home.css';

function Kpi({
  label,
  value,
  unit,
  sub,
  tone,
  onClick,
  testId,
}: {
  label: string;
  value: ReactNode;
  unit: string;
  sub?: ReactNode;
  tone?: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <div
      className={`home-kpi ${tone ?? ''}`}
      onClick={onClick}
      role="link"
      tabIndex={0}
      onKeyDown={(e) => e.key === 'Enter' && onClick()}
    >
      <div className="home-kpi-label">{label}</div>
      <div className="home-kpi-value">
        <span data-testid={testId}>{value}</span>
        <span className="home-kpi-unit">{unit}</span>
      </div>
      <div className="home-kpi-sub">{sub}</div>
    </div>
  );
}

const OPEN_MAJOR = hazardLink({ level: '重大', statuses: ['未整改', '整改中', '已整改'] });

export function HomePage() {
  const { navigate } = useAppState();
  const info = useRequest(() => call('app:info', {}), []);
  const empty = info.data?.empty === true;
  const sum = useRequest(() => call('home:summary', {}), [], { enabled: !!info.data && !empty });
  const s = sum.data;
  const year = dayjs().year();

  if (info.data && empty) {
    return (
      <div className="page">
        <WelcomePanel onBlank={() => navigate('units')} />
      </div>
    );
  }

  return (
    <div className="page home-page">
      <PageHeader
        title="工作台"
        hint={`今天是 ${dayjs().format('YYYY年M月D日 dddd')}，以下按今天的日期计算到期和逾期`}
      />
      <LoadError error={info.error ?? sum.error} onRetry={sum.reload} />
      {!s ? (
        <div style={{ padding: 80, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : (
        <>
          <ArchiveChanges initial={s.archives} />
          <div className="home-kpis">
            <Kpi
              label="本周到期"
              value={s.dueThisWeekCount}
              unit="项"
              sub="7 天内截止、尚未报送"
              tone="blue"
              onClick={() => navigate('board')}
              testId="home-due"
            />
            <Kpi
              label="逾期 / 退回"
              value={s.lateCount}
              unit="项"
              sub="需要催报的材料"
              tone={s.lateCount ? 'red' : 'green'}
              onClick={() => navigate('board', { late: 1 })}
              testId="home-late"
            />
            <Kpi
              label="未销号重大隐患"
              value={s.openMajorCount}
              unit="处"
              sub={
                s.openMajor.some((r) => r.overdue)
                  ? `其中逾期 ${s.openMajor.filter((r) => r.overdue).length} 处${s.openMajorCount > s.openMajor.length ? '以上' : ''}`
                  : '暂无逾期'
              }
              tone={s.openMajorCount ? 'red' : 'green'}
              onClick={() => navigate('hazards', OPEN_MAJOR)}
              testId="home-major"
            />
            <Kpi
              label={`${year}年排查隐患`}
              value={s.yearStats.total}
              unit="处"
              sub={
                <>
                  重大 <b data-testid="home-year-major">{s.yearStats.major}</b> 处 · 已整改{' '}
                  <b data-testid="home-year-rectified">{s.yearStats.rectified}</b> 处
                </>
              }
              tone="blue"
              onClick={() => navigate('stats')}
              testId="home-year-total"
            />
            <Kpi
              label={`${year}年整改率`}
              value={s.yearStats.rate.toFixed(1)}
              unit="%"
              sub={
                <>
                  逾期未整改 <b data-testid="home-year-overdue">{s.yearStats.overdue}</b> 处
                </>
              }
              tone="green"
              onClick={() => navigate('hazards', hazardLink({ overdue: true }))}
              testId="home-year-rate"
            />
            <Kpi
              label="明白书"
              value={s.pledges.total}
              unit="份"
              sub={
                <>
                  已签 <b data-testid="home-pledges-signed">{s.pledges.signed}</b> · 有扫描件{' '}
                  <b data-testid="home-pledges-scan">{s.pledges.withScan}</b>
                </>
              }
              tone="blue"
              onClick={() => navigate('pledges')}
              testId="home-pledges-total"
            />
          </div>
          <div className="home-grid">
            <Panel
              title="逾期 / 退回修改"
              count={s.lateCount}
              onMore={() => navigate('board', { late: 1 })}
              more="去催报"
              testId="home-panel-late"
            >
              <DueList items={s.late} empty="没有逾期或退回的材料" today={s.today} />
            </Panel>
            <Panel
              title="本周到期"
              count={s.dueThisWeekCount}
              onMore={() => navigate('board')}
              more="报送跟踪"
              testId="home-panel-due"
            >
              <DueList items={s.dueThisWeek} empty="本周没有到期的报送任务" today={s.today} />
            </Panel>
            <Panel
              title="挂牌督办的重大事故隐患（未销号）"
              count={s.openMajorCount}
              onMore={() => navigate('hazards', OPEN_MAJOR)}
              more="隐患台账"
              testId="home-panel-major"
            >
              <MajorList rows={s.openMajor} onOpen={() => navigate('hazards', OPEN_MAJOR)} />
            </Panel>
            <Panel
              title="最近收到的报送"
              onMore={() => navigate('returns')}
              more="报送登记"
              testId="home-panel-returns"
            >
              <ReturnsList rows={s.latestReturns} />
            </Panel>
          </div>
        </>
      )}
    </div>
  );
}
