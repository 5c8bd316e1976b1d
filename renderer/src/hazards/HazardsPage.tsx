/**
 * 隐患台账: the county's hazard ledger, fast at 100 000 rows — a windowed table fed a window at a time, filters and
 * sorting on the server, bulk status changes, the form and the detail drawers.
 *
 * Windowed here rather than antd's `virtual`: the virtual table walks every row of its data on each render
 * (several passes over 100 000 entries, placeholders included), which made every filter change and the first
 * rows slow. This table gets only the rows on screen and a few around them, between two spacer rows as tall as
 * the rows above and below; rows have one fixed height (one line, ellipsis), so the scroll position gives the
 * row index.
 */
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Empty, Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { useNotices, useUnits } from '../api/useDirectory';
import { LoadError } from '../components/LoadError';
import { call } from '../api/client';
import { PageHeader } from '../components/PageHeader';
import { ListExportButton } from '../components/ListExportButton';
import { HazardDetailDrawer } from './HazardDetailDrawer';
import { HazardFilters } from './HazardFilters';
import { HazardFormDrawer } from './HazardFormDrawer';
import { FIXED_WIDTHS, MIN_DESCRIPTION, RowStyles, SORTABLE, hazardColumns, type Selection } from './hazardColumns';
import { hasFilters, ledgerQuery, toHazardQuery, type HazardFilterValues, type LedgerSort } from './hazardFilterModel';
import { prefetchLedger } from './ledgerPrefetch';
import { StatusChangeModal } from './StatusChangeModal';
import type { HazardRow, HazardSortField, HazardStatus, HazardView } from './types';
import { isPlaceholder, useHazardWindows, type LedgerRow } from './useHazardWindows';
import { useElementWidth, useViewportHeight } from './useViewportHeight';
import './hazards.css';

const TOWNSHIP_KINDS = new Set(['乡镇', '街道', '开发区']);

/** Height of every row, px (hazards.css fixes it). */
export const ROW_HEIGHT = 40;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 4;
/** The rendered range moves by this many rows, not on every scrolled pixel. */
const STEP = 4;

const Spacers = createContext({ top: 0, bottom: 0, cols: 1 });

/** The table body with the spacer rows standing for the rows not rendered. */
function LedgerBody({ children, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  const { top, bottom, cols } = useContext(Spacers);
  const spacer = (h: number) => (
    <tr aria-hidden className="ledger-spacer" style={{ height: h }}>
      <td colSpan={cols} />
    </tr>
  );
  return (
    <tbody {...props}>
      {top > 0 ? spacer(top) : null}
      {children}
      {bottom > 0 ? spacer(bottom) : null}
    </tbody>
  );
}
const TABLE_COMPONENTS = { body: { wrapper: LedgerBody } };

export function HazardsPage({ initialFilters = {} }: { initialFilters?: HazardFilterValues }) {
  const units = useUnits();
  const notices = useNotices();
  const townships = useMemo(() => units.units.filter((u) => TOWNSHIP_KINDS.has(u.kind)), [units.units]);
  const [filters, setFilters] = useState<HazardFilterValues>(initialFilters);
  const [sort, setSort] = useState<LedgerSort>({});
  const query = useMemo(() => ledgerQuery(filters, sort), [filters, sort]);
  const height = useViewportHeight(352);
  // The scrolled-to row, in steps of STEP rows.
  const [band, setBand] = useState(0);
  const onScroll = useCallback(
    (e: React.UIEvent<HTMLDivElement>) => setBand(Math.floor(e.currentTarget.scrollTop / ROW_HEIGHT / STEP)),
    [],
  );
  const range = useMemo(() => {
    const start = Math.max(0, band * STEP - OVERSCAN);
    return { start, end: band * STEP + Math.ceil(height / ROW_HEIGHT) + STEP + OVERSCAN };
  }, [band, height]);
  const ledger = useHazardWindows(query, range);
  const tableRef = useRef<{ scrollTo: (c: { top?: number; index?: number }) => void } | null>(null);
  const [cardRef, cardWidth] = useElementWidth<HTMLDivElement>();
  // Inner width of the card less the virtual list's scrollbar.
  const tableWidth = Math.max(FIXED_WIDTHS + MIN_DESCRIPTION, cardWidth - 32 - 10);

  const [selected, setSelected] = useState<number[]>([]);
  // Statuses of the chosen rows, kept when they scroll out of the loaded windows.
  const [selectedStatus, setSelectedStatus] = useState<Map<number, HazardStatus>>(new Map());
  const [statusFor, setStatusFor] = useState<{ ids: number[]; statuses: HazardStatus[] } | null>(null);
  const [form, setForm] = useState<{ open: boolean; editing: HazardView | null }>({ open: false, editing: null });
  const [detailId, setDetailId] = useState<number | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);

  // The new query's first window is asked for here, in the event, while React renders the change.
  const sortRef = useRef(sort);
  sortRef.current = sort;
  const changeFilters = useCallback((f: HazardFilterValues) => {
    prefetchLedger(ledgerQuery(f, sortRef.current));
    setFilters(f);
    setSelected([]);
    setSelectedStatus(new Map());
    tableRef.current?.scrollTo({ top: 0 });
    setBand(0);
  }, []);
  const afterWrite = () => {
    ledger.reload();
    setDetailVersion((v) => v + 1);
  };

  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const selection = useMemo<Selection>(
    () => ({
      selected: selectedSet,
      loaded: ledger.loadedRows,
      toggle: (r, checked) => {
        setSelected((ids) => (checked ? (ids.includes(r.id) ? ids : [...ids, r.id]) : ids.filter((id) => id !== r.id)));
        setSelectedStatus((m) => {
          const next = new Map(m);
          if (checked) next.set(r.id, r.status);
          else next.delete(r.id);
          return next;
        });
      },
      toggleAll: (checked) => {
        const loaded = ledger.loadedRows;
        const ids = new Set(loaded.map((r) => r.id));
        setSelected((cur) =>
          checked
            ? [...cur.filter((id) => !ids.has(id)), ...loaded.map((r) => r.id)]
            : cur.filter((id) => !ids.has(id)),
        );
        setSelectedStatus((m) => {
          const next = new Map(m);
          for (const r of loaded) {
            if (checked) next.set(r.id, r.status);
            else next.delete(r.id);
          }
          return next;
        });
      },
    }),
    [selectedSet, ledger.loadedRows],
  );
  const columns = useMemo(
    () =>
      hazardColumns({ selection, sort, need: ledger.need, onOpen: (r: HazardRow) => setDetailId(r.id), tableWidth }),
    [selection, sort, ledger.need, tableWidth],
  );
  const total = ledger.total ?? 0;
  const spacers = useMemo(
    () => ({
      top: Math.min(range.start, total) * ROW_HEIGHT,
      bottom: Math.max(0, total - Math.max(range.start, Math.min(range.end, total))) * ROW_HEIGHT,
      cols: columns.length,
    }),
    [range, total, columns.length],
  );

  return (
    <div className="page hazards-page">
      <PageHeader
        title="隐患台账"
        hint="全县生产经营单位安全隐患：排查、五落实、整改和验收销号闭环管理"
        extra={
          <>
            <Button
              icon={<SwapOutlined />}
              disabled={!selected.length}
              onClick={() =>
                setStatusFor({
                  ids: selected,
                  statuses: selected.map((id) => selectedStatus.get(id)).filter((s): s is HazardStatus => !!s),
                })
              }
            >
              批量修改状态{selected.length ? `（${selected.length}）` : ''}
            </Button>
            <ListExportButton exportList={() => call('hazards:export', toHazardQuery(filters))} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })}>
              新增隐患
            </Button>
          </>
        }
      />
      <div className="page-card" ref={cardRef}>
        <HazardFilters value={filters} onChange={changeFilters} townships={townships} notices={notices.notices} />
        <LoadError error={ledger.error} onRetry={ledger.reload} />
        <Spacers.Provider value={spacers}>
          <Table<LedgerRow>
            ref={tableRef as never}
            className="ledger-table"
            components={TABLE_COMPONENTS}
            onScroll={onScroll}
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={ledger.rows}
            loading={ledger.loading}
            pagination={false}
            scroll={{ x: tableWidth, y: height }}
            data-testid="hazard-table"
            rowClassName={(r) =>
              isPlaceholder(r)
                ? ''
                : `${r.overdue ? 'row-overdue' : ''}${selectedSet.has(r.id) ? ' ant-table-row-selected' : ''}`
            }
            onRow={(r) => ({ onDoubleClick: () => !isPlaceholder(r) && setDetailId(r.id) })}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    hasFilters(filters)
                      ? '没有符合条件的隐患，请调整筛选条件'
                      : '隐患台账还是空的：点击右上角“新增隐患”登记'
                  }
                />
              ),
            }}
            onChange={(_p, _f, sorter) => {
              const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<LedgerRow> | undefined;
              const key = s?.columnKey as HazardSortField | undefined;
              const field = s?.order && key && SORTABLE.includes(key) ? key : undefined;
              const next: LedgerSort = field ? { field, order: s!.order === 'ascend' ? 'asc' : 'desc' } : {};
              prefetchLedger(ledgerQuery(filters, next));
              setSort(next);
              tableRef.current?.scrollTo({ top: 0 });
              setBand(0);
            }}
          />
        </Spacers.Provider>
        <RowStyles />
        <div className="ledger-footer">
          <span data-testid="hazard-total">
            {ledger.total === null ? '正在统计…' : `共 ${total.toLocaleString('zh-CN')} 条`}
          </span>
          {selected.length ? (
            <span>
              已选 {selected.length} 条
              <Button type="link" size="small" onClick={() => (setSelected([]), setSelectedStatus(new Map()))}>
                取消选择
              </Button>
            </span>
          ) : (
            <span className="cell-sub">双击一行或点击编号查看详情；勾选多行可批量修改整改状态</span>
          )}
        </div>
      </div>
      <StatusChangeModal
        open={!!statusFor}
        ids={statusFor?.ids ?? []}
        statuses={statusFor?.statuses ?? []}
        onClose={() => setStatusFor(null)}
        onDone={() => {
          setStatusFor(null);
          setSelected([]);
          setSelectedStatus(new Map());
          afterWrite();
        }}
      />
      <HazardFormDrawer
        open={form.open}
        editing={form.editing}
        units={units.units}
        townships={townships}
        notices={notices.notices}
        onUnitCreated={() => units.reload()}
        onClose={() => setForm({ open: false, editing: null })}
        onSaved={(h) => {
          setForm({ open: false, editing: null });
          afterWrite();
          if (detailId !== h.id && !form.editing) setDetailId(null);
        }}
      />
      <HazardDetailDrawer
        hazardId={detailId}
        version={detailVersion}
        onClose={() => setDetailId(null)}
        onEdit={(h) => setForm({ open: true, editing: h })}
        onChangeStatus={(h) => setStatusFor({ ids: [h.id], statuses: [h.status] })}
        onDeleted={() => {
          setDetailId(null);
          afterWrite();
        }}
      />
    </div>
  );
}
