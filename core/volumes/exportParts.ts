/**
 * The files of a volume exported in several 卷 (or 盒): each part's file name beside the one the clerk chose,
 * and the one hash that stands for them all (the part's own SHA-256 when there is only one).
 */
import crypto from 'node:crypto';
import path from 'node:path';

/** The file of part k of n: `outFile` itself when there is one part, else “…-第k卷.pdf” beside it. */
export function partFile(outFile: string, k: number, n: number, unit: '卷' | '盒' = '卷'): string {
  if (n === 1) return outFile;
  const ext = path.extname(outFile) || '.pdf';
  return path.join(path.dirname(outFile), `${path.basename(outFile, ext)}-第${k}${unit}${ext}`);
}

export const combinedSha = (parts: { sha256: string }[]) =>
  parts.length === 1
    ? parts[0]!.sha256
    : crypto
        .createHash('sha256')
        .update(parts.map((p) => p.sha256).join('\n'))
        .digest('hex');
