import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/database/database';
import { startSqliteCheckpointer } from '../src/database/sqlite-checkpointer';

const waitFor = async (check: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
  return check();
};

/** Writes ~4 MiB in small transactions: with no checkpoint at all it stays in the WAL. */
async function writeRows(database: Database): Promise<void> {
  await sql`create table blob_row (id integer primary key, data blob not null)`.execute(database.db);
  for (let i = 0; i < 64; i++) {
    await database.db.transaction().execute(async (trx) => {
      for (let j = 0; j < 16; j++) await sql`insert into blob_row (data) values (randomblob(4096))`.execute(trx);
    });
  }
}

describe('SQLite WAL checkpoints on a worker thread', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-ckpt-'));
    file = path.join(dir, 'bluezone.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file without the writer checkpointing', async () => {
    const database = openDatabase({ databaseUrl: '', sqliteFile: file, walCheckpoint: 'background' });
    try {
      const mode = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
      expect(mode.rows[0]?.wal_autocheckpoint).toBe(0);
      await writeRows(database);
      // The writer's own automatic checkpoint is off, so only the worker can grow the main file.
      expect(await waitFor(() => fs.statSync(file).size > 4 * 1024 * 1024, 5_000)).toBe(true);
      const row = await sql<{ n: number }>`select count(*) as n from blob_row`.execute(database.db);
      expect(row.rows[0]?.n).toBe(1024);
    } finally {
      await database.destroy();
    }
    // Closing the last connection checkpoints and removes the WAL: nothing was lost.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = new SqliteDatabase(file, { readonly: true });
    expect(reopened.prepare('select count(*) as n from blob_row').get()).toEqual({ n: 1024 });
    reopened.close();
  });

  it('leaves checkpoints to SQLite by default (CLI commands, tests)', async () => {
    const database = openDatabase({ databaseUrl: '', sqliteFile: file });
    try {
      const mode = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
      expect(mode.rows[0]?.wal_autocheckpoint).toBe(1000);
    } finally {
      await database.destroy();
    }
  });

  it('reports a worker that cannot open the database, so the caller can fall back', async () => {
    const failure = await new Promise<Error>((resolve) => {
      startSqliteCheckpointer(path.join(dir, 'missing', 'no.sqlite'), 50, resolve);
    });
    expect(failure.message).toMatch(/directory does not exist|unable to open/i);
  });
});
