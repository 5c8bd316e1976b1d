import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = '安委台账';

/** Electron's app.getPath('userData') for this product, computed without Electron (for the CLI). */
export function defaultUserDataDir(): string {
  if (process.platform === 'win32') {
    return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

interface AppConfig {
  dataDir?: string;
}

function configFile(userData: string) {
  return path.join(userData, 'config.json');
}

export function readConfig(userData: string): AppConfig {
  try {
    return JSON.parse(fs.readFileSync(configFile(userData), 'utf8')) as AppConfig;
  } catch {
    return {};
  }
}

export function writeConfig(userData: string, cfg: AppConfig): void {
  fs.mkdirSync(userData, { recursive: true });
  const tmp = `${configFile(userData)}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cfg, null, 2));
  fs.renameSync(tmp, configFile(userData));
}

/** The data directory: explicit choice, else ANWEI_DATA, else the one chosen in the app, else <userData>/data. */
export function resolveDataDir(explicit?: string, userData = defaultUserDataDir()): string {
  if (explicit) return path.resolve(explicit);
  if (process.env.ANWEI_DATA) return path.resolve(process.env.ANWEI_DATA);
  return readConfig(userData).dataDir ?? path.join(userData, 'data');
}
