/**
 * 打印预览: the PDF about to be printed, drawn page by page with pdf.js in a modal, with 打印 (the system print
 * dialog, through print:pdf) and 另存为… (the save dialog, through print:save). Every print of the app opens
 * here: the main process makes the PDF and holds it under a token, so what is printed is what was shown.
 */
import { LeftOutlined, PrinterOutlined, RightOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { call } from '../api/client';
import type { ChannelOutput } from '../api/client';
import { errorMessage } from '../api/errors';
import { useAction } from '../api/useRequest';
import { base64ToBytes, renderPage } from './pdfjs';

export type PrintPreviewData = ChannelOutput<'pledges:print'>;

type Show = (make: () => Promise<PrintPreviewData>) => Promise<void>;
const PreviewContext = createContext<Show | null>(null);

/** Opens the preview with the PDF `make` returns (a Chinese error message when making it fails). */
export function usePrintPreview(): Show {
  const show = useContext(PreviewContext);
  if (!show) throw new Error('usePrintPreview outside PrintPreviewProvider');
  return show;
}

function PreviewPage({ bytes, page, onPages }: { bytes: Uint8Array; page: number; onPages: (n: number) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<{ error?: string; done: boolean }>({ done: false });
  useEffect(() => {
    let cancelled = false;
    setState({ done: false });
    renderPage(bytes.slice(), ref.current!, 640, page, 0).then(
      (n) => {
        if (cancelled) return;
        onPages(n);
        setState({ done: true });
      },
      (e: unknown) => !cancelled && setState({ error: errorMessage(e), done: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [bytes, page, onPages]);
  return (
    <div className="print-preview-page">
      {state.error ? <Alert type="warning" showIcon title="无法显示预览" description={state.error} /> : null}
      <Spin spinning={!state.done} description="正在生成预览…">
        <canvas
          ref={ref}
          data-testid="print-preview-canvas"
          data-page={page}
          data-rendered={state.done && !state.error ? 'yes' : 'no'}
          style={{ boxShadow: '0 1px 6px rgba(0,0,0,.25)', background: '#fff' }}
        />
      </Spin>
    </div>
  );
}

export function PrintPreviewProvider({ children }: { children: ReactNode }) {
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const [data, setData] = useState<PrintPreviewData | null>(null);
  const [page, setPage] = useState(1);
  const [pages, setPages] = useState(0);
  const { run, pending } = useAction();
  const bytes = useMemo(() => (data ? base64ToBytes(data.base64) : null), [data]);

  const show = useCallback<Show>(
    async (make) => {
      setLoading(true);
      try {
        const d = await make();
        setPage(1);
        setPages(0);
        setData(d);
        for (const w of d.warnings) message.warning({ content: w, duration: 12 });
      } catch (e) {
        message.error(errorMessage(e), 6);
      } finally {
        setLoading(false);
      }
    },
    [message],
  );
  const close = () => setData(null);
  const print = () =>
    data &&
    run(() => call('print:pdf', { token: data.token }), {
      success: (r) => (r.printed ? '已发送到打印机' : '已取消打印'),
    });
  const save = () =>
    data && run(() => call('print:save', { token: data.token }), { success: (r) => (r ? `已保存：${r.file}` : null) });

  return (
    <PreviewContext.Provider value={show}>
      {children}
      <Spin spinning={loading} fullscreen description="正在生成打印文件…" />
      <Modal
        open={!!data}
        title={`打印预览 · ${data?.title ?? ''}`}
        width={720}
        centered
        onCancel={close}
        destroyOnHidden
        footer={
          <Space>
            <Button icon={<LeftOutlined />} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
              上一页
            </Button>
            <span data-testid="print-preview-pages">
              第 {page} 页 / 共 {pages || '…'} 页
            </span>
            <Button disabled={!pages || page >= pages} onClick={() => setPage((p) => p + 1)}>
              下一页 <RightOutlined />
            </Button>
            <Button icon={<SaveOutlined />} loading={pending} onClick={save}>
              另存为…
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} loading={pending} onClick={print}>
              打印
            </Button>
          </Space>
        }
      >
        <div style={{ maxHeight: '70vh', overflow: 'auto', display: 'flex', justifyContent: 'center', padding: 8 }}>
          {bytes ? <PreviewPage bytes={bytes} page={page} onPages={setPages} /> : null}
        </div>
      </Modal>
    </PreviewContext.Provider>
  );
}
