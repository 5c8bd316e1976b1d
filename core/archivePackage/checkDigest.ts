/**
 * Digests of package files: SM3 (GB/T 32905-2016, the 国密 hash archives ask for) and SHA-256, computed in one
 * streaming pass so a file of hundreds of MB is never held whole. Node's OpenSSL has SM3; Electron's BoringSSL does
 * not, so the app falls back to the small streaming SM3 below (sm-crypto's hashes a whole byte array at once).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
// All arithmetic stays in signed int32 (`| 0`): values above 2^31 as doubles would make it ten times slower.
const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const T = Int32Array.from({ length: 64 }, (_, j) => {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const n = j % 32;
  return n ? rotl(t, n) : t | 0;
});

/** A streaming SM3, the same interface as a node Hash for what is used here. */
export class Sm3 {
  private v = Int32Array.from(IV);
  private readonly block = new Uint8Array(64);
  private used = 0;
  private length = 0;
  private readonly w = new Int32Array(68);
  private readonly w1 = new Int32Array(64);

  update(data: Uint8Array | string): this {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.length += bytes.length;
    let i = 0;
    if (this.used) {
      const take = Math.min(64 - this.used, bytes.length);
      this.block.set(bytes.subarray(0, take), this.used);
      this.used += take;
      i = take;
      if (this.used < 64) return this;
      this.compress(this.block, 0);
      this.used = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) this.compress(bytes, i);
    if (i < bytes.length) {
      this.block.set(bytes.subarray(i), 0);
      this.used = bytes.length - i;
    }
    return this;
  }

  digest(_encoding: 'hex'): string {
    const bits = this.length * 8;
    const tail = new Uint8Array(this.used + 9 <= 64 ? 64 : 128);
    tail.set(this.block.subarray(0, this.used));
    tail[this.used] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
    view.setUint32(tail.length - 4, bits >>> 0);
    for (let i = 0; i < tail.length; i += 64) this.compress(tail, i);
    return Array.from(this.v, (x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
  }

  private compress(b: Uint8Array, at: number): void {
    const w = this.w;
    const w1 = this.w1;
    for (let j = 0; j < 16; j++) {
      const k = at + 4 * j;
      w[j] = (b[k]! << 24) | (b[k + 1]! << 16) | (b[k + 2]! << 8) | b[k + 3]!;
    }
    for (let j = 16; j < 68; j++) {
      const x = w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15);
      w[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!;
    }
    for (let j = 0; j < 64; j++) w1[j] = w[j]! ^ w[j + 4]!;
    const v = this.v;
    let a = v[0]!;
    let bb = v[1]!;
    let c = v[2]!;
    let d = v[3]!;
    let e = v[4]!;
    let f = v[5]!;
    let g = v[6]!;
    let h = v[7]!;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + T[j]!) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ bb ^ c : (a & bb) | (a & c) | (bb & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + w1[j]!) | 0;
      const tt2 = (gg + h + ss1 + w[j]!) | 0;
      d = c;
      c = rotl(bb, 9);
      bb = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
    }
    v[0] = v[0]! ^ a;
    v[1] = v[1]! ^ bb;
    v[2] = v[2]! ^ c;
    v[3] = v[3]! ^ d;
    v[4] = v[4]! ^ e;
    v[5] = v[5]! ^ f;
    v[6] = v[6]! ^ g;
    v[7] = v[7]! ^ h;
  }
}

let nativeSm3: boolean | null = null;

/** A new SM3 hash: OpenSSL's when the runtime has it, else the streaming one above (same results). */
export function createSm3(): { update(d: Uint8Array | string): unknown; digest(e: 'hex'): string } {
  if (nativeSm3 === null) nativeSm3 = crypto.getHashes().includes('sm3');
  return nativeSm3 ? crypto.createHash('sm3') : new Sm3();
}

/** SM3 of bytes or text, hex. */
export function sm3Of(data: Uint8Array | string): string {
  const h = createSm3();
  h.update(data);
  return h.digest('hex');
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
  return { size, sm3: a.digest('hex'), sha256: b.digest('hex') };
}

/** Size, SM3 and SHA-256 of bytes already in memory. */
export function digestBytes(buf: Uint8Array): FileDigests {
  return { size: buf.length, sm3: sm3Of(buf), sha256: crypto.createHash('sha256').update(buf).digest('hex') };
}
