/**
 * Group commit: concurrent writes that each need a transaction of their own share one, so the
 * commit cost (SQLite: the WAL pages of the touched index leaves, written once per
 * transaction; PostgreSQL: a WAL flush and a round trip) is paid once per batch instead of once
 * per write. Each write runs inside its own SAVEPOINT: one that throws is rolled back alone and
 * gets its own error, the others commit. Results are handed out only after the COMMIT.
 *
 * One batch is in flight per database handle (per process); writes arriving meanwhile queue
 * and go in the next batch as soon as it commits. An idle queue is flushed at the next turn of
 * the event loop (setImmediate, no timer), so a lone write waits for nothing.
 *
 * If the shared transaction itself fails (BEGIN/COMMIT/SAVEPOINT error, lost connection), each
 * of its writes is retried in a transaction of its own, so one write's fault never becomes
 * another's. Writes must therefore be re-runnable: all their effects go through `trx`. Except a
 * connection lost during the COMMIT: it may have landed, so every write of the batch fails.
 */
import { CompiledQuery, type Transaction } from 'kysely';
import type { Database } from './database';
import { isDatabaseUnavailable } from './database-unavailable';
import type { ServerTables } from './tables';

/** Writes per transaction; bounds how long one batch holds the writer (and the batch's p99). */
export const GROUP_COMMIT_MAX_WRITES = 64;

export type GroupWrite<T> = (trx: Transaction<ServerTables>) => Promise<T>;

interface Pending {
  write: GroupWrite<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const SAVEPOINT = CompiledQuery.raw('savepoint group_write');
const RELEASE = CompiledQuery.raw('release savepoint group_write');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint group_write');
const RELEASE_AND_SAVEPOINT = CompiledQuery.raw('release savepoint group_write; savepoint group_write');

export class GroupCommit {
  private queue: Pending[] = [];
  private flushing = false;
  /** Transactions committed (or tried) and writes run, for tests and benchmarks. */
  readonly stats = { batches: 0, writes: 0 };

  constructor(private readonly database: Database) {}

  /** Writes waiting for the next batch. */
  get queued(): number {
    return this.queue.length;
  }

  /** Runs `write` in a transaction shared with other concurrent writes; resolves after it commits. */
  run<T>(write: GroupWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, GROUP_COMMIT_MAX_WRITES);
      this.stats.batches++;
      this.stats.writes += batch.length;
      const outcomes = await this.commit(batch);
      batch.forEach((pending, i) => {
        const outcome = outcomes[i] as Outcome;
        if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    }
    this.flushing = false;
  }

  private async commit(batch: Pending[]): Promise<Outcome[]> {
    const { db } = this.database;
    if (batch.length === 1) {
      // Alone: its own transaction, exactly as without grouping (no savepoint needed).
      return [await settle(() => db.transaction().execute((trx) => (batch[0] as Pending).write(trx)))];
    }
    // PostgreSQL takes both in one round trip (simple query protocol); better-sqlite3 prepares one at a time.
    const next = this.database.dialect === 'postgres' ? [RELEASE_AND_SAVEPOINT] : [RELEASE, SAVEPOINT];
    // Set once every write has run: a failure after that is the COMMIT's.
    let committing = false;
    try {
      return await db.transaction().execute(async (trx) => {
        const outcomes: Outcome[] = [];
        await trx.executeQuery(SAVEPOINT);
        for (const [i, { write }] of batch.entries()) {
          if (i > 0) for (const query of next) await trx.executeQuery(query);
          const outcome = await settle(() => write(trx));
          // PostgreSQL refuses every statement after an error until the savepoint is rolled back.
          if (!outcome.ok) await trx.executeQuery(ROLLBACK);
          outcomes.push(outcome);
        }
        // COMMIT releases the last savepoint with the transaction.
        committing = true;
        return outcomes;
      });
    } catch (error) {
      // The connection died during the COMMIT: whether it landed is unknown. Run again, a write
      // that did land would be refused as a replay (a publish's burnt certificate) instead of
      // being told to retry; every write of the batch gets the failure (a 503: the client
      // retries and finds what landed). Before the COMMIT nothing landed: each write is retried.
      if (committing && isDatabaseUnavailable(error)) return batch.map(() => ({ ok: false, error }));
      const outcomes: Outcome[] = [];
      for (const { write } of batch) outcomes.push(await settle(() => db.transaction().execute(write)));
      return outcomes;
    }
  }
}

async function settle(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

const groups = new WeakMap<Database, GroupCommit>();

/** The group commit of this database handle (one per process and handle). */
export function groupCommit(database: Database): GroupCommit {
  let group = groups.get(database);
  if (!group) {
    group = new GroupCommit(database);
    groups.set(database, group);
  }
  return group;
}
