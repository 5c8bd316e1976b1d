/**
 * Generated stand-ins for scanned 明白书 in the demo data: an A4 page as a PNG (a paper-grey sheet, the form's
 * ruled lines, two handwritten-looking signatures and a red seal), different for every record, so a first-time
 * user sees 明白书 with scans and volumes with bound pages. No text is drawn (that would need a rasterizer);
 * the printed form itself is the app's own PDF.
 */
import { encodePng } from '../files/png';
import type { Rng } from '../platform/seededRandom';

const W = 620; // ≈ 75 dpi A4
const H = 877;

class Raster {
  readonly px: Uint8Array;
  constructor(
    readonly w: number,
    readonly h: number,
    paper: [number, number, number],
  ) {
    this.px = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) this.px.set(paper, i * 3);
  }
  dot(x: number, y: number, c: [number, number, number], r = 1) {
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        const px = Math.round(x + dx);
        const py = Math.round(y + dy);
        if (px < 0 || py < 0 || px >= this.w || py >= this.h || dx * dx + dy * dy > r * r + 0.5) continue;
        this.px.set(c, (py * this.w + px) * 3);
      }
  }
  line(x0: number, y0: number, x1: number, y1: number, c: [number, number, number], r = 0) {
    const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= n; i++) this.dot(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n, c, r);
  }
}

const INK: [number, number, number] = [40, 44, 60];
const RULE: [number, number, number] = [150, 150, 150];
const SEAL: [number, number, number] = [205, 40, 40];

function signature(img: Raster, r: Rng, x: number, y: number) {
  let px = x;
  let py = y;
  const strokes = r.int(2, 3);
  for (let s = 0; s < strokes; s++) {
    for (let k = 0; k < 9; k++) {
      const nx = px + r.int(2, 7);
      const ny = y + Math.sin((k + s * 3) * (0.6 + r.next())) * r.int(6, 14);
      img.line(px, py, nx, ny, INK, 1);
      px = nx;
      py = ny;
    }
    px += r.int(6, 14);
  }
}

/** One generated scan of a signed 明白书 (PNG bytes); the same random stream gives the same image. */
export function demoPledgeScan(r: Rng): Buffer {
  const shade = 244 + r.int(-4, 6);
  const img = new Raster(W, H, [shade, shade, shade - 6]);
  // The form: a title bar, the body's ruled lines, the signature block, as a scanner sees them.
  const tilt = (r.next() - 0.5) * 0.01;
  const at = (x: number, y: number): [number, number] => [x + y * tilt, y - x * tilt];
  const rule = (x0: number, y0: number, x1: number, y1: number, c = RULE, w = 0) => {
    const [a, b] = at(x0, y0);
    const [e, f] = at(x1, y1);
    img.line(a, b, e, f, c, w);
  };
  rule(190, 90, 430, 90, INK, 2);
  for (let y = 150; y < 560; y += 28) rule(80, y, 80 + r.int(380, 460), y);
  rule(80, 640, 290, 640);
  rule(330, 640, 540, 640);
  const [s1x, s1y] = at(110, 625);
  signature(img, r, s1x, s1y);
  const [s2x, s2y] = at(360, 625);
  signature(img, r, s2x, s2y);
  // The committee's seal, over the date line.
  const [cx, cy] = at(440 + r.int(-10, 10), 730 + r.int(-8, 8));
  for (let a = 0; a < 360; a += 0.5) {
    const t = (a * Math.PI) / 180;
    img.dot(cx + Math.cos(t) * 52, cy + Math.sin(t) * 52, SEAL, 2);
  }
  for (let k = 0; k < 5; k++) {
    const t = (-90 + k * 72) * (Math.PI / 180);
    const u = (-90 + ((k + 2) % 5) * 72) * (Math.PI / 180);
    img.line(cx + Math.cos(t) * 18, cy + Math.sin(t) * 18, cx + Math.cos(u) * 18, cy + Math.sin(u) * 18, SEAL, 1);
  }
  return encodePng(W, H, img.px);
}
