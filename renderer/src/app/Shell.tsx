/** The window: header (app title, office name), the left menu and the current page. */
import { SafetyCertificateFilled } from '@ant-design/icons';
import { Layout, Menu } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { call } from '../api/client';
import { useRequest } from '../api/useRequest';
import { AuditPage } from '../audit/AuditPage';
import { BackupPage } from '../backup/BackupPage';
import { TrashPage } from '../trash/TrashPage';
import { BoardPage } from '../board/BoardPage';
import { HazardsPage } from '../hazards/HazardsPage';
import { hazardFiltersFromQuery } from '../hazards/hazardFilterModel';
import { HomePage } from '../home/HomePage';
import { ImportsPage } from '../imports/ImportsPage';
import { ReturnsPage } from '../returns/ReturnsPage';
import { StatsPage } from '../stats/StatsPage';
import { CoveragePage } from '../coverage/CoveragePage';
import { NoticesPage } from '../notices/NoticesPage';
import { PledgesPage } from '../pledges/PledgesPage';
import { SettingsPage } from '../settings/SettingsPage';
import { UnitsPage } from '../units/UnitsPage';
import { VolumesPage } from '../volumes/VolumesPage';
import { AppStateProvider, type AppState } from './AppState';
import { PAGES, pageOf, type PageKey } from './routes';
import { useHashRoute } from './useHashRoute';
import './shell.css';

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
      return <ReturnsPage initialNoticeId={numParam(query, 'notice')} initialUnitId={numParam(query, 'unit')} initialStatus={query.get('status') ?? undefined} />;
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
  const { route, navigate } = useHashRoute();
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
            <PageBody key={`${page.key}?${route.query.toString()}`} page={page.key} query={route.query} />
          </Layout.Content>
        </Layout>
      </Layout>
    </AppStateProvider>
  );
}
