/**
 * Secrets every process must share (token MAC key, code HMAC key, certificate signing key):
 * created by whichever process starts first, stored sealed in `server_secret`, cached.
 * Insert-if-absent makes concurrent first starts agree on one value.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Database } from '../database/database';
import type { SecretBox } from './secret-box';

export class ServerSecrets {
  private readonly cache = new Map<string, string>();
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor(
    private readonly database: Database,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** The secret named `name`, created with `generate` if none exists yet. */
  async get(name: string, generate: () => string): Promise<string> {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const { db } = this.database;
    await db
      .insertInto('server_secret')
      .values({ name, value: this.box.seal(generate()), created_at: this.clock.now() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await db.selectFrom('server_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
    const value = this.box.open(row.value);
    this.cache.set(name, value);
    return value;
  }

  /**
   * A 32-byte random secret named `name`, imported once as a WebCrypto key (jose would
   * otherwise import raw bytes on every sign/verify/encrypt).
   */
  cryptoKey(name: string, algorithm: AlgorithmIdentifier | HmacImportParams, usages: KeyUsage[]): Promise<CryptoKey> {
    let key = this.keys.get(name);
    if (!key) {
      key = this.get(name, () => randomBytes(32).toString('base64')).then((secret) =>
        crypto.subtle.importKey('raw', Buffer.from(secret, 'base64'), algorithm, false, usages),
      );
      this.keys.set(name, key);
      // Not a failure for good: a lookup that failed (the database unreachable) is retried next time.
      key.catch(() => this.keys.delete(name));
    }
    return key;
  }
}
