/** Shown while the server builds a PDF: a progress bar from jobs:progress, and 取消 (jobs:cancel). */
import { Button, Modal, Progress, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/client';

interface State {
  done: number;
  total: number;
  message: string;
  cancelRequested: boolean;
}

export function ExportingModal({ text, jobId }: { text: string | null; jobId?: string | null }) {
  const [state, setState] = useState<State | null>(null);
  useEffect(() => {
    if (!text || !jobId) {
      setState(null);
      return;
    }
    let stop = false;
    const poll = async () => {
      while (!stop) {
        try {
          const s = await call('jobs:progress', { jobId });
          if (!stop && s) setState(s);
        } catch {
          /* the next poll will tell */
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [text, jobId]);
  const percent = state && state.total > 0 ? Math.min(99, Math.round((state.done / state.total) * 100)) : 0;
  return (
    <Modal open={!!text} footer={null} closable={false} mask={{ closable: false }} width={400} centered>
      <div className="exporting" data-testid="exporting">
        {state ? <Progress percent={percent} status="active" data-testid="export-progress" /> : <Spin size="large" />}
        <div className="exporting-text">{state?.message ?? text}</div>
        <div className="cell-sub">扫描件较多时需要一些时间，请勿关闭程序。</div>
        {jobId ? (
          <Button
            style={{ marginTop: 12 }}
            disabled={state?.cancelRequested}
            onClick={() => {
              void call('jobs:cancel', { jobId });
              setState((s) => (s ? { ...s, cancelRequested: true, message: '正在取消…' } : s));
            }}
          >
            {state?.cancelRequested ? '正在取消…' : '取消'}
          </Button>
        ) : null}
      </div>
    </Modal>
  );
}
