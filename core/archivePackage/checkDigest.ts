/**
 * Digests for the check: SM3 and SHA-256 of a file in one streaming pass. OpenSSL's SM3 (Node) when the runtime has
 * it, about three times faster; the package's own streaming SM3 (sm3.ts) otherwise — Electron's BoringSSL has none.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Sm3 } from './sm3';

interface Hash {
  update(d: Uint8Array): unknown;
  digest(): string;
}

let nativeSm3: boolean | null = null;

/** A new SM3 hash (hex digest), native when available. */
export function createSm3(): Hash {
  if (nativeSm3 === null) nativeSm3 = crypto.getHashes().includes('sm3');
  if (!nativeSm3) return new Sm3();
  const h = crypto.createHash('sm3');
  return { update: (d) => h.update(d), digest: () => h.digest('hex') };
}

/** SM3 of bytes or text, hex. */
export function sm3Of(data: Uint8Array | string): string {
  const h = createSm3();
  h.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  return h.digest();
}

export interface FileDigests {
  size: number;
  sm3: string;
  sha256: string;
}

/** Size, SM3 and SHA-256 of a file in one streaming pass. */
export async function digestFile(file: string): Promise<FileDigests> {
  const a = createSm3();
  const b = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const c = chunk as Buffer;
    size += c.length;
    a.update(c);
    b.update(c);
  }
  return { size, sm3: a.digest(), sha256: b.digest('hex') };
}

/** Size, SM3 and SHA-256 of bytes already in memory. */
export function digestBytes(buf: Uint8Array): FileDigests {
  return { size: buf.length, sm3: sm3Of(buf), sha256: crypto.createHash('sha256').update(buf).digest('hex') };
}
