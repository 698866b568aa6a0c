/**
 * Export signing keys: P-256, named by key id (what apps are configured with, e.g. the
 * region's MCC) and version (v1, v2, …) as export.sig's SignatureInfo requires. The private
 * key is sealed with the KEK before it reaches the database (secrets/secret-box.ts).
 * Rotation adds a new version; the previous one keeps signing for an overlap so that phones
 * which have not yet fetched the new public key still verify exports, then retires.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { ExportSigner } from '@bluezone/protocol';
import type { keyServerApi } from '@bluezone/protocol/api';
import type { ServerContext } from '../feature';

export const ROTATION_OVERLAP_MS = 7 * 86_400_000;

export interface PublicSigningKey {
  keyId: string;
  keyVersion: string;
  publicKeyPem: string;
  createdAt: number;
  retiresAt: number | null;
}

function newKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

async function insertVersion(ctx: ServerContext, version: number): Promise<void> {
  const { privatePem, publicPem } = newKeyPair();
  await ctx.database.db
    .insertInto('signing_key')
    .values({
      key_id: ctx.config.exportKeyId,
      key_version: `v${version}`,
      private_key: ctx.secretBox.seal(privatePem),
      public_key_pem: publicPem,
      created_at: ctx.clock.now(),
      retired_at: null,
    })
    .onConflict((oc) => oc.columns(['key_id', 'key_version']).doNothing())
    .execute();
}

/** Creates v1 if there is no key yet (first start). */
export async function ensureSigningKey(ctx: ServerContext): Promise<void> {
  const any = await ctx.database.db
    .selectFrom('signing_key')
    .select('id')
    .where('key_id', '=', ctx.config.exportKeyId)
    .executeTakeFirst();
  if (!any) await insertVersion(ctx, 1);
}

/** Adds the next version and schedules the others' retirement after the overlap. */
export async function rotateSigningKey(ctx: ServerContext): Promise<PublicSigningKey> {
  await ensureSigningKey(ctx);
  const { db } = ctx.database;
  const rows = await db
    .selectFrom('signing_key')
    .select('key_version')
    .where('key_id', '=', ctx.config.exportKeyId)
    .execute();
  const next = Math.max(...rows.map((r) => Number(r.key_version.slice(1)))) + 1;
  const retiresAt = ctx.clock.now() + ROTATION_OVERLAP_MS;
  await db
    .updateTable('signing_key')
    .set({ retired_at: retiresAt })
    .where('key_id', '=', ctx.config.exportKeyId)
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiresAt)]))
    .execute();
  await insertVersion(ctx, next);
  const keys = await listSigningKeys(ctx);
  return keys[keys.length - 1] as PublicSigningKey;
}

/** Every key of this key id, oldest first. */
export async function listSigningKeys(ctx: ServerContext): Promise<PublicSigningKey[]> {
  const rows = await ctx.database.db
    .selectFrom('signing_key')
    .select(['key_id', 'key_version', 'public_key_pem', 'created_at', 'retired_at'])
    .where('key_id', '=', ctx.config.exportKeyId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    keyId: r.key_id,
    keyVersion: r.key_version,
    publicKeyPem: r.public_key_pem,
    createdAt: r.created_at,
    retiresAt: r.retired_at,
  }));
}

/**
 * Every key version as apps are told about them (`/api/export-keys`, the app's configuration):
 * ISO times, and whether it still signs.
 */
export async function publishedSigningKeys(ctx: ServerContext): Promise<keyServerApi.ExportKeysResponse['keys']> {
  const now = ctx.clock.now();
  return (await listSigningKeys(ctx)).map((k) => ({
    keyId: k.keyId,
    keyVersion: k.keyVersion,
    publicKeyPem: k.publicKeyPem,
    createdAt: new Date(k.createdAt).toISOString(),
    active: k.retiresAt === null || k.retiresAt > now,
    ...(k.retiresAt !== null ? { retiresAt: new Date(k.retiresAt).toISOString() } : {}),
  }));
}

/** The keys that sign exports now: every version not yet retired, newest last. */
export async function activeSigners(ctx: ServerContext): Promise<ExportSigner[]> {
  await ensureSigningKey(ctx);
  const now = ctx.clock.now();
  const rows = await ctx.database.db
    .selectFrom('signing_key')
    .select(['key_id', 'key_version', 'private_key', 'public_key_pem'])
    .where('key_id', '=', ctx.config.exportKeyId)
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', now)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const privateKeyPem = ctx.secretBox.open(r.private_key);
    // A sealed key that does not match its public half means a corrupted row: refuse to sign.
    const derived = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
    if (derived !== r.public_key_pem) throw new Error(`signing key ${r.key_id}/${r.key_version} is corrupted`);
    return { keyId: r.key_id, keyVersion: r.key_version, privateKeyPem };
  });
}
