/**
 * Builds the message channels from configuration: Kannel SMS when KANNEL_SENDSMS_URL is set,
 * Zalo ZNS when its app id, secret and refresh token are. Zalo's rotating tokens are stored
 * sealed (SecretBox) in rollout_channel_state, so a restart keeps the latest refresh token.
 */
import { createHmac } from 'node:crypto';
import type { ServerContext } from '@bluezone/server';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import type { ChannelName, MessageChannel } from './message-channel';
import { loadChannelState, saveChannelState } from './messaging-repository';
import { KannelSmsChannel } from './sms-kannel';
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
      const value = await loadChannelState(db, ZALO_STATE);
      return value === undefined ? undefined : (JSON.parse(ctx.secretBox.open(value)) as ZaloTokens);
    },
    async save(tokens) {
      await saveChannelState(db, ctx.clock, ZALO_STATE, ctx.secretBox.seal(JSON.stringify(tokens)));
    },
  };
}

export async function channelsFromConfig(
  ctx: ServerContext,
  c: RolloutConfig,
): Promise<Partial<Record<ChannelName, MessageChannel>>> {
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
