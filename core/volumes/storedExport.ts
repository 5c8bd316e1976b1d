/**
 * Exports a sealed volume from the bytes kept at sealing: every part's PDF copied out of the store and verified
 * against its hash, nothing drawn, so the export is the sealed file whatever fonts or version are installed now.
 * A volume sealed by an older version (no bytes kept) is drawn again instead (exporting.ts).
 */
import fs from 'node:fs';
import { volumeExports } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { cancelled } from './render/render';
import { copySealedOut } from './sealStore';
import { combinedSha, partFile } from './exportParts';
import type { CheckResult, ExportOptions, ExportResult, ExportedPart } from './types';
import type { VolumeRow } from './rows';

export type StoredPart = Omit<ExportedPart, 'file'>;

/** The parts of a sealed volume whose PDF is kept in the store; null for a volume sealed by an older version. */
export function storedParts(v: VolumeRow): StoredPart[] | null {
  const parts = v.partsJson ? (JSON.parse(v.partsJson) as StoredPart[]) : [];
  return parts.length && parts.every((x) => typeof x.attachmentId === 'number') ? parts : null;
}

/** A sealed volume: its stored PDF bytes, copied out and verified (nothing drawn, whatever fonts are installed). */
export async function exportStored(
  ctx: AppContext,
  v: VolumeRow,
  out: string,
  opts: ExportOptions,
  t0: number,
): Promise<ExportResult> {
  const parts = storedParts(v)!;
  const written: string[] = [];
  const exported: ExportedPart[] = [];
  try {
    for (let k = 0; k < parts.length; k++) {
      if (opts.signal?.aborted) throw cancelled();
      const part = parts[k]!;
      const file = partFile(out, k + 1, parts.length, v.archiveMode === 'piece' ? '盒' : '卷');
      opts.onProgress?.({
        phase: 'write',
        done: k,
        total: parts.length,
        message: `正在导出封卷时保存的第 ${part.volumeNo} 卷`,
      });
      await copySealedOut(ctx, part.sha256, file, parts.length > 1 ? `第 ${part.volumeNo} 卷` : '本卷');
      written.push(file);
      exported.push({ ...part, file });
    }
    if (opts.signal?.aborted) throw cancelled();
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
  const sha256 = combinedSha(exported);
  const matchesSeal = sha256 === v.sha256;
  const pages = exported.reduce((a, x) => a + x.pages, 0);
  const itemsCount = exported.reduce((a, x) => a + x.items, 0);
  const check = v.checkJson
    ? (JSON.parse(v.checkJson) as CheckResult)
    : { checkedAt: v.sealedAt ?? '', ok: true, errors: 0, warnings: 0, problems: [] };
  const ms = Date.now() - t0;
  ctx.db
    .insert(volumeExports)
    .values({
      volumeId: v.id,
      at: ctx.now().toISOString(),
      actor: ctx.actor,
      kind: 'reexport',
      file: exported[0]!.file,
      pages,
      items: itemsCount,
      sha256,
      partsJson: JSON.stringify(exported),
      problems: check.problems.length,
      matchesSeal,
      ms,
    })
    .run();
  return {
    volumeId: v.id,
    file: exported[0]!.file,
    pages,
    items: itemsCount,
    volumes: exported,
    sha256,
    sealed: true,
    matchesSeal,
    source: 'stored',
    notice: null,
    check,
    ms,
  };
}
