/** 历史: every submission of one return (same notice, unit, kind and period), oldest first. */
import { Drawer, Empty, Spin, Timeline } from 'antd';
import { periodLabel } from '../../../core/domain/returns';
import { call } from '../api/client';
import { useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { showDateTime } from '../components/format';
import { LengthCell, ReturnStatusTag } from './returnColumns';
import { kindLabel, type ReturnView } from './types';

export function ReturnHistoryDrawer({ target, onClose }: { target: ReturnView | null; onClose: () => void }) {
  const req = useRequest(() => call('returns:history', { id: target!.id }), [target?.id], { enabled: !!target });
  const list = req.data ?? [];
  return (
    <Drawer
      title={
        target
          ? `报送历史 · ${target.unitName} ${kindLabel(target.kind)}${target.period ? `（${periodLabel(target.period)}）` : ''}`
          : '报送历史'
      }
      open={!!target}
      onClose={onClose}
      size={560}
      destroyOnHidden
    >
      <LoadError error={req.error} onRetry={req.reload} />
      {req.loading && !req.data ? <Spin /> : null}
      {req.data && !list.length ? <Empty description="没有报送记录" /> : null}
      {list.length ? (
        <div data-testid="return-history">
          <Timeline
            items={list.map((r, i) => ({
              key: r.id,
              color: r.status === '退回修改' ? 'orange' : 'green',
              content: (
                <div className="history-item">
                  <div>
                    <b>第 {i + 1} 次报送</b>　{r.receivedDate} 收到　
                    <ReturnStatusTag r={r} />
                  </div>
                  {r.title ? <div>{r.title}</div> : null}
                  <div className="cell-sub">
                    字数 <LengthCell r={r} />　{r.approved ? '已审定' : '未审定'}　{r.sealed ? '已盖章' : '未盖章'}
                    　附件 {r.attachments.length} 份
                  </div>
                  {r.status === '退回修改' ? (
                    <div className="history-note">
                      退回原因：{r.returnReason}
                      {r.returnedAt ? <span className="cell-sub">（{showDateTime(r.returnedAt)}）</span> : null}
                    </div>
                  ) : null}
                </div>
              ),
            }))}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
