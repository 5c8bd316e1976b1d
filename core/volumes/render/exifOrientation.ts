/**
 * EXIF orientation for the OFD export: OFD viewers differ on whether they honour a JPEG's EXIF orientation, so
 * the copy embedded has it cleared (clearJpegOrientation) and the turn or mirroring it asked for is drawn by the
 * image's CTM instead (exifMatrix). Only the TIFF orientation tag of the APP1 Exif segment is read or changed.
 */
import type { Matrix } from '../../ofd/writer';

/**
 * Maps an image's unit square (as stored) to its pixels shown upright per its EXIF orientation 1–8 (w × h the
 * stored size; orientations 5–8 show it h wide and w high).
 */
export function exifMatrix(o: number, w: number, h: number): Matrix {
  switch (o) {
    case 2:
      return [-w, 0, 0, h, w, 0];
    case 3:
      return [-w, 0, 0, -h, w, h];
    case 4:
      return [w, 0, 0, -h, 0, h];
    case 5:
      return [0, w, h, 0, 0, 0];
    case 6:
      return [0, w, -h, 0, h, 0];
    case 7:
      return [0, -w, -h, 0, h, w];
    case 8:
      return [0, -w, h, 0, 0, w];
    default:
      return [w, 0, 0, h, 0, 0];
  }
}

/** A copy of a JPEG whose EXIF orientation (if any, not 1) is set to 1, and the orientation it had. */
export function clearJpegOrientation(buf: Buffer): { bytes: Buffer; orientation: number } {
  let i = 2;
  while (i + 4 < buf.length && buf[i] === 0xff) {
    const marker = buf[i + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xda) break; // image data: no more headers
    const len = buf.readUInt16BE(i + 2);
    if (marker === 0xe1 && buf.subarray(i + 4, i + 10).toString('latin1') === 'Exif\0\0') {
      const t = i + 10;
      const end = i + 2 + len;
      const le = buf.subarray(t, t + 2).toString('latin1') === 'II';
      const r16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
      const r32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
      if (t + 8 > end) break;
      const ifd = t + r32(t + 4);
      if (ifd + 2 > end) break;
      const n = r16(ifd);
      for (let k = 0; k < n; k++) {
        const e = ifd + 2 + k * 12;
        if (e + 12 > end) break;
        if (r16(e) !== 0x0112) continue;
        const o = r16(e + 8);
        if (o < 2 || o > 8) return { bytes: buf, orientation: 1 };
        const copy = Buffer.from(buf);
        if (le) copy.writeUInt16LE(1, e + 8);
        else copy.writeUInt16BE(1, e + 8);
        return { bytes: copy, orientation: o };
      }
    }
    i += 2 + len;
  }
  return { bytes: buf, orientation: 1 };
}
