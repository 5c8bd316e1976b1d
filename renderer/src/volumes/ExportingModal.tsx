/** Shown while the server builds a PDF: a progress bar from jobs:progress, and 取消 (jobs:cancel). */
import { Modal } from 'antd';
import { JobProgress } from '../components/JobProgress';

export function ExportingModal({ text, jobId }: { text: string | null; jobId?: string | null }) {
  return (
    <Modal open={!!text} footer={null} closable={false} mask={{ closable: false }} width={400} centered>
      {text ? (
        <JobProgress jobId={jobId} text={text} hint="扫描件较多时需要一些时间，请勿关闭程序。" testId="exporting" />
      ) : null}
    </Modal>
  );
}
