// Write statements are prepared once per PostgreSQL connection; reads and RETURNING are not,
// and a prepared insert keeps working when its table is rebuilt with other columns.

import { createTestDatabase, DIALECTS, type TestDatabase } from '@bluezone/test-support/server';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/database/database';
import { preparedStatementName } from '../src/database/postgres-prepared-client';

describe('preparedStatementName', () => {
  it('names writes without RETURNING, and nothing else', () => {
    const insert = 'insert into "exposure" ("key") values ($1)';
    expect(preparedStatementName(insert)).toMatch(/^bz_[A-Za-z0-9_-]{32}$/);
    expect(preparedStatementName(insert)).toBe(preparedStatementName(insert));
    expect(preparedStatementName(`${insert}, ($2)`)).not.toBe(preparedStatementName(insert));
    expect(preparedStatementName('update "exposure" set "region" = $1')).toBeDefined();
    expect(preparedStatementName('delete from "exposure" where "id" = $1')).toBeDefined();
    expect(preparedStatementName(`${insert} returning "id"`)).toBeUndefined();
    expect(preparedStatementName('select * from "exposure"')).toBeUndefined();
    expect(preparedStatementName('create table t (id int)')).toBeUndefined();
    expect(preparedStatementName(`insert into t values ${'($1),'.repeat(5000)}($1)`)).toBeUndefined();
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('prepared writes on PostgreSQL', () => {
  let testDb: TestDatabase;
  let database: Database;
  beforeEach(async () => {
    testDb = await createTestDatabase('postgres');
    database = testDb.database;
  });
  afterEach(async () => {
    await testDb.cleanup();
  });

  it('prepares an insert once per connection and reuses it; reads stay unnamed', async () => {
    // One connection, so the session that prepared is the one asked.
    await database.db.connection().execute(async (conn) => {
      await sql`create table probe (id int not null, label text not null)`.execute(conn);
      for (let i = 0; i < 3; i++)
        await conn
          .insertInto('probe' as never)
          .values({ id: i, label: `n${i}` } as never)
          .execute();
      const rows = await sql<{ n: number }>`select count(*)::int as n from probe`.execute(conn);
      expect(rows.rows[0]?.n).toBe(3);
      const statements = (
        await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn)
      ).rows.map((r) => r.statement);
      expect(statements.filter((s) => s.startsWith('insert into "probe"'))).toHaveLength(1);
      expect(statements.some((s) => s.startsWith('select'))).toBe(false);

      // Rebuilt with its columns in another order and one more: the prepared insert is replanned.
      await sql`drop table probe`.execute(conn);
      await sql`create table probe (label text not null, extra int default 7, id int not null)`.execute(conn);
      await conn
        .insertInto('probe' as never)
        .values({ id: 9, label: 'after' } as never)
        .execute();
      const after = await sql<{ id: number; label: string; extra: number }>`select id, label, extra from probe`.execute(
        conn,
      );
      expect(after.rows).toEqual([{ id: 9, label: 'after', extra: 7 }]);
    });
  });
});
