/**
 * pdf.js, loaded on first use. The legacy build is used on purpose: the modern build relies on very recent
 * JavaScript (Map.prototype.getOrInsertComputed) that older Chromium versions (Electron, 信创 browsers) lack.
 * The worker is bundled as a file next to the app (Vite `?url`), so it loads under the strict CSP
 * (worker-src 'self') both over http and from file:// in Electron.
 */
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((m) => {
    m.GlobalWorkerOptions.workerSrc = new URL(workerUrl, document.baseURI).href;
    return m;
  });
  return loading;
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Draws page 1 of a PDF into `canvas`, `cssWidth` pixels wide; returns the page count. */
export function renderFirstPage(bytes: Uint8Array, canvas: HTMLCanvasElement, cssWidth: number): Promise<number> {
  return renderPage(bytes, canvas, cssWidth, 1, 0);
}

/**
 * Draws page `pageNo` (from 1) of a PDF into `canvas`, `cssWidth` pixels wide, turned `rotation` degrees clockwise
 * beyond the page's own /Rotate (the clerk's turn); returns the page count.
 */
export async function renderPage(
  bytes: Uint8Array,
  canvas: HTMLCanvasElement,
  cssWidth: number,
  pageNo: number,
  rotation: number,
): Promise<number> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const page = await doc.getPage(Math.min(Math.max(1, pageNo), doc.numPages));
    const turn = (page.rotate + rotation) % 360;
    const base = page.getViewport({ scale: 1, rotation: turn });
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const viewport = page.getViewport({ scale: (cssWidth / base.width) * dpr, rotation: turn });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / dpr)}px`;
    canvas.style.height = `${Math.floor(viewport.height / dpr)}px`;
    await page.render({ canvas, viewport, background: '#ffffff' }).promise;
    return doc.numPages;
  } finally {
    void doc.destroy();
  }
}
