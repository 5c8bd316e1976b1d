/**
 * The one reader of a JPEG's headers: its size, colour components (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK) and EXIF
 * orientation, from the markers before the image data (no decoding). Used when a scan is added, probed for
 * binding, and checked for PDF/A.
 */
export interface JpegInfo {
  width: number;
  height: number;
  /** Colour components of the frame. */
  channels: number;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
}

export function jpegInfo(buf: Uint8Array): JpegInfo | null {
  let i = 2;
  let orientation = 1;
  const u16 = (o: number) => (buf[o]! << 8) | buf[o + 1]!;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1]!;
    // SOI, TEM and RSTn have no length; 0xFF is fill before a marker.
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const len = u16(i + 2);
    if (marker === 0xe1 && Buffer.from(buf.subarray(i + 4, i + 10)).toString('latin1') === 'Exif\0\0') {
      orientation = exifOrientation(Buffer.from(buf.subarray(i + 10, i + 2 + len))) ?? 1;
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16(i + 5), width: u16(i + 7), channels: buf[i + 9]!, orientation };
    }
    i += 2 + len;
  }
  return null;
}

function exifOrientation(tiff: Buffer): number | null {
  const entry = orientationEntry(tiff, 0, tiff.length);
  return entry && entry.value >= 1 && entry.value <= 8 ? entry.value : null;
}

/** Where a JPEG's EXIF orientation value is stored, its byte order and value (any, even outside 1–8). */
export interface OrientationEntry {
  /** Byte offset of the 16-bit value in the buffer searched. */
  offset: number;
  littleEndian: boolean;
  value: number;
}

/**
 * The orientation tag (0x0112) of the TIFF structure at buf[t..end), or null. Reads IFD0 only, which is where
 * cameras and scanners put it.
 */
function orientationEntry(buf: Buffer, t: number, end: number): OrientationEntry | null {
  if (t + 8 > end) return null;
  const le = buf.subarray(t, t + 2).toString('latin1') === 'II';
  const r16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const r32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const ifd = t + r32(t + 4);
  if (ifd + 2 > end) return null;
  const n = r16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > end) return null;
    if (r16(e) === 0x0112) return { offset: e + 8, littleEndian: le, value: r16(e + 8) };
  }
  return null;
}

/**
 * The EXIF orientation entry of a JPEG, searched in its APP1 Exif segments before the image data (SOS), so that
 * a caller can rewrite it in place; null when there is none.
 */
export function jpegOrientationEntry(buf: Buffer): OrientationEntry | null {
  let i = 2;
  while (i + 4 < buf.length && buf[i] === 0xff) {
    const marker = buf[i + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xda) return null; // image data: no more headers
    const len = buf.readUInt16BE(i + 2);
    if (marker === 0xe1 && buf.subarray(i + 4, i + 10).toString('latin1') === 'Exif\0\0') {
      const t = i + 10;
      const end = Math.min(i + 2 + len, buf.length);
      const entry = orientationEntry(buf, t, end);
      if (entry) return entry;
    }
    i += 2 + len;
  }
  return null;
}
