/**
 * "Save as…" for everything the app writes where the clerk chooses: the dialog with the right filter and a safe
 * default name, the extension added when the clerk typed none, the bytes written atomically, then the file opened
 * (or shown in its folder). One place, instead of a copy per export.
 */
import type { AppContext, FileFilter, Ports } from '../platform/context';
import { writeFileAtomic } from './atomicWrite';
import { safeFileName } from './names';

export type SaveKind = 'xlsx' | 'pdf' | 'ofd';

const FILTERS: Record<SaveKind, FileFilter[]> = {
  xlsx: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
  pdf: [{ name: 'PDF 文件', extensions: ['pdf'] }],
  ofd: [{ name: 'OFD 版式文件', extensions: ['ofd'] }],
};

/** Asks where to save; the path ends with the kind's extension; null when the clerk cancels. */
export async function pickSaveFile(
  ports: Ports,
  opts: { title?: string; defaultName: string; kind: SaveKind },
): Promise<string | null> {
  const picked = await ports.pickSavePath({
    title: opts.title ?? '保存',
    defaultName: safeFileName(opts.defaultName),
    filters: FILTERS[opts.kind],
  });
  if (!picked) return null;
  return picked.toLowerCase().endsWith(`.${opts.kind}`) ? picked : `${picked}.${opts.kind}`;
}

/** Asks where to save, writes what `make` returns atomically, opens it (or shows it); null when cancelled. */
export async function saveAndOpen(
  ctx: AppContext,
  opts: { title?: string; defaultName: string; kind: SaveKind; then?: 'open' | 'show' },
  make: () => Promise<Buffer>,
): Promise<{ file: string } | null> {
  const file = await pickSaveFile(ctx.ports, opts);
  if (!file) return null;
  writeFileAtomic(file, await make());
  if (opts.then === 'show') await ctx.ports.showInFolder(file);
  else await ctx.ports.openPath(file);
  return { file };
}
