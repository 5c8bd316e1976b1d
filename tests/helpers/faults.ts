/** Fault injection for the tests: small and read-only tmpfs mounts (root only), hostile .docx files. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipParts } from './packages';

const mounted: string[] = [];

function tryMount(dir: string, opts: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { stdio: 'pipe' });
    mounted.push(dir);
    return true;
  } catch {
    return false;
  }
}

/** Whether this process can mount a tmpfs (root, mount allowed); probed once. */
export const canMount: boolean = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-mount-probe-'));
  const ok = tryMount(probe, 'size=64k');
  if (ok) unmount(probe);
  fs.rmSync(probe, { recursive: true, force: true });
  return ok;
})();

export const SKIP_MOUNT = '需要 root 权限挂载 tmpfs（模拟磁盘已满、只读文件夹），当前环境不能挂载：跳过';
if (!canMount) console.warn(SKIP_MOUNT);

/** Mounts a tmpfs of `size` (e.g. "64k") on `dir` (created if needed). */
export function mountTmpfs(dir: string, size: string): void {
  fs.mkdirSync(dir, { recursive: true });
  if (!tryMount(dir, `size=${size}`)) throw new Error(`mount tmpfs on ${dir} failed`);
}

/** Makes a mounted tmpfs read-only (fails while a file on it is open for writing). */
export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
  const i = mounted.indexOf(dir);
  if (i >= 0) mounted.splice(i, 1);
}

/** Unmounts everything mounted by this file (afterEach/afterAll). */
export function unmountAll(): void {
  for (const d of [...mounted].reverse()) unmount(d);
}

/** Every entry (files and folders) under `dir`, relative, sorted: the listing compared before and after. */
export function listing(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

/** A stored-zip .docx whose word/document.xml body is `bodyXml` as given (no escaping: for hostile references). */
export function rawDocx(bodyXml: string): Buffer {
  const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`;
  return zipParts([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    { name: 'word/document.xml', data: Buffer.from(doc, 'utf8') },
  ]);
}
