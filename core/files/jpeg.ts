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
  if (tiff.length < 8) return null;
  const le = tiff.subarray(0, 2).toString('latin1') === 'II';
  const r16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const r32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = r32(4);
  if (ifd + 2 > tiff.length) return null;
  const n = r16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > tiff.length) return null;
    if (r16(e) === 0x0112) {
      const v = r16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}
