/**
 * Builds the message channels from configuration: Kannel SMS when KANNEL_SENDSMS_URL is set,
 * Zalo ZNS when its app id, secret and refresh token are. Zalo's rotating tokens are stored
 * sealed (SecretBox) in rollout_channel_state, so a restart keeps the latest refresh token.
 */
import { createHmac } from 'node:crypto';
import type { ServerContext } from '../feature';
import type { ChannelName, MessageChannel } from './message-channel';
import { KannelSmsChannel } from './sms-kannel';
import { rolloutDb } from './unit-repository';
import { type ZaloTokenStore, type ZaloTokens, ZaloZnsChannel } from './zalo-zns';

const ZALO_STATE = 'zalo_tokens';

export async function dlrSigner(ctx: ServerContext): Promise<(id: string) => string> {
  const secret = await ctx.secrets.get('rollout_dlr_secret', () =>
    Buffer.from(ctx.random.bytes(32)).toString('base64url'),
  );
  return (id) => createHmac('sha256', secret).update(id).digest('base64url').slice(0, 22);
}

function zaloStore(ctx: ServerContext): ZaloTokenStore {
  const db = rolloutDb(ctx.database);
  return {
    async load() {
      const row = await db
        .selectFrom('rollout_channel_state')
        .select('value')
        .where('name', '=', ZALO_STATE)
        .executeTakeFirst();
      return row ? (JSON.parse(ctx.secretBox.open(row.value)) as ZaloTokens) : undefined;
    },
    async save(tokens) {
      const value = ctx.secretBox.seal(JSON.stringify(tokens));
      await db
        .insertInto('rollout_channel_state')
        .values({ name: ZALO_STATE, value, updated_at: ctx.clock.now() })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: ctx.clock.now() }))
        .execute();
    },
  };
}

export async function channelsFromConfig(ctx: ServerContext): Promise<Partial<Record<ChannelName, MessageChannel>>> {
  const c = ctx.config.rollout;
  const channels: Partial<Record<ChannelName, MessageChannel>> = {};
  if (c.kannelSendsmsUrl) {
    channels.sms = new KannelSmsChannel({
      sendsmsUrl: c.kannelSendsmsUrl,
      username: c.kannelUsername,
      password: c.kannelPassword,
      from: c.smsSender,
      dlrUrl: `${c.publicBaseUrl.replace(/\/$/, '')}/api/rollout/sms/dlr`,
      dlrSignature: await dlrSigner(ctx),
    });
  }
  if (c.zaloAppId && c.zaloSecretKey && c.zaloRefreshToken) {
    channels.zalo = new ZaloZnsChannel({
      apiBase: c.zaloApiBase,
      oauthUrl: c.zaloOauthUrl,
      appId: c.zaloAppId,
      secretKey: c.zaloSecretKey,
      initialRefreshToken: c.zaloRefreshToken,
      store: zaloStore(ctx),
      now: () => ctx.clock.now(),
    });
  }
  return channels;
}
