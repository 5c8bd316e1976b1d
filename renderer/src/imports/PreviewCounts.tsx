/** The counts of a preview at a glance: rows, importable, new / changed / unchanged / gone, errors, warnings. */
import type { Preview } from './types';

interface Count {
  key: string;
  label: string;
  value: number;
  tone?: 'good' | 'info' | 'warn' | 'bad' | 'bad-soft' | 'muted';
  hint?: string;
}

export function PreviewCounts({ preview }: { preview: Preview }) {
  const p = preview;
  const isLedger = p.kind === 'hazard' || p.kind === 'pledge';
  const counts: Count[] = [
    { key: 'rows', label: '数据行', value: p.rows },
    { key: 'importable', label: '可导入', value: p.importable, tone: p.importable < p.rows ? 'warn' : 'good' },
    ...(isLedger
      ? ([
          { key: 'new', label: '新增', value: p.new, tone: p.new ? 'good' : 'muted' },
          { key: 'changed', label: '变更', value: p.changed, tone: p.changed ? 'info' : 'muted' },
          { key: 'unchanged', label: '未变', value: p.unchanged, tone: 'muted' },
        ] satisfies Count[])
      : []),
    ...(p.kind === 'hazard'
      ? ([
          { key: 'disappeared', label: '本次未出现', value: p.disappeared, tone: p.disappeared ? 'warn' : 'muted' },
        ] satisfies Count[])
      : []),
    ...(p.kind === 'hazard'
      ? ([
          {
            key: 'major',
            label: '其中重大隐患',
            value: p.summary.major ?? 0,
            tone: p.summary.major ? 'bad-soft' : 'muted',
          },
        ] satisfies Count[])
      : []),
    ...(p.kind === 'pledge'
      ? ([{ key: 'signed', label: '其中已签订', value: p.summary.signed ?? 0 }] satisfies Count[])
      : []),
    {
      key: 'errors',
      label: '错误',
      value: p.errors.length,
      tone: p.errors.length ? 'bad' : 'muted',
      hint: p.summary.errorRows ? `${p.summary.errorRows} 行` : undefined,
    },
    { key: 'warnings', label: '提示', value: p.warnings.length, tone: p.warnings.length ? 'warn' : 'muted' },
  ];
  const s = p.summary;
  const extra =
    p.kind === 'worklist' && s.overLimitRows?.length
      ? `第 ${s.overLimitRows.join('、')} 条的工作进展情况超过字数限制`
      : null;
  return (
    <div className="import-counts-wrap">
      <div className="import-counts" data-testid="import-counts">
        {counts.map((c) => (
          <div key={c.key} className={`import-count tone-${c.tone ?? 'plain'}`} data-testid={`count-${c.key}`}>
            <div className="import-count-value">{c.value}</div>
            <div className="import-count-label">
              {c.label}
              {c.hint ? <span className="import-count-hint">（{c.hint}）</span> : null}
            </div>
          </div>
        ))}
      </div>
      {extra ? (
        <div className="import-counts-extra" data-testid="import-counts-extra">
          {extra}
        </div>
      ) : null}
    </div>
  );
}
