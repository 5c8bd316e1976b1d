import fs from 'node:fs';
import path from 'node:path';

/** The resources folder: next to the sources (tests, dev), next to the bundle (dist) or in the packaged app. */
export function findResourcesDir(): string {
  const rp = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.ANWEI_RESOURCES,
    path.join(__dirname, '..', 'resources'),
    path.join(__dirname, '..', '..', 'resources'),
    rp ? path.join(rp, 'resources') : undefined,
  ].filter((p): p is string => !!p);
  for (const c of candidates) if (fs.existsSync(path.join(c, 'fonts'))) return c;
  throw new Error(`找不到程序资源文件夹 resources（已查找：${candidates.join('；')}）`);
}
