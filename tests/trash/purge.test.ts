import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { removeUnreferenced } from '../../core/platform/purge';

describe('removing from the 回收站 for good', () => {
  const db = () => {
    const d = new Database(':memory:');
    d.pragma('foreign_keys = ON');
    d.exec(`create table rec (id integer primary key);
      create table ref (id integer primary key, rec_id integer references rec(id));
      insert into rec values (1), (2), (3);
      insert into ref values (1, 2);`);
    return d;
  };

  it('removes the rows nothing points to and keeps the one still referenced', () => {
    const d = db();
    expect(removeUnreferenced(d.prepare<[number]>('delete from rec where id = ?'), [1, 2, 3])).toBe(2);
    expect(d.prepare('select id from rec').pluck().all()).toEqual([2]);
  });

  it('throws any other fault instead of keeping the row silently', () => {
    const d = db();
    d.exec(`create trigger rec_locked before delete on rec when old.id = 3 begin select raise(abort, 'locked'); end;`);
    expect(() => removeUnreferenced(d.prepare<[number]>('delete from rec where id = ?'), [1, 3])).toThrow('locked');
    expect(d.prepare('select id from rec').pluck().all()).toEqual([2, 3]);
  });
});
