/**
 * TrueType subsets for embedding in OFD: only the glyphs a document uses, as a standalone font a viewer can load
 * (its own cmap, so characters are found by their Unicode code points as OFD's TextCode gives them). fontkit
 * writes the glyph tables of the subset (head, hhea, maxp, hmtx, loca, glyf, cvt, prep, fpgm, with composite
 * glyphs' components included); this adds a cmap (format 4 for the BMP, format 12 for all), post (format 3),
 * and the original name and OS/2 tables, and fixes the checksums. A CJK font of 4–10 MB becomes tens of KB.
 */

interface FontkitLike {
  createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array; glyphs: number[] };
  glyphForCodePoint(cp: number): { id: number };
  hasGlyphForCodePoint(cp: number): boolean;
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream: { buffer: Uint8Array };
}

function tableDirectory(font: Uint8Array): Map<string, { offset: number; length: number }> {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const n = v.getUint16(4);
  const out = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!);
    out.set(tag, { offset: v.getUint32(rec + 8), length: v.getUint32(rec + 12) });
  }
  return out;
}

function checksum(b: Uint8Array): number {
  const padded = new Uint8Array((b.length + 3) & ~3);
  padded.set(b);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/** cmap with a format 4 (BMP) and a format 12 (all) subtable, both for Windows Unicode. */
function cmapTable(map: [number, number][]): Uint8Array {
  map.sort((a, b) => a[0] - b[0]);
  // format 12: groups of consecutive code points with consecutive glyph ids
  const groups: [number, number, number][] = [];
  for (const [cp, gid] of map) {
    const g = groups[groups.length - 1];
    if (g && cp === g[1] + 1 && gid === g[2] + (cp - g[0])) g[1] = cp;
    else groups.push([cp, cp, gid]);
  }
  const f12 = new DataView(new ArrayBuffer(16 + groups.length * 12));
  f12.setUint16(0, 12);
  f12.setUint32(4, 16 + groups.length * 12);
  f12.setUint32(12, groups.length);
  groups.forEach(([s, e, g], i) => {
    f12.setUint32(16 + i * 12, s);
    f12.setUint32(20 + i * 12, e);
    f12.setUint32(24 + i * 12, g);
  });
  // format 4: one segment per BMP code point run (delta form), then the final 0xFFFF segment
  const bmp = map.filter(([cp]) => cp < 0xffff);
  const segs: { start: number; end: number; delta: number }[] = [];
  for (const [cp, gid] of bmp) {
    const s = segs[segs.length - 1];
    if (s && cp === s.end + 1 && ((gid - cp) & 0xffff) === s.delta) s.end = cp;
    else segs.push({ start: cp, end: cp, delta: (gid - cp) & 0xffff });
  }
  segs.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segs.length;
  const len4 = 16 + n * 8;
  const f4 = new DataView(new ArrayBuffer(len4));
  let p2 = 1;
  let e = 0;
  while (p2 * 2 <= n) {
    p2 *= 2;
    e++;
  }
  f4.setUint16(0, 4);
  f4.setUint16(2, len4);
  f4.setUint16(6, n * 2);
  f4.setUint16(8, p2 * 2);
  f4.setUint16(10, e);
  f4.setUint16(12, n * 2 - p2 * 2);
  segs.forEach((s, i) => {
    f4.setUint16(14 + i * 2, s.end);
    f4.setUint16(16 + n * 2 + i * 2, s.start);
    f4.setUint16(16 + n * 4 + i * 2, s.delta);
    f4.setUint16(16 + n * 6 + i * 2, 0);
  });
  const head = new DataView(new ArrayBuffer(4 + 2 * 8));
  head.setUint16(2, 2);
  head.setUint16(4, 3);
  head.setUint16(6, 1);
  head.setUint32(8, 20);
  head.setUint16(12, 3);
  head.setUint16(14, 10);
  head.setUint32(16, 20 + len4);
  const out = new Uint8Array(20 + len4 + f12.byteLength);
  out.set(new Uint8Array(head.buffer), 0);
  out.set(new Uint8Array(f4.buffer), 20);
  out.set(new Uint8Array(f12.buffer), 20 + len4);
  return out;
}

/** Assembles an sfnt from its tables (sorted, 4-byte aligned, checksums, head.checkSumAdjustment). */
function sfnt(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  let p2 = 1;
  let e = 0;
  while (p2 * 2 <= n) {
    p2 *= 2;
    e++;
  }
  let size = 12 + n * 16;
  for (const t of tags) size += (tables.get(t)!.length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, p2 * 16);
  v.setUint16(8, e);
  v.setUint16(10, n * 16 - p2 * 16);
  let off = 12 + n * 16;
  let headAt = -1;
  tags.forEach((t, i) => {
    let data = tables.get(t)!;
    if (t === 'head') {
      data = data.slice();
      new DataView(data.buffer).setUint32(8, 0);
      headAt = off;
    }
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = t.charCodeAt(k);
    v.setUint32(rec + 4, checksum(data));
    v.setUint32(rec + 8, off);
    v.setUint32(rec + 12, data.length);
    out.set(data, off);
    off += (data.length + 3) & ~3;
  });
  if (headAt >= 0) v.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/**
 * A standalone TrueType subset of `font` holding the glyphs of `codePoints` (those it has); null when the font
 * is not TrueType-outlined (CFF) or cannot be subset — the caller then embeds the whole file.
 */
export function subsetTrueType(font: unknown, codePoints: Iterable<number>): Uint8Array | null {
  const f = font as FontkitLike;
  try {
    if (!f.directory?.tables?.glyf || !f.stream?.buffer) return null;
    const subset = f.createSubset();
    const cmap: [number, number][] = [];
    for (const cp of new Set(codePoints)) {
      if (!f.hasGlyphForCodePoint(cp)) continue;
      cmap.push([cp, subset.includeGlyph(f.glyphForCodePoint(cp).id)]);
    }
    const glyphs = subset.encode();
    const tables = tableDirectory(glyphs);
    const out = new Map<string, Uint8Array>();
    for (const [tag, t] of tables) out.set(tag, glyphs.subarray(t.offset, t.offset + t.length));
    const src = f.stream.buffer;
    const original = (tag: string) => {
      const t = f.directory.tables[tag];
      return t ? src.subarray(t.offset, t.offset + t.length) : null;
    };
    out.set('cmap', cmapTable(cmap));
    for (const tag of ['name', 'OS/2']) {
      const t = original(tag);
      if (t) out.set(tag, t);
    }
    const post = original('post');
    const p3 = new Uint8Array(32);
    if (post && post.length >= 32) p3.set(post.subarray(0, 32));
    new DataView(p3.buffer).setUint32(0, 0x00030000);
    out.set('post', p3);
    return sfnt(out);
  } catch {
    return null;
  }
}
