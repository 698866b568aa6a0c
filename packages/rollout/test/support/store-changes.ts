/**
 * Which tables a request wrote to: a trigger on every table (after each inserted, updated or
 * deleted row, on SQLite and PostgreSQL) notes the table in `fuzz_change`, so a test can ask what
 * changed since a mark without comparing the whole database. For the fuzz suite's "a refused
 * request stores nothing".
 */
import type { Database } from '@bluezone/server';
import { sql } from 'kysely';

export interface StoreChanges {
  /** The latest change noted so far. */
  mark(): Promise<number>;
  /** `table op` of every row change since `mark`, in order. */
  since(mark: number): Promise<string[]>;
}

export async function watchStoreChanges(database: Database): Promise<StoreChanges> {
  const { db, dialect } = database;
  if (dialect === 'sqlite') {
    await sql`create table fuzz_change (id integer primary key autoincrement, tbl text not null, op text not null)`.execute(
      db,
    );
    const tables = await sql<{ name: string }>`
      select name from sqlite_master
      where type = 'table' and name not like 'sqlite_%' and name <> 'fuzz_change'`.execute(db);
    for (const { name } of tables.rows) {
      for (const op of ['insert', 'update', 'delete']) {
        await sql
          .raw(
            `create trigger "fuzz_${name}_${op}" after ${op} on "${name}" ` +
              `begin insert into fuzz_change (tbl, op) values ('${name}', '${op}'); end`,
          )
          .execute(db);
      }
    }
  } else {
    await sql`create table fuzz_change (id bigserial primary key, tbl text not null, op text not null)`.execute(db);
    await sql`
      create function fuzz_note() returns trigger language plpgsql as $$
      begin insert into fuzz_change (tbl, op) values (tg_table_name, lower(tg_op)); return null; end $$`.execute(db);
    const tables = await sql<{ name: string }>`
      select tablename as name from pg_tables
      where schemaname = current_schema() and tablename <> 'fuzz_change'`.execute(db);
    for (const { name } of tables.rows) {
      await sql
        .raw(
          `create trigger fuzz_note after insert or update or delete on "${name}" for each row execute function fuzz_note()`,
        )
        .execute(db);
    }
  }
  return {
    async mark() {
      const r = await sql<{ id: number | string | null }>`select max(id) as id from fuzz_change`.execute(db);
      return Number(r.rows[0]?.id ?? 0);
    },
    async since(mark) {
      const r = await sql<{ tbl: string; op: string }>`
        select tbl, op from fuzz_change where id > ${mark} order by id`.execute(db);
      return r.rows.map((row) => `${row.tbl} ${row.op}`);
    },
  };
}
