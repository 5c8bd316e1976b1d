import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));
// electron-builder's own YAML parser and configuration validator (dependencies of electron-builder).
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(
    config: unknown,
    debugLogger: { isEnabled: boolean; add(k: string, v: unknown): void },
  ): Promise<void>;
};

interface TargetCfg {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { icon: string; target: TargetCfg[] };
  nsis: Record<string, unknown>;
  linux: {
    icon: string;
    executableName: string;
    category: string;
    maintainer: string;
    synopsis: string;
    target: TargetCfg[];
  };
}

const text = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
const cfg = yaml.load(text) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  productName: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const quiet = { isEnabled: false, add() {} };

describe('electron-builder.yml', () => {
  it('is valid for this electron-builder (its own schema check)', async () => {
    await expect(validateConfiguration(cfg, quiet)).resolves.toBeUndefined();
    // The check is real: a misspelt fuse is refused.
    const bad = { ...cfg, electronFuses: { ...cfg.electronFuses, runAsnode: false } };
    await expect(validateConfiguration(bad, quiet)).rejects.toThrow(/electronFuses/);
  });

  it('names the product and writes to release/', () => {
    expect(cfg.productName).toBe('安委台账');
    expect(cfg.productName).toBe(pkg.productName);
    expect(cfg.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(cfg.directories.output).toBe('release');
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });

  it('flips the security fuses', () => {
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('packs the bundles in an asar, unpacks the native addon and rebuilds it for Electron', () => {
    expect(cfg.asar).toBe(true);
    expect(cfg.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(cfg.npmRebuild).toBe(true);
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(cfg.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
    // Everything the main bundle requires at run time is a production dependency, so it is packed.
    for (const dep of ['better-sqlite3', 'pdfkit', 'exceljs', '@e965/xlsx'])
      expect(pkg.dependencies).toHaveProperty(dep);
  });

  it('puts migrations and fonts where db/open.ts and core/platform/paths.ts look in the packaged app', () => {
    const migrations = cfg.extraResources.find((r) => r.from === 'db/migrations')!;
    expect(migrations.to).toBe('migrations'); // <resourcesPath>/migrations
    expect(fs.existsSync(path.join(ROOT, 'db', 'migrations', 'meta', '_journal.json'))).toBe(true);
    const res = cfg.extraResources.find((r) => r.from === 'resources')!;
    expect(res.to).toBe('resources'); // <resourcesPath>/resources/fonts
    expect(res.filter).toContain('fonts/**');
    expect(fs.readdirSync(path.join(ROOT, 'resources', 'fonts')).some((f) => f.endsWith('.ttf'))).toBe(true);
    const dbOpen = fs.readFileSync(path.join(ROOT, 'db', 'open.ts'), 'utf8');
    expect(dbOpen).toMatch(/resourcesPath[^\n]*\n?[^\n]*'migrations'/);
    const paths = fs.readFileSync(path.join(ROOT, 'core', 'platform', 'paths.ts'), 'utf8');
    expect(paths).toMatch(/path\.join\(rp, 'resources'\)/);
  });

  it('builds a Chinese NSIS installer for Windows x64 that lets the clerk choose the folder', () => {
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(cfg.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
      unicode: true,
      shortcutName: '安委台账',
      createDesktopShortcut: true,
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds deb and AppImage for x64 and arm64 (统信UOS, 麒麟)', () => {
    const targets = Object.fromEntries(cfg.linux.target.map((t) => [t.target, [...t.arch].sort()]));
    expect(targets).toEqual({ deb: ['arm64', 'x64'], AppImage: ['arm64', 'x64'] });
    expect(cfg.linux.executableName).toBe('anwei-taizhang');
    expect(cfg.linux.category).toBe('Office');
    expect(cfg.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(cfg.linux.synopsis).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has the icons it names: a Windows .ico with a 256 px image, Linux PNGs by size', () => {
    const ico = fs.readFileSync(path.join(ROOT, cfg.win.icon));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // icon
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const pngDir = path.join(ROOT, cfg.linux.icon);
    for (const s of [16, 32, 48, 128, 256, 512]) {
      const png = fs.readFileSync(path.join(pngDir, `${s}x${s}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(s);
      expect(png.readUInt32BE(20)).toBe(s);
    }
  });
});
