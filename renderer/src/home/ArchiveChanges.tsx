/**
 * 工作台 warning: what changed in sealed volumes and exported 归档信息包 since they were sealed / handed over, found by
 * the quiet re-check at start-up (digests) or a full one on demand; each with what changed and where.
 */
import { Alert, Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call, type ChannelOutput } from '../api/client';
import { useAction } from '../api/useRequest';
import { useAppState } from '../app/AppState';

type State = ChannelOutput<'volumes:recheckState'>;

export function ArchiveChanges({ initial }: { initial: State }) {
  const { navigate } = useAppState();
  const [state, setState] = useState<State>(initial);
  const { run, pending } = useAction();
  useEffect(() => setState(initial), [initial]);
  // The start-up re-check runs in the background: look again until it has finished.
  useEffect(() => {
    if (state.checkedAt && !state.running) return;
    const t = setTimeout(() => {
      void call('volumes:recheckState', {}).then(setState, () => {});
    }, 3000);
    return () => clearTimeout(t);
  }, [state]);

  const full = async () => {
    const x = await run(() => call('volumes:recheckArchives', { full: true }), {
      success: (s) =>
        s.changes.length ? null : `全面核对完成：${s.volumes} 卷已封卷案卷、${s.packages} 个电子档案信息包均未改动`,
    });
    if (x.ok) setState(x.value);
  };

  if (state.error)
    return (
      <Alert
        type="warning"
        showIcon
        title="核对封卷和电子档案未能完成"
        description={state.error}
        className="home-archive"
      />
    );
  if (!state.changes.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="home-archive"
      data-testid="home-archive-changes"
      title={`已封卷的案卷或已导出的电子档案有改动（${state.changes.length} 处）`}
      description={
        <div>
          {state.changes.map((c) => (
            <div key={`${c.kind}-${c.id}`} className="home-archive-item">
              <b>
                {c.kind === 'volume' ? '案卷' : c.kind === 'box' ? '档案盒' : '电子档案信息包'}：{c.title}
              </b>
              <span className="home-archive-where">（{c.where}）</span>
              <ul>
                {c.changes.slice(0, 8).map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
                {c.changes.length > 8 ? <li>……另有 {c.changes.length - 8} 处</li> : null}
              </ul>
            </div>
          ))}
          <div className="cell-sub">
            请从备份恢复被改动的文件，或对案卷办理补充卷/新版、重新导出信息包。
            {state.scope === 'digests' ? '以上为启动时的摘要核对结果。' : ''}
          </div>
          <Space style={{ marginTop: 8 }}>
            <Button size="small" loading={pending} onClick={() => void full()}>
              全面核对
            </Button>
            <Button size="small" onClick={() => navigate('volumes')}>
              去案卷归档
            </Button>
          </Space>
        </div>
      }
    />
  );
}
