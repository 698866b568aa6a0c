/**
 * Health authorities: the allow-list of `healthAuthorityID`s publish accepts and the keys
 * their certificates are verified with. At start our own verification server's key is
 * registered (loading it does that), so our apps work with no setup.
 */
import type { Feature, ServerContext } from '../feature';
import { ensureFirstCertificateKey } from '../verification/certificate';
import { authorityMigrations } from './authority-migrations';

/** Registers our own verification server's key as a health authority, if not yet done. */
export async function ensureOwnAuthority(ctx: ServerContext): Promise<void> {
  await ensureFirstCertificateKey(ctx);
}

export const authoritiesFeature: Feature = {
  name: 'authorities',
  migrations: authorityMigrations,
  async start(ctx) {
    await ensureOwnAuthority(ctx);
    return undefined;
  },
};
