/** 明白书登记: the register of signed 《安全生产责任明白书》 with filters, form and detail drawers. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { call } from '../api/client';
import type { PledgeQuery, PledgeView } from '../api/types';
import { useNotices, useUnits } from '../api/useDirectory';
import { useAction, useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { ListExportButton } from '../components/ListExportButton';
import { toIso } from '../components/format';
import { PledgeDetailDrawer } from './PledgeDetailDrawer';
import { PledgeFilters, type PledgeFilterValues } from './PledgeFilters';
import { PledgeFormDrawer } from './PledgeFormDrawer';
import { SORTABLE, pledgeColumns, type SortField } from './pledgeColumns';
import { usePrintPledge } from './usePrintPledge';

function toQuery(
  f: PledgeFilterValues,
  page: number,
  pageSize: number,
  sort: { field?: SortField; order?: 'asc' | 'desc' },
): PledgeQuery {
  return {
    search: f.search,
    noticeId: f.noticeId,
    level: f.level,
    unitId: f.unitId,
    signed: f.signed,
    hasScan: f.hasScan,
    dateFrom: f.range ? (toIso(f.range[0]) ?? undefined) : undefined,
    dateTo: f.range ? (toIso(f.range[1]) ?? undefined) : undefined,
    sortField: sort.field ?? 'createdAt',
    sortOrder: sort.order ?? 'desc',
    page,
    pageSize,
  };
}

export function PledgesPage({ initialNoticeId, initialUnitId }: { initialNoticeId?: number; initialUnitId?: number }) {
  const units = useUnits();
  const notices = useNotices();
  const [filters, setFilters] = useState<PledgeFilterValues>({ noticeId: initialNoticeId, unitId: initialUnitId });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<{ field?: SortField; order?: 'asc' | 'desc' }>({});
  const query = useMemo(() => toQuery(filters, page, pageSize, sort), [filters, page, pageSize, sort]);
  const list = useRequest(() => call('pledges:list', query), [query]);

  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<PledgeView | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);
  const { print, printingId } = usePrintPledge();
  const { run } = useAction();

  const openNew = () => {
    setEditing(null);
    setFormOpen(true);
  };
  const openEdit = (p: PledgeView) => {
    setEditing(p);
    setFormOpen(true);
  };
  const remove = async (p: PledgeView) => {
    const r = await run(() => call('pledges:delete', { id: p.id }), {
      success: `已删除 ${p.talkeeName} 的明白书（可在回收站恢复）`,
    });
    if (r.ok) list.reload();
  };

  const columns = pledgeColumns({
    onView: (p) => setDetailId(p.id),
    onPrint: (p) => void print(p.id),
    onDelete: (p) => void remove(p),
    printingId,
    sort,
  });

  const filtered = Object.values(filters).some((v) => v !== undefined && v !== null && v !== '');

  return (
    <div className="page">
      <PageHeader
        title="明白书登记"
        hint="《安全生产责任明白书》签订登记：谈话双方、层级、签订情况和扫描件"
        extra={
          <>
            <ListExportButton
              exportList={() => {
                const { page: _page, pageSize: _size, ...filter } = query;
                return call('pledges:export', filter);
              }}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={openNew}>
              登记明白书
            </Button>
          </>
        }
      />
      <div className="page-card">
        <PledgeFilters
          value={filters}
          onChange={(f) => {
            setFilters(f);
            setPage(1);
          }}
          units={units.units}
          notices={notices.notices}
        />
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<PledgeView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows ?? []}
          loading={list.loading}
          scroll={{ x: 1080 }}
          data-testid="pledge-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  filtered ? '没有符合条件的明白书，请调整筛选条件' : '还没有登记明白书，点击右上角“登记明白书”开始'
                }
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 份`,
          }}
          onChange={(pg, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<PledgeView> | undefined;
            const key = s?.columnKey as SortField | undefined;
            const field = s?.order && key && (SORTABLE as readonly string[]).includes(key) ? key : undefined;
            setSort(field ? { field, order: s!.order === 'ascend' ? 'asc' : 'desc' } : {});
            if (pg.pageSize && pg.pageSize !== pageSize) {
              setPageSize(pg.pageSize);
              setPage(1);
            } else {
              setPage(pg.current ?? 1);
            }
          }}
        />
      </div>
      <PledgeFormDrawer
        open={formOpen}
        editing={editing}
        defaultNoticeId={filters.noticeId}
        units={units.units}
        notices={notices.notices}
        onUnitCreated={() => units.reload()}
        onClose={() => setFormOpen(false)}
        onSaved={(p) => {
          setFormOpen(false);
          list.reload();
          if (detailId === p.id) setDetailVersion((v) => v + 1);
        }}
      />
      <PledgeDetailDrawer
        pledgeId={detailId}
        version={detailVersion}
        onClose={() => setDetailId(null)}
        onEdit={(p) => openEdit(p)}
      />
    </div>
  );
}
