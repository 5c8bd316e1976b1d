/**
 * 隐患台账: the county's hazard ledger, fast at 100 000 rows — a virtual table fed a window at a time, filters and
 * sorting on the server, bulk status changes, the form and the detail drawers.
 */
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Empty, Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useRef, useState } from 'react';
import { useNotices, useUnits } from '../api/useDirectory';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { HazardDetailDrawer } from './HazardDetailDrawer';
import { HazardFilters } from './HazardFilters';
import { HazardFormDrawer } from './HazardFormDrawer';
import { FIXED_WIDTHS, MIN_DESCRIPTION, SORTABLE, hazardColumns } from './hazardColumns';
import { hasFilters, toHazardQuery, type HazardFilterValues } from './hazardFilterModel';
import { StatusChangeModal } from './StatusChangeModal';
import type { HazardRow, HazardSortField, HazardStatus, HazardView } from './types';
import { isPlaceholder, useHazardWindows, type LedgerRow } from './useHazardWindows';
import { useElementWidth, useViewportHeight } from './useViewportHeight';
import './hazards.css';

const TOWNSHIP_KINDS = new Set(['乡镇', '街道', '开发区']);

type Sort = { field?: HazardSortField; order?: 'asc' | 'desc' };

export function HazardsPage({ initialFilters = {} }: { initialFilters?: HazardFilterValues }) {
  const units = useUnits();
  const notices = useNotices();
  const townships = useMemo(() => units.units.filter((u) => TOWNSHIP_KINDS.has(u.kind)), [units.units]);
  const [filters, setFilters] = useState<HazardFilterValues>(initialFilters);
  const [sort, setSort] = useState<Sort>({});
  const query = useMemo(() => ({ ...toHazardQuery(filters), sortField: sort.field ?? 'id', sortOrder: sort.order ?? 'desc' }), [filters, sort]);
  const ledger = useHazardWindows(query);
  const tableRef = useRef<{ scrollTo: (c: { top?: number; index?: number }) => void } | null>(null);
  const height = useViewportHeight(352);
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

  const changeFilters = (f: HazardFilterValues) => {
    setFilters(f);
    setSelected([]);
    setSelectedStatus(new Map());
    tableRef.current?.scrollTo({ top: 0 });
  };
  const afterWrite = () => {
    ledger.reload();
    setDetailVersion((v) => v + 1);
  };

  const columns = useMemo(
    () => hazardColumns({ sort, need: ledger.need, onOpen: (r: HazardRow) => setDetailId(r.id), tableWidth }),
    [sort, ledger.need, tableWidth],
  );
  const total = ledger.total ?? 0;

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
              onClick={() => setStatusFor({ ids: selected, statuses: selected.map((id) => selectedStatus.get(id)).filter((s): s is HazardStatus => !!s) })}
            >
              批量修改状态{selected.length ? `（${selected.length}）` : ''}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })}>
              新增隐患
            </Button>
          </>
        }
      />
      <div className="page-card" ref={cardRef}>
        <HazardFilters value={filters} onChange={changeFilters} townships={townships} notices={notices.notices} />
        <LoadError error={ledger.error} onRetry={ledger.reload} />
        <Table<LedgerRow>
          ref={tableRef as never}
          virtual
          size="small"
          rowKey={(r) => (isPlaceholder(r) ? `p${r.index}` : r.id)}
          columns={columns}
          dataSource={ledger.rows}
          loading={ledger.loading}
          pagination={false}
          scroll={{ x: tableWidth, y: height }}
          data-testid="hazard-table"
          rowClassName={(r) => (!isPlaceholder(r) && r.overdue ? 'row-overdue' : '')}
          onRow={(r) => ({ onDoubleClick: () => !isPlaceholder(r) && setDetailId(r.id) })}
          rowSelection={{
            columnWidth: 40,
            fixed: true,
            selectedRowKeys: selected,
            preserveSelectedRowKeys: true,
            getCheckboxProps: (r) => ({ disabled: isPlaceholder(r) }),
            onChange: (keys, rows) => {
              const ids = keys.filter((k): k is number => typeof k === 'number');
              setSelected(ids);
              setSelectedStatus((m) => {
                const next = new Map<number, HazardStatus>();
                for (const id of ids) if (m.has(id)) next.set(id, m.get(id)!);
                for (const r of rows) if (r && !isPlaceholder(r)) next.set(r.id, r.status);
                return next;
              });
            },
          }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={hasFilters(filters) ? '没有符合条件的隐患，请调整筛选条件' : '隐患台账还是空的：点击右上角“新增隐患”登记'}
              />
            ),
          }}
          onChange={(_p, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<LedgerRow> | undefined;
            const key = s?.columnKey as HazardSortField | undefined;
            const field = s?.order && key && SORTABLE.includes(key) ? key : undefined;
            setSort(field ? { field, order: s!.order === 'ascend' ? 'asc' : 'desc' } : {});
            tableRef.current?.scrollTo({ top: 0 });
          }}
        />
        <div className="ledger-footer">
          <span data-testid="hazard-total">{ledger.total === null ? '正在统计…' : `共 ${total.toLocaleString('zh-CN')} 条`}</span>
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

