/**
 * EXIF orientation for the OFD export: OFD viewers differ on whether they honour a JPEG's EXIF orientation, so
 * the copy embedded has it cleared (clearJpegOrientation) and the turn or mirroring it asked for is drawn by the
 * image's CTM instead (exifMatrix). Only the TIFF orientation tag of the APP1 Exif segment is changed; core/files/jpeg.ts finds it.
 */
import type { Matrix } from '../../ofd/page';
import { jpegOrientationEntry } from '../../files/jpeg';

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
  const entry = jpegOrientationEntry(buf);
  if (!entry || entry.value < 2 || entry.value > 8) return { bytes: buf, orientation: 1 };
  const copy = Buffer.from(buf);
  if (entry.littleEndian) copy.writeUInt16LE(1, entry.offset);
  else copy.writeUInt16BE(1, entry.offset);
  return { bytes: copy, orientation: entry.value };
}
