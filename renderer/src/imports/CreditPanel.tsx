/**
 * 计入报送, on the 预览与核对 step: the period the file names, the notices asking this unit for this material (those
 * whose period fits first), the period credited for a monthly/quarterly notice, and in plain words what the commit
 * will credit — or 不计入任何通知的报送. Nothing is credited that is not shown here.
 */
import { Alert, Select, Tag } from 'antd';
import { periodLabel } from '../../../core/domain/returns';
import type { Notice } from '../api/types';
import type { ImportSession } from './useImportSession';

const NONE = 0;

export function CreditPanel({ session, notices }: { session: ImportSession; notices: Notice[] }) {
  const p = session.preview;
  if (!p || p.kind === 'pledge') return null;
  const { choices } = session;
  const noticeId = choices.noticeId;
  const cands = [...p.candidates].sort((a, b) => Number(b.matches === true) - Number(a.matches === true));
  const chosen = p.candidates.find((c) => c.noticeId === noticeId);
  const outside = noticeId !== undefined && !chosen ? notices.find((n) => n.id === noticeId) : undefined;
  const periodic = chosen && chosen.period !== 'once';
  const what = p.kind === 'hazard' ? '隐患台账' : p.kind === 'worklist' ? '工作清单' : '报告';
  return (
    <div className="import-credit" data-testid="import-credit-panel">
      <Alert
        type={p.creditError ? 'error' : p.credit && !p.creditWarning ? 'success' : 'warning'}
        showIcon
        className="import-alert"
        data-testid="import-credit"
        title={`报送登记：${p.creditText}`}
        description={
          p.credit
            ? (p.creditWarning ?? '导入后在报送跟踪中记为已收到这份报送。')
            : p.unit
              ? `导入的数据照常入库，但报送跟踪表不变。如这份${what}是某通知要求报送的，请在下方选择该通知。`
              : '导入的数据照常入库，但报送跟踪表不变；要计入通知的报送，请先确定报送单位。'
        }
      />
      <div className="import-credit-fields">
        <span className="import-credit-item">
          <span className="import-filebar-label">表中期次</span>
          <span data-testid="import-file-period">{p.filePeriod.text}</span>
        </span>
        <span className="import-credit-item">
          <span className="import-filebar-label">计入通知</span>
          <Select<number>
            value={noticeId ?? NONE}
            onChange={(v) => session.chooseNotice(v === NONE ? undefined : v)}
            disabled={session.loading}
            style={{ width: 300 }}
            popupMatchSelectWidth={false}
            aria-label="计入通知"
            data-testid="import-credit-notice"
            options={[
              { value: NONE, label: '不计入任何通知' },
              ...cands.map((c) => ({
                value: c.noticeId,
                label: `${c.docNo}${c.matches === true ? '（期次相符）' : c.matches === false ? '（期次不符）' : ''}`,
              })),
              ...(outside ? [{ value: outside.id, label: `${outside.docNo}（未要求该单位报送${what}）` }] : []),
            ]}
            optionRender={(o) => {
              const c = p.candidates.find((x) => x.noticeId === o.value);
              return (
                <div style={{ maxWidth: 440 }}>
                  <div>
                    {c ? c.docNo : o.label}{' '}
                    {c?.matches === true ? (
                      <Tag color="green" bordered={false}>
                        期次相符{c.periodLabel ? ` · ${c.periodLabel}` : ''}
                      </Tag>
                    ) : c?.matches === false ? (
                      <Tag bordered={false}>期次不符</Tag>
                    ) : null}
                  </div>
                  {c ? (
                    <div className="cell-sub" style={{ whiteSpace: 'normal' }}>
                      {c.title} ·{' '}
                      {c.period === 'monthly' ? '按月报送' : c.period === 'quarterly' ? '按季度报送' : '报送一次'}
                    </div>
                  ) : null}
                </div>
              );
            }}
          />
        </span>
        {periodic ? (
          <span className="import-credit-item">
            <span className="import-filebar-label">报送期次</span>
            <Select<string>
              value={choices.period}
              onChange={(v) => session.choose({ period: v })}
              disabled={session.loading}
              placeholder="请选择期次"
              style={{ width: 160 }}
              aria-label="报送期次"
              data-testid="import-credit-period"
              options={[...chosen.periods].reverse().map((k) => ({ value: k, label: periodLabel(k) }))}
            />
          </span>
        ) : null}
        {!cands.length && p.unit ? (
          <span className="cell-sub">
            没有通知要求“{p.unit.name}”报送{what}
          </span>
        ) : null}
      </div>
    </div>
  );
}
