/**
 * Each entity owns its writes: a table is inserted into, updated and deleted from only by the feature folder that
 * owns it (core/hazards/ for hazards, core/pledges/ for pledges, ...), so a rule about a record (its version, its
 * search index, its status) lives in one place and another feature asks that folder to change the record. The
 * owner of a table is the feature named after the db/schema file that declares it (TABLE_FILE_OWNER); the test
 * reads every core/**\/*.ts for drizzle writes (`.insert(t)`, `.update(t)`, `.delete(t)` on a schema table) and
 * raw SQL writes (`insert [or ...] into t`, `update t set`, `delete from t`). Exemptions are data with a reason;
 * files still writing another feature's table are listed as debt, and the list may only shrink.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/** db/schema/<file>.ts → the core folder owning the tables declared there. */
const TABLE_FILE_OWNER: Record<string, string> = {
  archivePackages: 'core/archivePackage/',
  attachments: 'core/attachments/',
  audit: 'core/audit/',
  hazards: 'core/hazards/',
  imports: 'core/imports/',
  notices: 'core/notices/',
  pieces: 'core/volumes/',
  pledges: 'core/pledges/',
  returns: 'core/returns/',
  settings: 'core/settings/',
  units: 'core/units/',
  volumes: 'core/volumes/',
};

/** Tables not declared through drizzle (created by migrations): the hazards full-text index. */
const EXTRA_TABLES: Record<string, string> = {
  hazards_fts: 'core/hazards/',
};

/** Code allowed to write any table, and why. */
const EXEMPT: { file: RegExp; reason: string }[] = [
  { file: /^core\/backup\//, reason: 'file-level restore and salvage copy whole databases table by table' },
];

/** Known debt: file → tables it still writes although another feature owns them. May only shrink. */
const DEBT: Record<string, string[]> = {};

interface Table {
  sqlName: string;
  ident?: string;
  owner: string;
}

function schemaTables(): Table[] {
  const tables: Table[] = [];
  const dir = path.join(ROOT, 'db/schema');
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.ts') || name === 'index.ts') continue;
    const base = name.replace(/\.ts$/, '');
    const owner = TABLE_FILE_OWNER[base];
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    for (const m of text.matchAll(/export const (\w+) = sqliteTable\(\s*'(\w+)'/g)) {
      if (!owner) throw new Error(`db/schema/${name} declares ${m[2]} but has no owner in TABLE_FILE_OWNER`);
      tables.push({ ident: m[1], sqlName: m[2]!, owner });
    }
  }
  for (const [sqlName, owner] of Object.entries(EXTRA_TABLES)) tables.push({ sqlName, owner });
  return tables;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.ts$/.test(e.name)) out.push(rel);
  }
  return out;
}

const TABLES = schemaTables();
/** Stands for a table whose name is only known at run time. */
const DYNAMIC: Table = { sqlName: '${dynamic}', owner: '(nobody)' };
const BY_IDENT = new Map(TABLES.filter((t) => t.ident).map((t) => [t.ident!, t]));
const BY_SQL = new Map(TABLES.map((t) => [t.sqlName, t]));

/** The tables a source text writes. */
function writtenTables(text: string): Table[] {
  const found = new Set<Table>();
  for (const m of text.matchAll(/\.(?:insert|update|delete)\(\s*(\w+)\s*\)/g)) {
    const t = BY_IDENT.get(m[1]!);
    if (t) found.add(t);
  }
  const sql =
    /\b(?:insert\s+(?:or\s+(?:replace|ignore|abort|fail|rollback)\s+)?into|delete\s+from)\s+[`"]?(\w+)|\bupdate\s+[`"]?(\w+)[`"]?\s+set\b/gi;
  for (const m of text.matchAll(sql)) {
    const t = BY_SQL.get((m[1] ?? m[2])!.toLowerCase());
    if (t) found.add(t);
  }
  // A table named at run time (`update ${table} set`) could be anyone's: it counts as a write nobody owns.
  if (/\b(?:insert\s+(?:or\s+\w+\s+)?into|delete\s+from|update)\s+\$\{/i.test(text)) found.add(DYNAMIC);
  return [...found];
}

const files = sources('core');
/** file → foreign tables written, for files not exempt. */
const foreign = new Map<string, string[]>();
for (const f of files) {
  if (EXEMPT.some((e) => e.file.test(f))) continue;
  const tables = writtenTables(fs.readFileSync(path.join(ROOT, f), 'utf8'))
    .filter((t) => !f.startsWith(t.owner))
    .map((t) => t.sqlName)
    .sort();
  if (tables.length) foreign.set(f, tables);
}

describe('each entity owns its writes', () => {
  it('knows every table and sees the writers', () => {
    expect(BY_SQL.get('hazards')?.owner).toBe('core/hazards/');
    expect(BY_SQL.get('hazard_events')?.owner).toBe('core/hazards/');
    expect(BY_SQL.get('return_submissions')?.owner).toBe('core/returns/');
    expect(BY_SQL.get('import_changes')?.owner).toBe('core/imports/');
    expect(BY_SQL.get('archive_pieces')?.owner).toBe('core/volumes/');
    expect(writtenTables('db.update(hazards).set({})').map((t) => t.sqlName)).toEqual(['hazards']);
    expect(writtenTables('`insert or replace into pledges (id)`').map((t) => t.sqlName)).toEqual(['pledges']);
    expect(writtenTables("'UPDATE units SET name = ?'").map((t) => t.sqlName)).toEqual(['units']);
    expect(writtenTables("'delete from hazards_fts where rowid = ?'").map((t) => t.sqlName)).toEqual(['hazards_fts']);
    expect(writtenTables('// update the unit set').map((t) => t.sqlName)).toEqual([]);
    expect(writtenTables('`delete from ${e.table} where id = ?`').map((t) => t.sqlName)).toEqual(['${dynamic}']);
  });

  it('no file writes a table another feature owns (ask the owner through its functions)', () => {
    const news = [...foreign]
      .map(([f, tables]) => [f, tables.filter((t) => !(DEBT[f] ?? []).includes(t))] as const)
      .filter(([, tables]) => tables.length);
    expect(Object.fromEntries(news)).toEqual({});
  });

  it('the debt list names only writes that are still there', () => {
    const stale = Object.entries(DEBT)
      .map(([f, tables]) => [f, tables.filter((t) => !(foreign.get(f) ?? []).includes(t))] as const)
      .filter(([, tables]) => tables.length);
    expect(Object.fromEntries(stale)).toEqual({});
  });

  it('every exemption still matches a file', () => {
    for (const e of EXEMPT)
      expect(
        files.some((f) => e.file.test(f)),
        e.reason,
      ).toBe(true);
  });
});
