import path from 'node:path';

/** Where everything of one data directory lives. Pure, so low-level modules use it without the context. */
export function dataPaths(dataDir: string) {
  return {
    dataDir,
    dbFile: path.join(dataDir, 'anwei.db'),
    attachmentsDir: path.join(dataDir, 'attachments'),
    backupsDir: path.join(dataDir, 'backups'),
    tmpDir: path.join(dataDir, 'tmp'),
  };
}
