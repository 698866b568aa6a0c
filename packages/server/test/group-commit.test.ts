import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type GroupCommit, groupCommit } from '../src/database/group-commit';

describe.each(DIALECTS)('group commit on %s', (dialect) => {
  let t: TestContext;
  let group: GroupCommit;
  beforeEach(async () => {
    t = await createTestContext(dialect);
    group = groupCommit(t.ctx.database);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const burn = (jti: string) => async (trx: Parameters<Parameters<GroupCommit['run']>[0]>[0]) => {
    // No ON CONFLICT: a second burn of the same jti is a SQL error (unique violation), which
    // on PostgreSQL aborts the transaction unless its savepoint is rolled back.
    await trx.insertInto('used_certificate').values({ jti, expires_at: 1 }).execute();
    return jti;
  };
  const stored = async () =>
    (await t.ctx.database.db.selectFrom('used_certificate').select('jti').orderBy('jti').execute()).map((r) => r.jti);

  it('writes concurrent writes in one transaction; a failing one is rolled back alone with its own error', async () => {
    const before = { ...group.stats };
    const results = await Promise.allSettled([
      group.run(burn('a')),
      group.run(burn('b')),
      group.run(burn('a')),
      group.run(async (trx) => {
        await burn('c')(trx);
        throw new Error('refused after writing');
      }),
      group.run(burn('d')),
    ]);
    expect(group.stats.batches - before.batches).toBe(1);
    expect(group.stats.writes - before.writes).toBe(5);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(results[1]).toEqual({ status: 'fulfilled', value: 'b' });
    expect((results[3] as PromiseRejectedResult).reason).toEqual(new Error('refused after writing'));
    expect(await stored()).toEqual(['a', 'b', 'd']);
  });

  it('queues writes that arrive while a batch is in flight and writes them in the next one', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = group.run(async (trx) => {
      await gate;
      return burn('first')(trx);
    });
    await vi.waitFor(() => expect(group.stats.batches).toBe(1));
    const later = ['x', 'y', 'z'].map((jti) => group.run(burn(jti)));
    expect(group.queued).toBe(3);
    release();
    expect(await Promise.all([first, ...later])).toEqual(['first', 'x', 'y', 'z']);
    expect(group.stats).toEqual({ batches: 2, writes: 4 });
    expect(await stored()).toEqual(['first', 'x', 'y', 'z']);
  });

  it('retries each write alone when the shared transaction cannot commit', async () => {
    // A write that ends the shared transaction itself makes the batch's next statement fail;
    // its neighbours must not pay for it.
    const results = await Promise.allSettled([
      group.run(burn('p')),
      group.run(async (trx) => {
        await sql`rollback`.execute(trx);
      }),
      group.run(burn('q')),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'p' });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 'q' });
    expect(await stored()).toEqual(['p', 'q']);
  });
});
