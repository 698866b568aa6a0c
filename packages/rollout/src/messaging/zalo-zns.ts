/**
 * Zalo Notification Service (ZNS): approved template messages to a phone number.
 *
 * Request/response shapes as published by Zalo (developers.zalo.me/docs/zalo-notification-service,
 * mirrored in the @warriorteam/redai-zalo-sdk ZNS service, whose endpoint table lists
 * `https://business.openapi.zalo.me/message/template`):
 *   POST {apiBase}/message/template, header `access_token: <OA access token>`, JSON body
 *   {phone: "84987654321", template_id, template_data: {field: value}, tracking_id}
 *   → {error: 0, message: "Success", data: {msg_id, sent_time, quota: {dailyQuota, remainingQuota}}}
 *   or {error: <negative code>, message}. Error -124 means the access token is invalid or expired.
 * OAuth v4 (hexasync/beehexa guides to the Zalo OA API): access tokens live about 25 h; a new one
 * comes from POST https://oauth.zaloapp.com/v4/oa/access_token, header `secret_key`, form body
 * refresh_token, app_id, grant_type=refresh_token → {access_token, refresh_token, expires_in}.
 * Each refresh token works once, so the new one must be stored before the old is forgotten.
 */

import { RolloutError } from '../rollout-error';
import type { MessageChannel, OutboundMessage, SendReceipt } from './message-channel';

export interface ZaloTokens {
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** Durable storage of the rotating tokens (the database in the server; memory in tests). */
export interface ZaloTokenStore {
  load(): Promise<ZaloTokens | undefined>;
  save(tokens: ZaloTokens): Promise<void>;
}

export interface ZaloConfig {
  apiBase: string;
  oauthUrl: string;
  appId: string;
  secretKey: string;
  /** Used when the store holds nothing yet. */
  initialRefreshToken: string;
  store: ZaloTokenStore;
  now?: () => number;
  timeoutMs?: number;
}

const TOKEN_INVALID = -124;
/** Refresh a minute early so a token never expires between check and use. */
const EARLY_MS = 60_000;

export class ZaloZnsChannel implements MessageChannel {
  readonly name = 'zalo' as const;
  private refreshing: Promise<ZaloTokens> | undefined;

  constructor(private readonly config: ZaloConfig) {}

  private now(): number {
    return this.config.now?.() ?? Date.now();
  }

  private async post(url: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, method: 'POST', signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000) });
    } catch (err) {
      throw new RolloutError('channel_failed', `Zalo unreachable: ${(err as Error).message}`);
    }
    if (res.status >= 500) throw new RolloutError('channel_failed', `Zalo HTTP ${res.status}`);
    try {
      return await res.json();
    } catch {
      throw new RolloutError('channel_failed', `Zalo answered HTTP ${res.status} without JSON`);
    }
  }

  /** Exchanges the stored refresh token for new tokens; one refresh at a time per process. */
  refresh(): Promise<ZaloTokens> {
    this.refreshing ??= (async () => {
      try {
        const current = await this.config.store.load();
        const refreshToken = current?.refreshToken ?? this.config.initialRefreshToken;
        if (!refreshToken)
          throw new RolloutError('channel_rejected', 'no Zalo refresh token configured (ZALO_REFRESH_TOKEN)');
        const body = (await this.post(this.config.oauthUrl, {
          headers: { secret_key: this.config.secretKey, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            refresh_token: refreshToken,
            app_id: this.config.appId,
            grant_type: 'refresh_token',
          }).toString(),
        })) as {
          access_token?: string;
          refresh_token?: string;
          expires_in?: string | number;
          error?: number;
          error_description?: string;
        };
        if (!body.access_token || !body.refresh_token) {
          throw new RolloutError(
            'channel_rejected',
            `Zalo token refresh refused (${body.error ?? '?'}: ${body.error_description ?? 'no access_token'}); re-authorise the OA`,
          );
        }
        const tokens = {
          accessToken: body.access_token,
          refreshToken: body.refresh_token,
          expiresAt: this.now() + Number(body.expires_in ?? 3600) * 1000,
        };
        await this.config.store.save(tokens);
        return tokens;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async accessToken(): Promise<string> {
    const tokens = await this.config.store.load();
    if (tokens && tokens.expiresAt - EARLY_MS > this.now()) return tokens.accessToken;
    return (await this.refresh()).accessToken;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    if (!message.zalo) throw new RolloutError('channel_rejected', 'a Zalo message needs a template id and data');
    const payload = JSON.stringify({
      // ZNS wants the number without "+": 84xxxxxxxxx.
      phone: message.to.replace(/^\+/, ''),
      template_id: message.zalo.templateId,
      template_data: message.zalo.templateData,
      tracking_id: message.id,
    });
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const body = (await this.post(`${this.config.apiBase}/message/template`, {
        headers: { access_token: token, 'content-type': 'application/json' },
        body: payload,
      })) as { error?: number; message?: string; data?: { msg_id?: string } };
      if (body.error === 0) return body.data?.msg_id ? { providerRef: body.data.msg_id } : {};
      if (body.error === TOKEN_INVALID && attempt === 0) {
        await this.refresh();
        continue;
      }
      throw new RolloutError('channel_rejected', `Zalo ZNS error ${body.error ?? '?'}: ${body.message ?? 'unknown'}`);
    }
  }
}

export class MemoryZaloTokenStore implements ZaloTokenStore {
  constructor(private tokens?: ZaloTokens) {}
  async load() {
    return this.tokens;
  }
  async save(tokens: ZaloTokens) {
    this.tokens = tokens;
  }
}
