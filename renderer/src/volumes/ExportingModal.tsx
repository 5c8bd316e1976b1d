/** Shown while the server builds a PDF (it reports no progress yet, so only a spinner). */
import { Modal, Spin } from 'antd';

export function ExportingModal({ text }: { text: string | null }) {
  return (
    <Modal open={!!text} footer={null} closable={false} mask={{ closable: false }} width={360} centered>
      <div className="exporting" data-testid="exporting">
        <Spin size="large" />
        <div className="exporting-text">{text}</div>
        <div className="cell-sub">扫描件较多时需要一些时间，请勿关闭程序。</div>
      </div>
    </Modal>
  );
}
