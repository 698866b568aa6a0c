/**
 * Makes every insert into a table fail, as a write does when the database or the process fails
 * mid-request: a trigger that raises `message`, on either dialect. The returned function lifts it.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../../src/database/database';
import type { ServerTables } from '../../src/database/tables';

export async function refuseInserts(
  db: Kysely<ServerTables>,
  dialect: Dialect,
  table: keyof ServerTables & string,
  message: string,
): Promise<() => Promise<void>> {
  const trigger = `refuse_${table}`;
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create function ${trigger}() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${trigger} before insert on ${table} for each row execute function ${trigger}()`)
      .execute(db);
  } else {
    await sql
      .raw(`create trigger ${trigger} before insert on ${table} begin select raise(abort, '${message}'); end`)
      .execute(db);
  }
  return async () => {
    await sql.raw(`drop trigger ${trigger}${dialect === 'postgres' ? ` on ${table}` : ''}`).execute(db);
  };
}
