import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openContext, type AppContext, type Ports } from '../../core/platform/context';
import type { OpenedDb } from '../../db/open';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
export const scan = (name: string) => path.join(FIXTURES, 'scans', name);

export interface TestPorts extends Ports {
  queuedFiles: string[];
  savePath: string | null;
  opened: string[];
  /** PDFs sent to the printer: the file and its bytes at the time. */
  printed: { file: string; bytes: Buffer; title: string }[];
}

export function makeTestPorts(dir: string): TestPorts {
  const ports: TestPorts = {
    queuedFiles: [],
    savePath: path.join(dir, 'out.pdf'),
    opened: [],
    printed: [],
    async pickFiles() {
      const f = ports.queuedFiles;
      ports.queuedFiles = [];
      return f;
    },
    async pickSavePath() {
      return ports.savePath;
    },
    async openPath(f) {
      ports.opened.push(f);
    },
    async showInFolder(f) {
      ports.opened.push(f);
    },
    async pickFolder() {
      return null;
    },
    async relaunch() {},
    async printPdf(file, { title }) {
      ports.printed.push({ file, bytes: fs.readFileSync(file), title });
      return true;
    },
  };
  return ports;
}

export type TestCtx = AppContext & { ports: TestPorts; close(): void; tmp: string; opened: OpenedDb };

/** A fresh data directory with the real migrations; a fixed clock (2024-06-01 10:00 China time). */
export function makeCtx(opts: { now?: Date } = {}): TestCtx {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-test-'));
  const ports = makeTestPorts(tmp);
  const now = opts.now ?? new Date('2024-06-01T02:00:00Z');
  const ctx = openContext(path.join(tmp, 'data'), { ports, actor: '测试员', now: () => now });
  return {
    ...ctx,
    ports,
    tmp,
    close() {
      ctx.opened.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Row counts of every user table: "nothing written" means these do not change. */
export function tableCounts(ctx: AppContext): Record<string, number> {
  const tables = ctx.sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map((t) => [t.name, (ctx.sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n]),
  );
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}
