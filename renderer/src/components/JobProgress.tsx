/** A long job's progress bar, what it is doing, and 取消 (while the job can still stop). */
import { Button, Progress, Spin } from 'antd';
import { useJobProgress } from './useJobProgress';
import './jobProgress.css';

interface Props {
  jobId: string | null | undefined;
  /** Shown until the first answer from the job. */
  text: string;
  hint?: string;
  testId?: string;
}

export function JobProgress({ jobId, text, hint, testId = 'job-progress' }: Props) {
  const { state, percent, cancel } = useJobProgress(jobId);
  return (
    <div className="job-progress" data-testid={testId}>
      {state ? <Progress percent={percent} status="active" className="job-progress-bar" /> : <Spin size="large" />}
      <div className="job-progress-text" data-testid={`${testId}-text`}>
        {state?.message ?? text}
      </div>
      {hint ? <div className="cell-sub">{hint}</div> : null}
      {jobId ? (
        <Button
          disabled={!!state && (state.cancelRequested || !state.cancellable)}
          onClick={cancel}
          data-testid={`${testId}-cancel`}
        >
          {state?.cancelRequested ? '正在取消…' : '取消'}
        </Button>
      ) : null}
    </div>
  );
}
