/** Columns of the ledger table (virtual: every column has a width; cells stay on one line). */
import { Checkbox, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { call } from '../api/client';
import { DeadlineText, FiveCell, HazardLevelTag, HazardStatusTag, OverdueTag, SupervisedTag } from './hazardTags';
import type { HazardRow, HazardSortField } from './types';
import { isPlaceholder, type LedgerRow } from './useHazardWindows';

export const SORTABLE: readonly HazardSortField[] = [
  'foundDate',
  'deadlineDate',
  'level',
  'status',
  'enterpriseName',
  'township',
];

/** Shown for a row whose window is not loaded yet; asks for it when it stays on screen a moment. */
function Pending({ index, need }: { index: number; need: (i: number) => void }) {
  useEffect(() => {
    const t = setTimeout(() => need(index), 120);
    return () => clearTimeout(t);
  }, [index, need]);
  return <span className="row-pending">正在加载…</span>;
}

/**
 * A cell's text with a tooltip made only when the pointer rests on it: an antd Tooltip per cell costs its render
 * on every row shown, and the ledger shows two per row.
 */
function CellTip({
  title,
  delay,
  maxWidth,
  children,
}: {
  title: ReactNode;
  delay: number;
  maxWidth?: number;
  children: ReactNode;
}) {
  const [armed, setArmed] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  if (armed) {
    return (
      <Tooltip
        title={title}
        placement="topLeft"
        defaultOpen
        mouseEnterDelay={delay}
        styles={maxWidth ? { root: { maxWidth } } : undefined}
      >
        <span>{children}</span>
      </Tooltip>
    );
  }
  return (
    <span
      onMouseEnter={() => {
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => setArmed(true), delay * 1000);
      }}
      onMouseLeave={() => window.clearTimeout(timer.current)}
    >
      {children}
    </span>
  );
}

/** 五落实不全 in the list; what is missing is looked up when the clerk points at it. */
function FiveListCell({ r }: { r: HazardRow }) {
  const [missing, setMissing] = useState<string[] | undefined>();
  if (r.level !== '重大' || r.fiveComplete) return <FiveCell level={r.level} complete={r.fiveComplete} />;
  return (
    <span
      onMouseEnter={() => {
        if (!missing)
          void call('hazards:get', { id: r.id }).then(
            (h) => setMissing(h.five.missing),
            () => {},
          );
      }}
    >
      <FiveCell level={r.level} complete={false} missing={missing} />
    </span>
  );
}

/**
 * The check column. The table's own rowSelection walks every row of the data on each render (100 000 placeholders
 * and rows); this one looks only at the rows on screen and, for the header box, at the loaded rows.
 */
export interface Selection {
  selected: ReadonlySet<number>;
  /** Rows loaded so far: what the header box selects. */
  loaded: readonly HazardRow[];
  toggle(r: HazardRow, checked: boolean): void;
  toggleAll(checked: boolean): void;
}

function selectionColumn(sel: Selection): ColumnsType<LedgerRow>[number] {
  const n = sel.loaded.reduce((k, r) => k + (sel.selected.has(r.id) ? 1 : 0), 0);
  const all = n > 0 && n === sel.loaded.length;
  return {
    key: 'selection',
    className: 'ant-table-selection-column',
    width: 40,
    fixed: 'left',
    align: 'center',
    title: (
      <Checkbox
        checked={all}
        indeterminate={n > 0 && !all}
        disabled={!sel.loaded.length}
        onChange={(e) => sel.toggleAll(e.target.checked)}
        aria-label="全选已加载的行"
      />
    ),
    render: (_, r) =>
      isPlaceholder(r) ? (
        <Checkbox disabled />
      ) : (
        <Checkbox
          checked={sel.selected.has(r.id)}
          onChange={(e) => sel.toggle(r, e.target.checked)}
          aria-label="选择此行"
        />
      ),
  };
}

/**
 * One hidden instance of each antd component the rows use. antd drops a component's styles from its cache when
 * the last instance unmounts and builds them again (hashing, CSS generation) when the next one mounts — which was
 * every filter change, when the table's rows are all replaced.
 */
export function RowStyles() {
  return (
    <div hidden aria-hidden>
      <Tag color="red">-</Tag>
      <Tag color="red" variant="solid">
        -
      </Tag>
      <Tooltip title="-">
        <span />
      </Tooltip>
      <Typography.Link>-</Typography.Link>
      <Checkbox />
    </div>
  );
}

interface Opts {
  selection: Selection;
  sort: { field?: HazardSortField; order?: 'asc' | 'desc' };
  need: (index: number) => void;
  onOpen: (r: HazardRow) => void;
  /** The table's width: the description column takes what the others leave. */
  tableWidth: number;
}

/** Widths of all columns but the description, and the row-selection column. */
export const FIXED_WIDTHS = 40 + 86 + 76 + 142 + 72 + 60 + 112 + 92 + 92 + 60 + 92 + 58;
export const MIN_DESCRIPTION = 180;

export function hazardColumns({ selection, sort, need, onOpen, tableWidth }: Opts): ColumnsType<LedgerRow> {
  const descriptionWidth = Math.max(MIN_DESCRIPTION, tableWidth - FIXED_WIDTHS);
  const sortOrder = (f: HazardSortField): SortOrder =>
    sort.field === f ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
  const sortable = (f: HazardSortField) => ({
    key: f,
    sorter: true,
    sortOrder: sortOrder(f),
    showSorterTooltip: false,
  });
  const real = (render: (r: HazardRow) => React.ReactNode) => (_: unknown, r: LedgerRow) =>
    isPlaceholder(r) ? null : render(r);
  return [
    selectionColumn(selection),
    {
      title: '编号',
      key: 'hazardNo',
      width: 86,
      fixed: 'left',
      ellipsis: true,
      render: (_, r) =>
        isPlaceholder(r) ? (
          <Pending index={r.index} need={need} />
        ) : (
          <Typography.Link onClick={() => onOpen(r)} className="hazard-no">
            {r.hazardNo ?? '未编号'}
          </Typography.Link>
        ),
    },
    { title: '乡镇', width: 76, ellipsis: true, ...sortable('township'), render: real((r) => r.townshipName ?? '—') },
    {
      title: '隐患单位',
      width: 142,
      ellipsis: { showTitle: false },
      ...sortable('enterpriseName'),
      render: real((r) => (
        <CellTip title={r.enterpriseName} delay={0.4}>
          {r.enterpriseName}
        </CellTip>
      )),
    },
    { title: '行业', key: 'industry', width: 72, ellipsis: true, render: real((r) => r.industry ?? '—') },
    { title: '类别', key: 'category', width: 80, ellipsis: true, render: real((r) => r.category ?? '—') },
    {
      title: '隐患描述',
      key: 'description',
      width: descriptionWidth,
      ellipsis: { showTitle: false },
      render: real((r) => (
        <CellTip title={r.description} delay={0.3} maxWidth={420}>
          {r.description}
        </CellTip>
      )),
    },
    {
      title: '等级',
      width: 60,
      align: 'center',
      ...sortable('level'),
      render: real((r) => <HazardLevelTag level={r.level} />),
    },
    {
      title: '整改状态',
      width: 112,
      ...sortable('status'),
      render: real((r) => (
        <span className="status-cell">
          <HazardStatusTag status={r.status} />
          {r.overdue ? <OverdueTag deadline={r.deadlineDate} /> : null}
        </span>
      )),
    },
    {
      title: '整改时限',
      width: 92,
      ...sortable('deadlineDate'),
      render: real((r) => <DeadlineText date={r.deadlineDate} text={r.deadlineText} />),
    },
    { title: '发现日期', width: 92, ...sortable('foundDate'), render: real((r) => r.foundDate ?? '—') },
    {
      title: '责任人',
      key: 'responsiblePerson',
      width: 60,
      ellipsis: true,
      render: real((r) => r.responsiblePerson ?? '—'),
    },
    { title: '五落实', key: 'five', width: 92, render: real((r) => <FiveListCell r={r} />) },
    {
      title: <Tooltip title="挂牌督办">督办</Tooltip>,
      key: 'supervised',
      width: 58,
      align: 'center',
      render: real((r) => (r.supervised ? <SupervisedTag /> : null)),
    },
  ];
}
