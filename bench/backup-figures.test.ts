/**
 * Figures for the closing note (not part of npm test: run with
 *   npx vitest run --config bench/vitest.bench.mts bench/backup-figures.test.ts
 * ): a full backup and a verified restore of a data directory with 100,000 hazards and ~2 GB of scans.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { createBackup, verifyBackup } from '../core/backup/backup';
import { stageRestore } from '../core/backup/restore';
import { checkData } from '../core/backup/check';
import { openContext } from '../core/platform/context';
import { attachmentPath } from '../core/attachments/service';
import { rebuildHazardIndex } from '../core/hazards/searchIndex';

it('backup and restore at county scale', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-bench-backup-'));
  const ctx = openContext(path.join(root, 'data'));
  const ins = ctx.sqlite.prepare(
    `insert into hazards (enterprise_name, township_name, industry, description, level, status, found_date, measures) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  ctx.sqlite.transaction(() => {
    for (let i = 0; i < 100_000; i++) {
      ins.run(
        `企业${i % 5000}`,
        `乡镇${i % 27}`,
        '工贸',
        `隐患描述第${i}条：窑炉燃气管道未设置紧急切断阀`,
        i % 20 ? '一般' : '重大',
        '未整改',
        '2024-03-05',
        '加装紧急切断阀',
      );
    }
  })();
  rebuildHazardIndex(ctx);
  // ~2 GB of scans: 400 files of 5 MB (random bytes stand in for image data; a valid PDF header and trailer)
  const addAtt = ctx.sqlite.prepare(
    'insert into attachments (sha256, original_name, mime, size, page_count) values (?, ?, ?, ?, 1)',
  );
  const chunk = crypto.randomBytes(5 * 1024 * 1024 - 64);
  for (let i = 0; i < 400; i++) {
    const buf = Buffer.concat([Buffer.from(`%PDF-1.4\n%${i}\n`), chunk, Buffer.from('\n%%EOF\n')]);
    const sha = crypto.createHash('sha256').update(buf).digest('hex');
    const a = { sha256: sha, mime: 'application/pdf' };
    fs.mkdirSync(path.dirname(attachmentPath(ctx, a)), { recursive: true });
    fs.writeFileSync(attachmentPath(ctx, a), buf);
    addAtt.run(sha, `scan${i}.pdf`, 'application/pdf', buf.length);
  }
  const dbSize = fs.statSync(path.join(root, 'data', 'anwei.db')).size;
  let t = Date.now();
  const b = await createBackup(ctx, path.join(root, 'usb'));
  const backupMs = Date.now() - t;
  t = Date.now();
  verifyBackup(b.file);
  const verifyMs = Date.now() - t;
  t = Date.now();
  await stageRestore(ctx, b.file);
  const dataDir = ctx.dataDir;
  ctx.opened.close();
  const re = openContext(dataDir);
  const restoreMs = Date.now() - t;
  t = Date.now();
  const report = checkData(re);
  const checkMs = Date.now() - t;
  re.opened.close();
  const out = {
    hazards: 100_000,
    scans: 400,
    scanBytes: 400 * 5 * 1024 * 1024,
    dbBytes: dbSize,
    archiveBytes: b.bytes,
    backupMs,
    verifyMs,
    restoreMsIncludingSafetyBackup: restoreMs,
    fullCheckMs: checkMs,
    checkOk: report.ok,
  };
  console.log(JSON.stringify(out, null, 2));
  fs.writeFileSync(path.join(__dirname, 'backup-figures.json'), JSON.stringify(out, null, 2));
  fs.rmSync(root, { recursive: true, force: true });
}, 1_800_000);
