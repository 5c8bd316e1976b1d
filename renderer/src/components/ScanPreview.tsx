/**
 * In-app preview of one scan: the image itself, or a page of a PDF drawn with pdf.js. Each page can be turned a
 * quarter left or right (向左旋转/向右旋转): the turn is stored with the attachment (the file is untouched) and
 * volumes bound afterwards draw the page turned.
 */
import {
  ExportOutlined,
  LeftOutlined,
  RightOutlined,
  RotateLeftOutlined,
  RotateRightOutlined,
} from '@ant-design/icons';
import { Alert, Button, Space, Spin, Tooltip } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api/client';
import type { PledgeAttachment } from '../api/types';
import { useAction, useRequest } from '../api/useRequest';
import { errorMessage } from '../api/errors';
import { fileSize } from './format';
import { base64ToBytes, renderPage } from './pdfjs';

function PdfPage({
  base64,
  width,
  page,
  rotation,
  onPages,
}: {
  base64: string;
  width: number;
  page: number;
  rotation: number;
  onPages: (n: number) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const bytes = useMemo(() => base64ToBytes(base64), [base64]);
  const [state, setState] = useState<{ error?: string; done: boolean }>({ done: false });
  useEffect(() => {
    let cancelled = false;
    setState({ done: false });
    // pdf.js takes ownership of the bytes it is given: hand it a copy
    renderPage(bytes.slice(), ref.current!, width, page + 1, rotation).then(
      (pages) => {
        if (cancelled) return;
        onPages(pages);
        setState({ done: true });
      },
      (e: unknown) => !cancelled && setState({ error: errorMessage(e), done: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [bytes, width, page, rotation, onPages]);
  return (
    <div>
      {state.error ? (
        <Alert
          type="warning"
          showIcon
          title="无法在程序内显示此 PDF"
          description={`${state.error}。可点击“用系统程序打开”查看。`}
        />
      ) : null}
      <Spin spinning={!state.done} description="正在显示 PDF…">
        <canvas
          ref={ref}
          className="scan-canvas"
          data-testid="scan-pdf-canvas"
          data-page={page + 1}
          data-rotation={rotation}
          data-rendered={state.done && !state.error ? 'yes' : 'no'}
        />
      </Spin>
    </div>
  );
}

/** The image turned `rotation` degrees clockwise, `width` pixels wide as shown. */
function TurnedImage({ src, alt, width, rotation }: { src: string; alt: string; width: number; rotation: number }) {
  const [ratio, setRatio] = useState<number | null>(null); // natural height / width
  if (rotation % 180 === 0) {
    return (
      <img
        className="scan-image"
        style={{ width, transform: rotation ? `rotate(${rotation}deg)` : undefined }}
        alt={alt}
        data-testid="scan-image"
        data-rotation={rotation}
        src={src}
        onLoad={(e) => setRatio(e.currentTarget.naturalHeight / e.currentTarget.naturalWidth)}
      />
    );
  }
  // turned a quarter: the image is drawn `width / ratio` wide so that, turned, it is `width` wide
  const drawnW = ratio ? width / ratio : width;
  const drawnH = ratio ? width : width * 0.75;
  return (
    <div
      className="scan-image"
      style={{ width, height: drawnW, position: 'relative', overflow: 'hidden', maxWidth: 'none' }}
    >
      <img
        style={{
          position: 'absolute',
          left: '50%',
          top: '50%',
          width: drawnW,
          height: drawnH,
          transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
        }}
        alt={alt}
        data-testid="scan-image"
        data-rotation={rotation}
        src={src}
        onLoad={(e) => setRatio(e.currentTarget.naturalHeight / e.currentTarget.naturalWidth)}
      />
    </div>
  );
}

function parseTurns(json: string | null | undefined): Record<string, number> {
  if (!json) return {};
  try {
    return JSON.parse(json) as Record<string, number>;
  } catch {
    return {};
  }
}

export function ScanPreview({ attachment, width = 560 }: { attachment: PledgeAttachment; width?: number }) {
  const preview = useRequest(() => call('attachments:preview', { id: attachment.id }), [attachment.id]);
  const { run, pending } = useAction();
  const turning = useAction();
  const isPdf = attachment.mime === 'application/pdf';
  const [page, setPage] = useState(0);
  const [pages, setPages] = useState<number>(attachment.pageCount ?? 1);
  const [turns, setTurns] = useState<Record<string, number> | null>(null);
  const current = turns ?? parseTurns(preview.data?.attachment.pageRotations);
  const rotation = current[String(page)] ?? 0;

  useEffect(() => {
    setPage(0);
    setTurns(null);
  }, [attachment.id]);

  const turn = async (dir: 'left' | 'right') => {
    const r = await turning.run(() => call('attachments:rotate', { id: attachment.id, page, turn: dir }), {
      success: (a) =>
        `已${dir === 'left' ? '向左' : '向右'}旋转${isPdf ? `第 ${page + 1} 页` : ''}，以后导出的案卷按此方向装订${parseTurns(a.pageRotations)[String(page)] ? '' : '（已恢复原方向）'}`,
    });
    if (r.ok) setTurns(parseTurns(r.value.pageRotations));
  };

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
        <Button
          icon={<ExportOutlined />}
          loading={pending}
          onClick={() => run(() => call('attachments:open', { id: attachment.id }))}
        >
          用系统程序打开
        </Button>
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        {isPdf && pages > 1 ? (
          <Space size={4}>
            <Button
              size="small"
              icon={<LeftOutlined />}
              aria-label="上一页"
              disabled={page === 0}
              onClick={() => setPage((p) => Math.max(0, p - 1))}
            />
            <span className="cell-sub" data-testid="scan-page">
              共 {pages} 页，当前第 {page + 1} 页
            </span>
            <Button
              size="small"
              icon={<RightOutlined />}
              aria-label="下一页"
              disabled={page >= pages - 1}
              onClick={() => setPage((p) => Math.min(pages - 1, p + 1))}
            />
          </Space>
        ) : null}
        <Tooltip title="只记录旋转方向，不改动原文件；导出案卷时按此方向装订">
          <Button
            size="small"
            icon={<RotateLeftOutlined />}
            loading={turning.pending}
            disabled={!preview.data}
            onClick={() => void turn('left')}
          >
            向左旋转
          </Button>
        </Tooltip>
        <Button
          size="small"
          icon={<RotateRightOutlined />}
          loading={turning.pending}
          disabled={!preview.data}
          onClick={() => void turn('right')}
        >
          向右旋转
        </Button>
        {rotation ? <span className="cell-sub">已顺时针旋转 {rotation}°</span> : null}
      </Space>
      {preview.error ? <Alert type="error" showIcon title="预览失败" description={preview.error} /> : null}
      {preview.loading && !preview.data ? (
        <div style={{ padding: 40, textAlign: 'center' }}>
          <Spin description="正在读取扫描件…" />
        </div>
      ) : null}
      {preview.data && !isPdf ? (
        <TurnedImage
          src={`data:${preview.data.attachment.mime};base64,${preview.data.base64}`}
          alt={`扫描件 ${attachment.originalName}`}
          width={width}
          rotation={rotation}
        />
      ) : null}
      {preview.data && isPdf ? (
        <PdfPage base64={preview.data.base64} width={width} page={page} rotation={rotation} onPages={setPages} />
      ) : null}
    </div>
  );
}
