/** The window: header (app title, office name), the left menu and the current page. */
import { SafetyCertificateFilled } from '@ant-design/icons';
import { Layout, Menu } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { call } from '../api/client';
import { useRequest } from '../api/useRequest';
import { HazardsPage } from '../hazards/HazardsPage';
import { hazardFiltersFromQuery } from '../hazards/hazardFilterModel';
import { prefetchRoute } from '../hazards/ledgerPrefetch';
import { HomePage } from '../home/HomePage';
import { AppStateProvider, type AppState } from './AppState';
import { PAGES, pageOf, type PageKey } from './routes';
import { useHashRoute } from './useHashRoute';
import './shell.css';

// The two pages the app opens on are in the first bundle; the others (charts, import wizard, volumes…) load
// when first opened, and in the background once the app is idle.
const PAGE_MODULES = {
  audit: () => import('../audit/AuditPage').then((m) => ({ default: m.AuditPage })),
  backup: () => import('../backup/BackupPage').then((m) => ({ default: m.BackupPage })),
  trash: () => import('../trash/TrashPage').then((m) => ({ default: m.TrashPage })),
  board: () => import('../board/BoardPage').then((m) => ({ default: m.BoardPage })),
  imports: () => import('../imports/ImportsPage').then((m) => ({ default: m.ImportsPage })),
  returns: () => import('../returns/ReturnsPage').then((m) => ({ default: m.ReturnsPage })),
  stats: () => import('../stats/StatsPage').then((m) => ({ default: m.StatsPage })),
  coverage: () => import('../coverage/CoveragePage').then((m) => ({ default: m.CoveragePage })),
  notices: () => import('../notices/NoticesPage').then((m) => ({ default: m.NoticesPage })),
  pledges: () => import('../pledges/PledgesPage').then((m) => ({ default: m.PledgesPage })),
  settings: () => import('../settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
  units: () => import('../units/UnitsPage').then((m) => ({ default: m.UnitsPage })),
  volumes: () => import('../volumes/VolumesPage').then((m) => ({ default: m.VolumesPage })),
};
const AuditPage = lazy(PAGE_MODULES.audit);
const BackupPage = lazy(PAGE_MODULES.backup);
const TrashPage = lazy(PAGE_MODULES.trash);
const BoardPage = lazy(PAGE_MODULES.board);
const ImportsPage = lazy(PAGE_MODULES.imports);
const ReturnsPage = lazy(PAGE_MODULES.returns);
const StatsPage = lazy(PAGE_MODULES.stats);
const CoveragePage = lazy(PAGE_MODULES.coverage);
const NoticesPage = lazy(PAGE_MODULES.notices);
const PledgesPage = lazy(PAGE_MODULES.pledges);
const SettingsPage = lazy(PAGE_MODULES.settings);
const UnitsPage = lazy(PAGE_MODULES.units);
const VolumesPage = lazy(PAGE_MODULES.volumes);

/** A while after start-up, when the window is idle: fetch the other pages' code so opening them is instant. */
function usePreloadPages() {
  useEffect(() => {
    let idleId: number | undefined;
    const t = window.setTimeout(() => {
      const run = () => {
        for (const load of Object.values(PAGE_MODULES)) void load().catch(() => {});
      };
      if (window.requestIdleCallback) idleId = window.requestIdleCallback(run, { timeout: 5000 });
      else run();
    }, 4000);
    return () => {
      window.clearTimeout(t);
      if (idleId !== undefined) window.cancelIdleCallback?.(idleId);
    };
  }, []);
}

function numParam(q: URLSearchParams, name: string): number | undefined {
  const n = Number(q.get(name));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function PageBody({ page, query }: { page: PageKey; query: URLSearchParams }) {
  switch (page) {
    case 'home':
      return <HomePage />;
    case 'board':
      return <BoardPage initialNoticeId={numParam(query, 'notice')} initialOnlyLate={query.get('late') === '1'} />;
    case 'hazards':
      return <HazardsPage initialFilters={hazardFiltersFromQuery(query)} />;
    case 'returns':
      return (
        <ReturnsPage
          initialNoticeId={numParam(query, 'notice')}
          initialUnitId={numParam(query, 'unit')}
          initialStatus={query.get('status') ?? undefined}
          initialKind={query.get('kind') ?? undefined}
          initialPeriod={query.get('period') ?? undefined}
          initialRegister={query.get('register') === '1'}
          initialOpenId={numParam(query, 'open')}
        />
      );
    case 'imports':
      return <ImportsPage initialTab={query.get('tab') ?? undefined} initialNoticeId={numParam(query, 'notice')} />;
    case 'stats':
      return <StatsPage />;
    case 'volumes':
      return <VolumesPage initialId={numParam(query, 'id')} />;
    case 'pledges':
      return <PledgesPage initialNoticeId={numParam(query, 'notice')} initialUnitId={numParam(query, 'unit')} />;
    case 'coverage':
      return <CoveragePage initialNoticeId={numParam(query, 'notice')} />;
    case 'notices':
      return <NoticesPage />;
    case 'units':
      return <UnitsPage />;
    case 'audit':
      return <AuditPage />;
    case 'backup':
      return <BackupPage />;
    case 'trash':
      return <TrashPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function Shell() {
  const { route, navigate } = useHashRoute(prefetchRoute);
  usePreloadPages();
  const page = pageOf(route.path);
  const settings = useRequest(() => call('settings:get', {}), []);
  const state = useMemo<AppState>(
    () => ({ settings: settings.data, reloadSettings: settings.reload, navigate }),
    [settings.data, settings.reload, navigate],
  );
  const today = dayjs().format('YYYY年M月D日 dddd');

  return (
    <AppStateProvider value={state}>
      <Layout className="shell">
        <Layout.Header className="shell-header">
          <div className="shell-brand">
            <SafetyCertificateFilled className="shell-logo" />
            <span className="shell-title">安委台账</span>
            {settings.data?.officeName ? (
              <span className="shell-office" data-testid="office-name">
                {settings.data.officeName}
              </span>
            ) : null}
          </div>
          <div className="shell-today">{today}</div>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={188} className="shell-sider">
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={[page.key]}
              items={PAGES.map((p) => ({ key: p.key, icon: p.icon, label: p.label }))}
              onClick={(e) => navigate(e.key)}
            />
          </Layout.Sider>
          <Layout.Content className="shell-content">
            <Suspense fallback={null}>
              <PageBody key={`${page.key}?${route.query.toString()}`} page={page.key} query={route.query} />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AppStateProvider>
  );
}
