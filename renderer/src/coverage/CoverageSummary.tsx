/** The headline numbers of a notice's 明白书 coverage. */
import { Progress, Statistic, Tooltip } from 'antd';
import type { Coverage } from '../api/types';

/**
 * Completion counts only what was required: a unit that signed more than asked (or a unit not on the list)
 * does not make up for another unit's gap.
 */
export function coverageFigures(c: Coverage) {
  const required = c.rows.filter((r) => r.expected > 0);
  const signedAgainstRequired = required.reduce((n, r) => n + Math.min(r.signed, r.expected), 0);
  const extra = c.totals.signed - signedAgainstRequired;
  return {
    requiredUnits: required.length,
    percent: c.totals.expected ? Math.round((signedAgainstRequired / c.totals.expected) * 100) : 0,
    extra,
  };
}

export function CoverageSummary({ c }: { c: Coverage }) {
  const t = c.totals;
  const f = coverageFigures(c);
  return (
    <div className="coverage-summary" data-testid="coverage-summary">
      <div className="coverage-progress">
        <Progress
          type="circle"
          percent={f.percent}
          size={84}
          status={t.expected > 0 && t.missing === 0 ? 'success' : 'normal'}
          format={(p) => (t.expected ? `${p}%` : '—')}
        />
        <div className="cell-sub" style={{ marginTop: 6 }}>
          签订完成率
        </div>
      </div>
      <Statistic title="应签（份）" value={t.expected} data-testid="stat-expected" />
      <Tooltip title={f.extra > 0 ? `含超出要求或未列入要求单位的 ${f.extra} 份` : undefined}>
        <div>
          <Statistic
            title="已签（份）"
            value={t.signed}
            styles={{ content: { color: '#389e0d' } }}
            data-testid="stat-signed"
          />
        </div>
      </Tooltip>
      <Statistic
        title="缺（份）"
        value={t.missing}
        styles={{ content: { color: t.missing ? '#cf1322' : undefined } }}
        data-testid="stat-missing"
      />
      <Statistic
        title="完成单位"
        value={t.unitsComplete}
        suffix={`/ ${f.requiredUnits}`}
        styles={{ suffix: { fontSize: 14 } }}
        data-testid="stat-units"
      />
      <Statistic
        title="已上传扫描件"
        value={t.withScan}
        suffix={`/ ${t.registered} 份已登记`}
        styles={{ suffix: { fontSize: 14 } }}
        data-testid="stat-scans"
      />
    </div>
  );
}
