/**
 * The before/after of one audit entry: for a change, only the fields that changed (修改前 → 修改后); for a
 * new or deleted record, its fields as a compact sheet.
 */
import { Descriptions, Table, Typography } from 'antd';
import { levelLabel } from '../../../core/domain/pledgeLevels';
import { COUNT_LABELS } from '../backup/counts';
import { showDateTime } from '../components/format';
import { fieldLabel, HIDDEN_FIELDS } from './auditLabels';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function parse(s: string | null): Json | undefined {
  if (s === null) return undefined;
  try {
    return JSON.parse(s) as Json;
  } catch {
    return s;
  }
}

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as the clerk reads it: 是/否, 一级, names of attached files, "神垕镇 2 份" for requirements. */
export function showValue(v: Json | undefined, key = ''): string {
  if (v === undefined || v === null || v === '') return '—';
  if (key === 'level' && typeof v === 'number') return levelLabel(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    if (!v.length) return '（无）';
    return v
      .map((x) => {
        if (isObject(x)) {
          if (typeof x.originalName === 'string') return x.originalName;
          if (typeof x.unitName === 'string') {
            return `${x.unitName} ${String(x.expectedCount ?? '')} 份${x.deadline ? `（截止 ${String(x.deadline)}）` : ''}`;
          }
          return JSON.stringify(x);
        }
        return String(x);
      })
      .join('；');
  }
  if (isObject(v)) {
    // What a backup holds: 单位 12、隐患 600 (the keys are table names).
    const labels = new Map(COUNT_LABELS);
    const parts = Object.entries(v).map(([k, n]) => (labels.has(k) ? `${labels.get(k)} ${String(n)}` : null));
    return parts.every((p) => p !== null) ? parts.join('、') : JSON.stringify(v);
  }
  // A moment (2026-12-02T08:06:54.000Z) in the app's one date-time format.
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return showDateTime(v);
  return String(v);
}

interface Field {
  key: string;
  label: string;
  before: string;
  after: string;
}

function fieldsOf(before: Json | undefined, after: Json | undefined): Field[] {
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    return [...new Set([...Object.keys(b), ...Object.keys(a)])]
      .filter((k) => !HIDDEN_FIELDS.has(k))
      .map((k) => ({ key: k, label: fieldLabel(k), before: showValue(b[k], k), after: showValue(a[k], k) }));
  }
  return [{ key: 'value', label: '内容', before: showValue(before), after: showValue(after) }];
}

export function AuditDiff({ before, after }: { before: string | null; after: string | null }) {
  const b = parse(before);
  const a = parse(after);
  if (b === undefined && a === undefined)
    return <Typography.Text type="secondary">此操作没有记录具体内容</Typography.Text>;
  const fields = fieldsOf(b, a);

  if (b === undefined || a === undefined) {
    const side = b === undefined ? 'after' : 'before';
    return (
      <div className="audit-diff">
        <div className="cell-sub" style={{ marginBottom: 6 }}>
          {b === undefined ? '新增的内容：' : '删除前的内容：'}
        </div>
        <Descriptions
          bordered
          size="small"
          column={3}
          styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
          items={fields.map((f) => ({
            key: f.key,
            label: f.label,
            children: <span className="diff-value">{f[side]}</span>,
          }))}
        />
      </div>
    );
  }

  const changed = fields.filter((f) => f.before !== f.after);
  return (
    <div className="audit-diff">
      <div className="cell-sub" style={{ marginBottom: 6 }}>
        {changed.length ? `修改了 ${changed.length} 项：` : '内容没有变化'}
      </div>
      {changed.length ? (
        <Table<Field>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={changed}
          rowClassName="diff-changed"
          columns={[
            { title: '项目', dataIndex: 'label', key: 'label', width: 140 },
            {
              title: '修改前',
              dataIndex: 'before',
              key: 'before',
              render: (v: string) => <span className="diff-value diff-before">{v}</span>,
            },
            {
              title: '修改后',
              dataIndex: 'after',
              key: 'after',
              render: (v: string) => <span className="diff-value diff-after">{v}</span>,
            },
          ]}
        />
      ) : null}
    </div>
  );
}
