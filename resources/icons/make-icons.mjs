// Regenerates icon.png (512×512), icon.ico (16–256) and the Linux sizes in png/ from icon.svg with headless
// Chromium (Debian: apt-get install chromium fonts-wqy-microhei). Run: node resources/icons/make-icons.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-icons-'));
const svg = path.join(dir, 'icon.svg');

function render(size) {
  const html = path.join(tmp, `i${size}.html`);
  const out = path.join(tmp, `icon-${size}.png`);
  fs.writeFileSync(
    html,
    `<html><body style="margin:0;background:transparent"><img src="file://${svg}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  const r = spawnSync('chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=00000000',
    `--window-size=${size},${size}`, `--screenshot=${out}`, `file://${html}`,
  ], { stdio: 'pipe' });
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`chromium failed for ${size}: ${r.stderr}`);
  return fs.readFileSync(out);
}

/** An .ico whose entries are PNG images (supported since Windows Vista). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512];
const pngs = new Map(sizes.map((s) => [s, render(s)]));
fs.mkdirSync(path.join(dir, 'png'), { recursive: true });
for (const s of sizes) fs.writeFileSync(path.join(dir, 'png', `${s}x${s}.png`), pngs.get(s));
fs.writeFileSync(path.join(dir, 'icon.png'), pngs.get(512));
fs.writeFileSync(path.join(dir, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngs.get(size) }))));
fs.rmSync(tmp, { recursive: true, force: true });
console.log('✓ icon.png, icon.ico, png/*.png');
