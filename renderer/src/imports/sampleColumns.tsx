/**
 * The preview table's columns: one per mapped column of the file, showing the value as it will be stored, the
 * cell marked red (error) or gold (warning) with the message in a tooltip.
 */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';
import { fieldDef, mappableFields } from '../../../core/imports/parse/fields';
import { levelLabel } from '../../../core/domain/pledgeLevels';
import type { ImportKind, Preview, SampleProblem, SampleRow } from './types';

type Values = Record<string, unknown>;

const WIDTHS: Record<string, number> = {
  text: 130,
  longText: 260,
  date: 108,
  deadline: 120,
  money: 110,
  level: 84,
  status: 100,
  yesNo: 84,
  pledgeLevel: 84,
};

/** 分 → "4.97 万元" style is what units write; the ledger shows 元 with separators. */
export function yuan(fen: number): string {
  const y = Math.floor(fen / 100);
  const rest = fen % 100;
  return `${y.toLocaleString('zh-CN')}${rest ? `.${String(rest).padStart(2, '0')}` : ''} 元`;
}

const empty = <span className="cell-sub">—</span>;

/** A stored value for display (also used by the 对账 differences). */
export function showValue(kind: ImportKind, field: string, v: unknown, values?: Values): ReactNode {
  if (field === 'deadlineDate' && (v === null || v === undefined) && values?.deadlineText) {
    return <span className="deadline-words">{String(values.deadlineText)}</span>;
  }
  if (v === null || v === undefined || v === '') return empty;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (field === 'fundsFen' && typeof v === 'number') return yuan(v);
  if (kind === 'hazard' && field === 'level') {
    return v === '重大' ? (
      <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
        重大
      </Tag>
    ) : (
      <span className="cell-sub">{String(v)}</span>
    );
  }
  if (kind === 'hazard' && field === 'status')
    return <span className={`import-status import-status-${String(v)}`}>{String(v)}</span>;
  if (kind === 'pledge' && field === 'level' && typeof v === 'number') return levelLabel(v);
  return String(v);
}

function problemClass(ps: SampleProblem[]): string | undefined {
  if (ps.some((p) => p.severity === 'error')) return 'cell-problem-error';
  if (ps.length) return 'cell-problem-warning';
  return undefined;
}

function withProblems(node: ReactNode, ps: SampleProblem[]): ReactNode {
  if (!ps.length) return node;
  return (
    <Tooltip
      title={ps.map((p) => (
        <div key={p.message}>{p.message}</div>
      ))}
    >
      <span className="cell-problem-content">{node}</span>
    </Tooltip>
  );
}

export interface SampleColumnsResult {
  columns: ColumnType<SampleRow>[];
  width: number;
}

export function sampleColumns(p: Preview): SampleColumnsResult {
  const kind = p.kind;
  const labels = new Map(mappableFields(kind).map((f) => [f.field, f.label]));
  const mapped = p.columns.filter((c) => c.field);
  const columns: ColumnType<SampleRow>[] = [
    {
      title: '行',
      key: 'row',
      width: 58,
      fixed: 'left',
      align: 'center',
      render: (_, r) => <span className="row-number">{r.rowNumber}</span>,
    },
    {
      title: '状态',
      key: 'state',
      width: 92,
      fixed: 'left',
      onCell: (r) => ({ className: problemClass(r.problems.filter((x) => !x.column)) }),
      render: (_, r) => {
        const rowLevel = r.problems.filter((x) => !x.column);
        const node = !r.importable ? (
          <span className="row-state-error">
            <CloseCircleFilled /> 不能导入
          </span>
        ) : r.problems.length ? (
          <span className="row-state-warning">
            <ExclamationCircleFilled /> 请核对
          </span>
        ) : (
          <span className="row-state-ok">
            <CheckCircleFilled /> 可导入
          </span>
        );
        return withProblems(node, rowLevel);
      },
    },
  ];
  // The township of a ledger comes from the title or 填报单位 when no column holds it.
  if (kind === 'hazard' && !mapped.some((c) => c.field === 'townshipName')) {
    columns.push({
      title: (
        <div className="sample-head">
          <div>乡镇（街道）</div>
          <div className="cell-sub">取自表头</div>
        </div>
      ),
      key: 'townshipName',
      width: 110,
      render: (_, r) => showValue(kind, 'townshipName', (r.values as unknown as Values).townshipName),
    });
  }
  for (const c of mapped) {
    const field = c.field!;
    const type = fieldDef(kind, field)?.type ?? 'text';
    const problemsOf = (r: SampleRow) => r.problems.filter((x) => x.column === c.letter);
    columns.push({
      title: (
        <div className="sample-head">
          <div>{labels.get(field) ?? field}</div>
          <div className="cell-sub">{c.letter} 列</div>
        </div>
      ),
      key: `c${c.index}`,
      width: WIDTHS[type] ?? 130,
      // one line per row: the virtual list scrolls evenly; long texts show in full on hover
      ellipsis: { showTitle: false },
      onCell: (r) =>
        ({
          className: problemClass(problemsOf(r)),
          'data-cell': `${c.letter}${r.rowNumber}`,
        }) as HTMLAttributes<HTMLElement>,
      render: (_, r) => {
        const ps = problemsOf(r);
        const values = r.values as unknown as Values;
        const v = values[field];
        // A cell that could not be read shows what was written.
        const written = r.raw[c.index] ?? '';
        const node =
          (v === null || v === undefined) && ps.length && written ? (
            <span className="cell-written">{written}</span>
          ) : (
            showValue(kind, field, v, values)
          );
        if (!ps.length && typeof v === 'string' && v.length > (type === 'longText' ? 0 : 8)) {
          return (
            <Tooltip title={<div style={{ whiteSpace: 'pre-wrap' }}>{v}</div>} placement="topLeft">
              <span>{v}</span>
            </Tooltip>
          );
        }
        return withProblems(node, ps);
      },
    });
  }
  // 工作进展情况 of a 工作清单 has a 字数 limit (每条 ≤ 300 字): show the count beside it.
  if (kind === 'worklist' && mapped.some((c) => c.field === 'progress')) {
    const at = columns.findIndex((c) => mapped.some((m) => m.field === 'progress' && c.key === `c${m.index}`));
    columns.splice(at + 1, 0, {
      title: '字数',
      key: 'progressLength',
      width: 72,
      align: 'right',
      render: (_, r) => {
        const v = r.values as unknown as Values;
        const n = Number(v.progressLength ?? 0);
        return <span className={v.overLimit ? 'length-over' : 'cell-sub'}>{n}</span>;
      },
    });
  }
  const width = columns.reduce((s, c) => s + Number(c.width ?? 120), 0);
  return { columns, width };
}
