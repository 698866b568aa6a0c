/**
 * A fixed-window counter in the database, shared by every server process on it. One atomic
 * statement per request, the same on SQLite (≥ 3.35, RETURNING) and PostgreSQL: insert the
 * bucket at 1, or on conflict add 1 to the current window, or restart at 1 when the row holds
 * an older window; RETURNING gives the count after this request. A process whose clock lags
 * counts into the newer window rather than resetting it. Ended windows are purged by each
 * limiter once per window.
 */
import { sql } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../database/database';
import type { RequestLimiter } from '../http/rate-limiter';
import { rateLimitDb } from './ratelimit-tables';

export class DatabaseRateLimiter implements RequestLimiter {
  private purgedBefore = 0;

  constructor(
    private readonly database: Database,
    /** Prefix of this limiter's buckets: limiters with the same scope share counts. */
    private readonly scope: string,
    private readonly limitPerWindow: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  async take(key: string): Promise<boolean> {
    const now = this.clock.now();
    const windowStart = now - (now % this.windowMs);
    if (windowStart > this.purgedBefore) {
      this.purgedBefore = windowStart;
      await this.purge(windowStart);
    }
    const result = await sql<{ count: number }>`
      insert into rate_limit_window (bucket, window_start, count)
      values (${`${this.scope}:${key}`}, ${windowStart}, 1)
      on conflict (bucket) do update set
        count = case when excluded.window_start > rate_limit_window.window_start then 1
                     else rate_limit_window.count + 1 end,
        window_start = case when excluded.window_start > rate_limit_window.window_start
                            then excluded.window_start else rate_limit_window.window_start end
      returning count`.execute(this.database.db);
    const count = Number(result.rows[0]?.count);
    return count <= this.limitPerWindow;
  }

  async refund(key: string): Promise<void> {
    const now = this.clock.now();
    await rateLimitDb(this.database)
      .updateTable('rate_limit_window')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('bucket', '=', `${this.scope}:${key}`)
      .where('window_start', '=', now - (now % this.windowMs))
      .where('count', '>', 0)
      .execute();
  }

  /**
   * Deletes this scope's buckets whose window ended before the previous one (a lagging process
   * may still count into that). Only this scope's: limiters with longer windows share the table,
   * and a one-minute limiter's purge restarted their counts every two minutes.
   */
  async purge(currentWindowStart: number): Promise<number> {
    // Buckets are `<scope>:<key>`; ';' sorts right after ':', so this is a range of the primary key.
    const deleted = await rateLimitDb(this.database)
      .deleteFrom('rate_limit_window')
      .where('bucket', '>=', `${this.scope}:`)
      .where('bucket', '<', `${this.scope};`)
      .where('window_start', '<', currentWindowStart - this.windowMs)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}
