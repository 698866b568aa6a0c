/**
 * Rate limits on install attestations, beyond the key server's per-key and per-address limits
 * (which every app shares: they all use the one device key): attestations per client address
 * an hour, and new installs per unit an hour, so a script cannot flood a village's figures or
 * try install ids at speed. Counted in the key server's RATE_LIMIT_STORE (shared by every
 * process with `database`).
 *
 * Refusals are logged with the reason and the unit only. Never the install id or the client
 * address: an install next to an address would tie a person to the install whose passes and
 * attestations the server keeps (the developers' guide's privacy rule).
 */
import { createRateLimiter, type RequestLimiter, type ServerContext, ServerError } from '@bluezone/server';
import type { RolloutConfig } from '../rollout-config';

const HOUR_MS = 3_600_000;

export interface AttestationLimits {
  /** Counts one attestation from `address`; 429 `rate_limited` once its hour is used up. */
  fromAddress(address: string): Promise<void>;
  /** Counts one new install for each of `unitCodes`; 429 once one of them has used up its hour. */
  newInstallAt(unitCodes: readonly string[]): Promise<void>;
}

export function attestationLimits(ctx: ServerContext, config: RolloutConfig): AttestationLimits {
  const perAddress = hourly(ctx, 'attest-ip', config.attestationsPerAddressPerHour);
  const perUnit = hourly(ctx, 'attest-unit', config.newInstallsPerUnitPerHour);
  return {
    async fromAddress(address) {
      if (await perAddress.take(address)) return;
      logAttestationRefused(ctx, 'address_rate_limited');
      throw new ServerError('rate_limited', 429, 'too many install attestations from this address; try again later');
    },
    async newInstallAt(unitCodes) {
      for (const unit of unitCodes) {
        if (await perUnit.take(unit)) continue;
        logAttestationRefused(ctx, 'unit_rate_limited', unit);
        throw new ServerError('rate_limited', 429, `too many new installs at unit ${unit} this hour; try again later`);
      }
    },
  };
}

function hourly(ctx: ServerContext, scope: string, perWindow: number): RequestLimiter {
  return createRateLimiter(ctx, scope, { perWindow, windowMs: HOUR_MS });
}

/** One line per refused attestation: why, and at which unit when the unit is the reason. */
export function logAttestationRefused(ctx: ServerContext, reason: string, unit?: string): void {
  // `unit`, not `unitCode`: the logger drops fields whose name says "code".
  ctx.logger.warn('install attestation refused', { reason, ...(unit === undefined ? {} : { unit }) });
}
