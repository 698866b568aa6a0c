/**
 * The guess limit of /api/verify: codes it refused, per client address and hour
 * (VERIFY_GUESSES_PER_ADDRESS_PER_HOUR), counted in the RATE_LIMIT_STORE — with `database` every
 * process shares one count (a per-process count multiplied the guesses by the processes). Each
 * attempt is counted before its code is looked up and given back when the code worked, so a
 * burst of parallel guesses cannot all pass a check made before any of them was counted, and
 * people at one address (a health station, a carrier's shared address) who type their codes
 * right are never limited.
 */
import type { Context } from 'hono';
import { clientIp } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import { createRateLimiter } from '../ratelimit/ratelimit-feature';

const HOUR_MS = 3600_000;

/** Runs one verification attempt under the limit of the request's address. */
export type GuessLimit = <T>(c: Context, attempt: () => Promise<T>) => Promise<T>;

export function verifyGuessLimit(ctx: ServerContext): GuessLimit {
  const limiter = createRateLimiter(ctx, 'verify-guess', {
    perWindow: ctx.config.verifyGuessesPerAddressPerHour,
    windowMs: HOUR_MS,
  });
  const refund = (address: string) =>
    // A refund that fails (the database went away) leaves the attempt counted; the attempt's
    // own answer is what the caller must see.
    Promise.resolve(limiter.refund(address)).catch(() => undefined);
  return async (c, attempt) => {
    const address = clientIp(c, ctx.config);
    if (!(await limiter.take(address))) {
      throw new ServerError('rate_limited', 429, 'too many codes tried from this address; try again within the hour');
    }
    let result: Awaited<ReturnType<typeof attempt>>;
    try {
      result = await attempt();
    } catch (err) {
      const miss = err instanceof ServerError && (err.code === 'code_invalid' || err.code === 'code_other_realm');
      if (!miss) await refund(address);
      throw err;
    }
    await refund(address);
    return result;
  };
}
