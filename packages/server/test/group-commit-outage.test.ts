// Group commit when the connection dies: before the COMMIT nothing landed, so each write is
// retried on its own; during the COMMIT the outcome is unknown, so every write of the batch gets
// the connection's failure (a 503 the client retries) instead of being run again — run again, a
// write that did land would be refused as a replay (a publish's burnt certificate: 401).
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { type Kysely, sql, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/database/database';
import { isDatabaseUnavailable } from '../src/database/database-unavailable';
import { GroupCommit } from '../src/database/group-commit';
import type { ServerTables } from '../src/database/tables';

const burn = (jti: string) => async (trx: Transaction<ServerTables>) => {
  await trx.insertInto('used_certificate').values({ jti, expires_at: 1 }).execute();
  return jti;
};

/** The database, except that the first transaction's COMMIT lands and then its answer is lost. */
function commitAnswerLost(database: Database): Database {
  let lost = false;
  const db = new Proxy(database.db, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return () => ({
        async execute<T>(fn: (trx: Transaction<ServerTables>) => Promise<T>): Promise<T> {
          const result = await target.transaction().execute(fn);
          if (lost) return result;
          lost = true;
          throw new Error('Connection terminated unexpectedly');
        },
      });
    },
  }) as Kysely<ServerTables>;
  return { ...database, db };
}

describe.each(DIALECTS)('group commit when the connection dies, on %s', (dialect) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext(dialect);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const stored = async () =>
    (await t.ctx.database.db.selectFrom('used_certificate').select('jti').orderBy('jti').execute()).map((r) => r.jti);

  it('fails every write of a batch whose COMMIT answer was lost, and runs none again', async () => {
    const group = new GroupCommit(commitAnswerLost(t.ctx.database));
    const results = await Promise.allSettled(['a', 'b', 'c'].map((jti) => group.run(burn(jti))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) expect(isDatabaseUnavailable((r as PromiseRejectedResult).reason)).toBe(true);
    // They did land, once: run again, each would have been refused as a duplicate.
    expect(await stored()).toEqual(['a', 'b', 'c']);
    expect(group.stats).toEqual({ batches: 1, writes: 3 });
  });

  it.runIf(dialect === 'postgres')(
    'retries each write on its own when the connection dies before the COMMIT',
    async () => {
      const group = new GroupCommit(t.ctx.database);
      let first = true;
      const results = await Promise.allSettled([
        group.run(burn('a')),
        group.run(async (trx) => {
          await burn('b')(trx);
          if (first) {
            first = false;
            // What a restart or failover does to the connection mid-transaction (57P01).
            await sql`select pg_terminate_backend(pg_backend_pid())`.execute(trx);
          }
          return 'b';
        }),
        group.run(burn('c')),
      ]);
      expect(results).toEqual([
        { status: 'fulfilled', value: 'a' },
        { status: 'fulfilled', value: 'b' },
        { status: 'fulfilled', value: 'c' },
      ]);
      expect(await stored()).toEqual(['a', 'b', 'c']);
    },
  );
});
