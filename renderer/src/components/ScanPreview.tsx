/** In-app preview of one scan: the image itself, or the first page of a PDF drawn with pdf.js. */
import { ExportOutlined } from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import type { PledgeAttachment } from '../api/types';
import { useAction, useRequest } from '../api/useRequest';
import { errorMessage } from '../api/errors';
import { fileSize } from './format';
import { base64ToBytes, renderFirstPage } from './pdfjs';

function PdfFirstPage({ base64, width }: { base64: string; width: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<{ pages?: number; error?: string; done: boolean }>({ done: false });
  useEffect(() => {
    let cancelled = false;
    setState({ done: false });
    renderFirstPage(base64ToBytes(base64), ref.current!, width).then(
      (pages) => !cancelled && setState({ pages, done: true }),
      (e: unknown) => !cancelled && setState({ error: errorMessage(e), done: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [base64, width]);
  return (
    <div>
      {state.error ? (
        <Alert type="warning" showIcon title="无法在程序内显示此 PDF" description={`${state.error}。可点击“用系统程序打开”查看。`} />
      ) : null}
      <Spin spinning={!state.done} description="正在显示 PDF…">
        <canvas ref={ref} className="scan-canvas" data-testid="scan-pdf-canvas" data-rendered={state.done && !state.error ? 'yes' : 'no'} />
      </Spin>
      {state.pages && state.pages > 1 ? (
        <div className="cell-sub" style={{ marginTop: 6 }}>
          共 {state.pages} 页，此处显示第 1 页；查看全部请用系统程序打开。
        </div>
      ) : null}
    </div>
  );
}

export function ScanPreview({ attachment, width = 560 }: { attachment: PledgeAttachment; width?: number }) {
  const preview = useRequest(() => call('attachments:preview', { id: attachment.id }), [attachment.id]);
  const { run, pending } = useAction();
  const isPdf = attachment.mime === 'application/pdf';

  return (
    <div className="scan-preview">
      <div className="scan-preview-head">
        <div style={{ minWidth: 0 }}>
          <div className="scan-name" title={attachment.originalName}>
            {attachment.originalName}
          </div>
          <div className="cell-sub">
            {isPdf ? 'PDF' : attachment.mime === 'image/png' ? 'PNG 图片' : 'JPEG 图片'} · {fileSize(attachment.size)}
            {attachment.pageCount ? ` · ${attachment.pageCount} 页` : ''}
          </div>
        </div>
        <Button icon={<ExportOutlined />} loading={pending} onClick={() => run(() => call('attachments:open', { id: attachment.id }))}>
          用系统程序打开
        </Button>
      </div>
      {preview.error ? <Alert type="error" showIcon title="预览失败" description={preview.error} /> : null}
      {preview.loading && !preview.data ? (
        <div style={{ padding: 40, textAlign: 'center' }}>
          <Spin description="正在读取扫描件…" />
        </div>
      ) : null}
      {preview.data && !isPdf ? (
        <img
          className="scan-image"
          style={{ width }}
          alt={`扫描件 ${attachment.originalName}`}
          data-testid="scan-image"
          src={`data:${preview.data.attachment.mime};base64,${preview.data.base64}`}
        />
      ) : null}
      {preview.data && isPdf ? <PdfFirstPage base64={preview.data.base64} width={width} /> : null}
    </div>
  );
}
