import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from './context';
import { dataPaths } from './context';
import { validation } from './errors';
import { writeConfig, readConfig } from './userData';

/** Looks like a network share (UNC path or a typical mount point): WAL is unsafe there. */
export function looksLikeNetworkPath(dir: string): boolean {
  return /^\\\\/.test(dir) || /^\/\/[^/]/.test(dir) || /^\/(mnt|media)\/(smb|nfs|cifs|net)/i.test(dir);
}

export function dataDirInfo(ctx: AppContext) {
  const p = dataPaths(ctx.dataDir);
  const n = (t: string) => (ctx.sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
  /** A brand-new register: the app offers to fill in demo data. */
  const empty = n('units') + n('notices') + n('pledges') + n('hazards') === 0;
  return { ...p, onNetwork: looksLikeNetworkPath(ctx.dataDir), empty };
}

/**
 * Lets the clerk choose another data directory. An empty folder gets a fresh database; a folder holding an
 * anwei.db opens that one. Takes effect after the app restarts.
 */
export async function chooseDataDir(ctx: AppContext): Promise<{ dataDir: string; restarting: boolean } | null> {
  if (!ctx.userDataDir) throw validation('命令行下请用 --data 参数指定数据目录');
  const dir = await ctx.ports.pickFolder({ title: '选择数据目录（数据库和附件都保存在这里）' });
  if (!dir) return null;
  const abs = path.resolve(dir);
  if (looksLikeNetworkPath(abs))
    throw validation('数据目录不能放在网络共享文件夹上（多人同时写入会损坏数据库），请选择本机硬盘上的文件夹');
  try {
    fs.mkdirSync(abs, { recursive: true });
    const probe = path.join(abs, `.anwei-write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch {
    throw validation(`文件夹“${abs}”无法写入，请选择有写入权限的文件夹`);
  }
  const entries = fs.readdirSync(abs).filter((f) => !f.startsWith('.'));
  if (entries.length > 0 && !fs.existsSync(path.join(abs, 'anwei.db'))) {
    throw validation(`文件夹“${abs}”不是空的，也不是已有的数据目录。请选择一个空文件夹，或原有的数据目录`);
  }
  writeConfig(ctx.userDataDir, { ...readConfig(ctx.userDataDir), dataDir: abs });
  await ctx.ports.relaunch();
  return { dataDir: abs, restarting: true };
}

export async function showDataDir(ctx: AppContext): Promise<void> {
  await ctx.ports.showInFolder(dataPaths(ctx.dataDir).dbFile);
}
