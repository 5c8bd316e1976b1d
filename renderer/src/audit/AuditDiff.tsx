/** The before/after of one audit entry as a field table, changed fields highlighted. */
import { Table, Typography } from 'antd';
import { fieldLabel, NOISE_FIELDS } from './auditLabels';

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

/** A value as the clerk reads it: 是/否, names of attached files, "神垕镇 2 份" for requirements. */
export function showValue(v: Json | undefined): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    if (!v.length) return '（无）';
    return v
      .map((x) => {
        if (isObject(x)) {
          if (typeof x.originalName === 'string') return x.originalName;
          if (typeof x.unitName === 'string') return `${x.unitName} ${String(x.expectedCount ?? '')} 份${x.deadline ? `（截止 ${String(x.deadline)}）` : ''}`;
          return JSON.stringify(x);
        }
        return String(x);
      })
      .join('；');
  }
  if (isObject(v)) return JSON.stringify(v);
  return String(v);
}

interface DiffRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

function rowsOf(before: Json | undefined, after: Json | undefined): DiffRow[] {
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .filter((k) => !(before !== undefined && after !== undefined && NOISE_FIELDS.has(k)))
      .map((k) => {
        const bv = before === undefined ? '' : showValue(b[k]);
        const av = after === undefined ? '' : showValue(a[k]);
        return { key: k, label: fieldLabel(k), before: bv, after: av, changed: before !== undefined && after !== undefined && bv !== av };
      });
  }
  return [{ key: 'value', label: '内容', before: showValue(before), after: showValue(after), changed: showValue(before) !== showValue(after) }];
}

export function AuditDiff({ before, after }: { before: string | null; after: string | null }) {
  const b = parse(before);
  const a = parse(after);
  if (b === undefined && a === undefined) return <Typography.Text type="secondary">此操作没有记录具体内容</Typography.Text>;
  const rows = rowsOf(b, a);
  const both = b !== undefined && a !== undefined;
  const changedOnly = both && rows.some((r) => r.changed) ? rows.filter((r) => r.changed) : rows;
  return (
    <div className="audit-diff">
      {both ? (
        <div className="cell-sub" style={{ marginBottom: 6 }}>
          {rows.some((r) => r.changed) ? `共修改 ${changedOnly.length} 项：` : '内容没有变化'}
        </div>
      ) : null}
      <Table<DiffRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={changedOnly}
        rowClassName={(r) => (r.changed ? 'diff-changed' : '')}
        columns={[
          { title: '字段', dataIndex: 'label', key: 'label', width: 160 },
          ...(b !== undefined ? [{ title: both ? '修改前' : '内容', dataIndex: 'before', key: 'before', render: (v: string) => <span className="diff-value">{v}</span> }] : []),
          ...(a !== undefined ? [{ title: both ? '修改后' : '内容', dataIndex: 'after', key: 'after', render: (v: string) => <span className="diff-value">{v}</span> }] : []),
        ]}
      />
    </div>
  );
}
