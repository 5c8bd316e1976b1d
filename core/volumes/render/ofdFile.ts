/**
 * Writes an OFD file safely: pages stream from the OfdWriter into a temp file next to the target, waiting for
 * the disk between pages and stopping on cancel, then the file is fsynced and renamed into place; on any
 * failure nothing is left behind. Used for a whole 卷 (renderOfd.ts) and for the OFD exports built on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFault } from '../../platform/errors';
import { StreamGuard } from '../../files/atomicWrite';
import { OfdWriter } from '../../ofd/writer';
import { APP_VERSION } from '../../platform/version';
import { cancelled, tmpName } from './render';

/**
 * Streams an OFD into a temp file next to `file`: the drawing callback adds pages (waiting for the disk between
 * pages), then the document is finished, fsynced and renamed into place. On any failure nothing is left.
 */
export async function writeOfdFile(
  file: string,
  pagesHint: number,
  signal: AbortSignal | undefined,
  draw: (w: OfdWriter, flush: () => Promise<void>) => Promise<void>,
  info: { title: string; author?: string; subject?: string; keywords?: string[]; date: Date },
): Promise<void> {
  const tmp = tmpName(file, 'ofd');
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const out = fs.createWriteStream(tmp);
    let pagesDone = 0;
    const guard = new StreamGuard(out, file, () =>
      Math.round(pagesDone && out.bytesWritten ? (out.bytesWritten / pagesDone) * pagesHint : pagesHint * 60_000),
    );
    const w = new OfdWriter(
      (chunk, final) => {
        // fflate may reuse the buffer behind a chunk once this returns: the stream keeps a copy
        out.write(Buffer.from(chunk));
        if (final) out.end();
      },
      { ...info, creator: '安委台账', creatorVersion: APP_VERSION },
    );
    const flush = async () => {
      pagesDone = w.pageCount;
      guard.check();
      if (out.writableNeedDrain) await guard.drain();
      guard.check();
      if (signal?.aborted) throw cancelled();
    };
    try {
      await draw(w, flush);
      if (signal?.aborted) throw cancelled();
      w.finish();
    } catch (e) {
      out.destroy();
      await guard.finish().catch(() => {});
      throw e;
    }
    await guard.finish();
    const fd = await fs.promises.open(tmp, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
    if (signal?.aborted) throw cancelled();
    await fs.promises.rename(tmp, file);
  } catch (e) {
    throw writeFault(e, file);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}
