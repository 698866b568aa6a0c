/**
 * A named lease in the database: at most one holder at a time until it expires. The export
 * worker takes one so that N server processes on one PostgreSQL do not export the same window
 * twice (google/exposure-notifications-server does the same with its `Lock` table).
 *
 * Expiry is what frees the lease of a holder that died without releasing it (kill -9, a lost
 * machine): a holder that lives renews it well before then (LeaseHeartbeat). Expiry times are
 * the holders' clocks, so the processes' clocks must agree to well within the lease's length.
 * A holder that cannot renew (its database connection is down) must stop acting as the holder
 * before the lease can have passed to another: LeaseHeartbeat.valid() says when.
 */

import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from './database';
import type { ServerTables } from './tables';

export async function tryAcquireLease(
  database: Database,
  name: string,
  holder: string,
  now: number,
  ttlMs: number,
): Promise<boolean> {
  const expires = now + ttlMs;
  // One atomic statement on both dialects: take a free or expired lease, or renew our own. It
  // returns the row only when it inserted or updated it; a concurrent taker waits on the row
  // lock and then finds the lease no longer expired (PostgreSQL re-checks the WHERE on the
  // row's latest version), so it returns nothing.
  const row = await database.db
    .insertInto('lease')
    .values({ name, holder, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expires })
        .where((eb) => eb.or([eb('lease.expires_at', '<=', now), eb('lease.holder', '=', holder)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseLease(database: Database, name: string, holder: string): Promise<void> {
  await database.db.deleteFrom('lease').where('name', '=', name).where('holder', '=', holder).execute();
}

/**
 * Inside a transaction: true if `holder` still holds `name` at `now`. On PostgreSQL the row stays
 * locked until the transaction ends, so nobody can take the lease before this transaction has
 * committed: what it writes is fenced by the lease.
 */
export async function leaseStillHeld(
  trx: Kysely<ServerTables>,
  name: string,
  holder: string,
  now: number,
): Promise<boolean> {
  const updated = await trx
    .updateTable('lease')
    .set((eb) => ({ expires_at: eb.ref('expires_at') }))
    .where('name', '=', name)
    .where('holder', '=', holder)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** A holder name that says which process holds a lease (host and pid), unique per call. */
export function leaseHolderName(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Renews a lease its holder has taken every third of its length while the holder works, so it
 * does not lapse under a live holder, and tells the holder when it can no longer count on it.
 */
export class LeaseHeartbeat {
  private readonly timer: NodeJS.Timeout;
  /** Until when (holder's clock) the lease is certainly ours: the last successful renewal's expiry. */
  private heldUntil: number;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    readonly name: string,
    readonly holder: string,
    private readonly ttlMs: number,
    acquiredAt: number,
  ) {
    this.heldUntil = acquiredAt + ttlMs;
    this.timer = setInterval(
      () => {
        this.renewing ??= this.renew().finally(() => {
          this.renewing = undefined;
        });
      },
      Math.max(1, Math.floor(ttlMs / 3)),
    );
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    const now = this.clock.now();
    try {
      if (await tryAcquireLease(this.database, this.name, this.holder, now, this.ttlMs)) {
        this.heldUntil = now + this.ttlMs;
      } else {
        this.heldUntil = 0; // another holder has it: our lease had lapsed
      }
    } catch {
      // The database is unreachable: the lease stays ours until heldUntil, and valid() says so.
    }
  }

  /**
   * Whether the holder may still act: the lease is ours for at least a third of its length more.
   * A margin, because the check and the action it guards are not one step.
   */
  valid(): boolean {
    return this.clock.now() < this.heldUntil - this.ttlMs / 3;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
  }
}
