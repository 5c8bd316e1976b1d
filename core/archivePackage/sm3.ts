/**
 * SM3 (GB/T 32905-2016), the 国密 hash of the package's digests, streaming: sm-crypto's sm3() copies its input into
 * a JS array (about 8 bytes of heap per byte hashed), too much for scans of tens of MB, and Electron's BoringSSL
 * has no SM3. This is the same algorithm over Uint32 words, fed in chunks; the tests check it against sm-crypto and
 * the standard's vectors.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const T = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const s = j % 32;
  T[j] = s ? (t << s) | (t >>> (32 - s)) : t;
}

export class Sm3 {
  private v = Uint32Array.from(IV);
  private w = new Int32Array(68);
  private w1 = new Int32Array(64);
  private block = new Uint8Array(64);
  private used = 0;
  private length = 0;

  update(data: Uint8Array): this {
    let off = 0;
    this.length += data.length;
    if (this.used) {
      const n = Math.min(64 - this.used, data.length);
      this.block.set(data.subarray(0, n), this.used);
      this.used += n;
      off = n;
      if (this.used < 64) return this;
      this.compress(this.block, 0);
      this.used = 0;
    }
    for (; off + 64 <= data.length; off += 64) this.compress(data, off);
    if (off < data.length) {
      this.block.set(data.subarray(off), 0);
      this.used = data.length - off;
    }
    return this;
  }

  digest(): string {
    const bits = this.length * 8;
    const padLen = ((this.used < 56 ? 56 : 120) - this.used) as number;
    const tail = new Uint8Array(padLen + 8);
    tail[0] = 0x80;
    const dv = new DataView(tail.buffer);
    dv.setUint32(padLen, Math.floor(bits / 0x100000000));
    dv.setUint32(padLen + 4, bits >>> 0);
    const len = this.length;
    this.update(tail);
    this.length = len;
    return Array.from(this.v, (x) => x.toString(16).padStart(8, '0')).join('');
  }

  private compress(b: Uint8Array, off: number) {
    const w = this.w;
    const w1 = this.w1;
    for (let i = 0; i < 16; i++) {
      const k = off + i * 4;
      w[i] = (b[k]! << 24) | (b[k + 1]! << 16) | (b[k + 2]! << 8) | b[k + 3]!;
    }
    for (let j = 16; j < 68; j++) {
      const x = w[j - 16]! ^ w[j - 9]! ^ ((w[j - 3]! << 15) | (w[j - 3]! >>> 17));
      w[j] =
        x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[j - 13]! << 7) | (w[j - 13]! >>> 25)) ^ w[j - 6]!;
    }
    for (let j = 0; j < 64; j++) w1[j] = w[j]! ^ w[j + 4]!;
    const v = this.v;
    let a = v[0]! | 0;
    let bb = v[1]! | 0;
    let c = v[2]! | 0;
    let d = v[3]! | 0;
    let e = v[4]! | 0;
    let f = v[5]! | 0;
    let g = v[6]! | 0;
    let h = v[7]! | 0;
    for (let j = 0; j < 64; j++) {
      const a12 = (a << 12) | (a >>> 20);
      const s = (a12 + e + T[j]!) | 0;
      const ss1 = (s << 7) | (s >>> 25);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ bb ^ c : (a & bb) | (a & c) | (bb & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + w1[j]!) | 0;
      const tt2 = (gg + h + ss1 + w[j]!) | 0;
      d = c;
      c = (bb << 9) | (bb >>> 23);
      bb = a;
      a = tt1;
      h = g;
      g = (f << 19) | (f >>> 13);
      f = e;
      e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
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

export const sm3Hex = (data: Uint8Array | string): string =>
  new Sm3().update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).digest();

export interface FileDigest {
  size: number;
  sm3: string;
  sha256: string;
}

/** Both digests of a file in one read. */
export async function digestFile(file: string): Promise<FileDigest> {
  const s = new Sm3();
  const h = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    s.update(b);
    h.update(b);
    size += b.length;
  }
  return { size, sm3: s.digest(), sha256: h.digest('hex') };
}

export function digestBytes(data: Uint8Array): FileDigest {
  return {
    size: data.length,
    sm3: sm3Hex(data),
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
  };
}
