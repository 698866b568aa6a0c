// ZNS against a local node:http server that follows Zalo's published request/response shapes,
// including expired tokens, refresh-token rotation and refused refreshes.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { DIALECTS } from '@bluezone/test-support/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelsFromConfig } from '../../src/messaging/message-channels';
import { enqueueMessage } from '../../src/messaging/outbox-repository';
import { OutboxWorker } from '../../src/messaging/outbox-worker';
import { MemoryZaloTokenStore, ZaloZnsChannel } from '../../src/messaging/zalo-zns';
import { RolloutError } from '../../src/rollout-error';
import { createRolloutTestContext } from '../support/rollout-test-context';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('Zalo ZNS channel', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let validAccess = new Set<string>();
  let validRefresh = new Set<string>(['refresh-0']);
  let issued = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ path: req.url ?? '', headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        if (req.url === '/v4/oa/access_token') {
          const form = new URLSearchParams(body);
          if (
            req.headers.secret_key !== 'app-secret' ||
            form.get('app_id') !== '1234' ||
            form.get('grant_type') !== 'refresh_token'
          ) {
            res.end(
              JSON.stringify({
                error: -14002,
                error_name: 'Invalid app',
                error_description: 'secret_key or app_id is wrong',
              }),
            );
            return;
          }
          const rt = form.get('refresh_token') ?? '';
          if (!validRefresh.has(rt)) {
            res.end(
              JSON.stringify({
                error: -14014,
                error_name: 'Invalid refresh token',
                error_description: 'refresh token is used or expired',
              }),
            );
            return;
          }
          validRefresh.delete(rt); // single use
          issued++;
          validAccess.add(`access-${issued}`);
          validRefresh.add(`refresh-${issued}`);
          res.end(
            JSON.stringify({
              access_token: `access-${issued}`,
              refresh_token: `refresh-${issued}`,
              expires_in: '90000',
            }),
          );
          return;
        }
        if (req.url === '/message/template') {
          if (!validAccess.has(String(req.headers.access_token))) {
            res.end(JSON.stringify({ error: -124, message: 'Access token is invalid' }));
            return;
          }
          const msg = JSON.parse(body) as { phone: string; template_id: string };
          if (msg.template_id === 'bad') {
            res.end(JSON.stringify({ error: -1124, message: 'Template is not approved' }));
            return;
          }
          if (msg.template_id === 'boom') {
            res.statusCode = 503;
            res.end('{}');
            return;
          }
          res.end(
            JSON.stringify({
              error: 0,
              message: 'Success',
              data: {
                msg_id: `msg-${seen.length}`,
                sent_time: '1700000000000',
                quota: { dailyQuota: '500', remainingQuota: '499' },
              },
            }),
          );
          return;
        }
        res.statusCode = 404;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => {
    seen.length = 0;
    validAccess = new Set();
    validRefresh = new Set(['refresh-0']);
    issued = 0;
  });

  let now = 1_700_000_000_000;
  const channel = (store = new MemoryZaloTokenStore(), secretKey = 'app-secret') =>
    new ZaloZnsChannel({
      apiBase: base,
      oauthUrl: `${base}/v4/oa/access_token`,
      appId: '1234',
      secretKey,
      initialRefreshToken: 'refresh-0',
      store,
      now: () => now,
    });
  const message = (templateId = '2561', id = 'out-1') => ({
    id,
    to: '+84912345678',
    text: 'Nhắc cài Bluezone',
    zalo: { templateId, templateData: { name: 'Nguyễn Văn A', unit: 'Thôn 2' } },
  });

  it('refreshes the token first, then sends the template with the published body', async () => {
    const store = new MemoryZaloTokenStore();
    const receipt = await channel(store).send(message());
    expect(receipt.providerRef).toMatch(/^msg-/);
    expect(seen.map((s) => s.path)).toEqual(['/v4/oa/access_token', '/message/template']);
    expect(seen[1]?.headers.access_token).toBe('access-1');
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({
      phone: '84912345678',
      template_id: '2561',
      template_data: { name: 'Nguyễn Văn A', unit: 'Thôn 2' },
      tracking_id: 'out-1',
    });
    // The rotated refresh token is stored: the old one is spent.
    expect(await store.load()).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('refreshes when the stored token has expired, and when the API says it is invalid', async () => {
    const store = new MemoryZaloTokenStore();
    const ch = channel(store);
    await ch.send(message());
    now += 90_000_000; // past expires_in
    await ch.send(message());
    expect(seen.filter((s) => s.path === '/v4/oa/access_token')).toHaveLength(2);
    // Revoked server-side before expiry: error -124, one refresh, one retry.
    validAccess.clear();
    seen.length = 0;
    await ch.send(message());
    expect(seen.map((s) => s.path)).toEqual(['/message/template', '/v4/oa/access_token', '/message/template']);
  });

  it('refreshes once for concurrent sends', async () => {
    const ch = channel();
    await Promise.all([ch.send(message('2561', 'a')), ch.send(message('2561', 'b')), ch.send(message('2561', 'c'))]);
    expect(seen.filter((s) => s.path === '/v4/oa/access_token')).toHaveLength(1);
  });

  it('maps errors: refused template and bad app secret are permanent, 5xx is retryable', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'none',
        (e: unknown) => (e instanceof RolloutError ? e.code : 'other'),
      );
    const store = new MemoryZaloTokenStore();
    expect(await code(channel(store).send(message('bad')))).toBe('channel_rejected');
    expect(await code(channel(store).send(message('boom')))).toBe('channel_failed');
    // The spent refresh token is refused: the OA must be re-authorised.
    expect(await code(channel().send(message()))).toBe('channel_rejected');
    expect(await code(channel(new MemoryZaloTokenStore(), 'wrong').send(message()))).toBe('channel_rejected');
    expect(await code(channel().send({ id: 'x', to: '+84912345678', text: 'no template' }))).toBe('channel_rejected');
  });

  it('sends campaign rows through the outbox, with sealed token storage from the server config', async () => {
    const t = await createRolloutTestContext(DIALECTS[0] ?? 'sqlite', {
      ZALO_API_BASE: base,
      ZALO_OAUTH_URL: `${base}/v4/oa/access_token`,
      ZALO_APP_ID: '1234',
      ZALO_SECRET_KEY: 'app-secret',
      ZALO_REFRESH_TOKEN: 'refresh-0',
    });
    try {
      const db = t.db;
      const channels = await channelsFromConfig(t.ctx, t.rollout);
      expect(channels.zalo).toBeDefined();
      expect(channels.sms).toBeUndefined();
      const ok = await enqueueMessage(db, t.clock, {
        kind: 'campaign',
        channel: 'zalo',
        phone: '0912345678',
        text: 'Nhắc cài Bluezone',
        zalo: {
          templateId: '2561',
          templateData: { name: 'Chị Hoa', link: 'https://bluezone.gov.vn/install?unit=20164-02' },
        },
        dedupeKey: 'zalo:1',
      });
      const refused = await enqueueMessage(db, t.clock, {
        kind: 'campaign',
        channel: 'zalo',
        phone: '0912345679',
        text: 'x',
        zalo: { templateId: 'bad', templateData: {} },
        dedupeKey: 'zalo:2',
      });
      const stats = await new OutboxWorker(db, t.clock, channels).runOnce();
      expect(stats).toMatchObject({ sent: 1, failed: 1 });
      const sent = JSON.parse(
        seen.find((s) => s.path === '/message/template' && s.body.includes('2561'))?.body ?? '{}',
      );
      expect(sent).toEqual({
        phone: '84912345678',
        template_id: '2561',
        template_data: { name: 'Chị Hoa', link: 'https://bluezone.gov.vn/install?unit=20164-02' },
        tracking_id: ok.id,
      });
      const rows = await db
        .selectFrom('rollout_outbox')
        .select(['id', 'status', 'provider_ref', 'last_error'])
        .execute();
      expect(rows.find((r) => r.id === ok.id)).toMatchObject({
        status: 'sent',
        provider_ref: expect.stringMatching(/^msg-/),
      });
      expect(rows.find((r) => r.id === refused.id)?.last_error).toContain('-1124');
      // The rotated tokens are stored sealed: the refresh token never appears in clear.
      const state = await db.selectFrom('rollout_channel_state').selectAll().execute();
      expect(state).toHaveLength(1);
      expect(state[0]?.value).not.toContain('refresh-1');
      expect(JSON.parse(t.ctx.secretBox.open(state[0]?.value ?? ''))).toMatchObject({ refreshToken: 'refresh-1' });
    } finally {
      await t.cleanup();
    }
  });
});
