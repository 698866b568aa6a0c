import { createServer, type Server } from 'node:http';
import { decodeUcs2, joinParts, type KannelGateway, kannelAvailable, startKannel } from '@bluezone/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KannelSmsChannel, kannelDlrStatus } from '../../src/messaging/sms-kannel';
import { smsSegments } from '../../src/messaging/sms-segments';
import { RolloutError } from '../../src/rollout-error';

describe.runIf(kannelAvailable())('SMS through a real Kannel gateway (bearerbox + smsbox + fakesmsc)', () => {
  let kannel: KannelGateway;
  let dlrServer: Server;
  let dlrUrl: string;
  const reports: URLSearchParams[] = [];

  beforeAll(async () => {
    kannel = await startKannel();
    dlrServer = createServer((req, res) => {
      reports.push(new URL(req.url ?? '/', 'http://x').searchParams);
      res.end('ok');
    });
    await new Promise<void>((r) => dlrServer.listen(0, '127.0.0.1', r));
    const addr = dlrServer.address();
    dlrUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/rollout/sms/dlr`;
  });
  afterAll(async () => {
    await kannel?.stop();
    await new Promise((r) => dlrServer?.close(r));
  });

  const channel = () =>
    new KannelSmsChannel({
      sendsmsUrl: kannel.sendsmsUrl,
      username: kannel.username,
      password: kannel.password,
      from: 'BLUEZONE',
      dlrUrl,
    });

  it('delivers Vietnamese text as UCS-2 with diacritics intact, and reports delivery', async () => {
    const before = kannel.received().length;
    const text = 'Xin chào! Hãy cài Bluezone để bảo vệ bản thân, gia đình và cộng đồng.';
    expect(text.length).toBeLessThanOrEqual(70);
    const receipt = await channel().send({ id: 'out-1', to: '+84912345678', text });
    expect(receipt.segments).toBe(1);
    const got = (await kannel.waitForMessages(before + 1)).slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]?.ucs2).toBe(true);
    expect(got[0]?.from).toBe('BLUEZONE');
    expect(got[0]?.to).toBe('+84912345678');
    expect(decodeUcs2(got[0]?.data ?? Buffer.alloc(0))).toBe(text);
    // fakesmsc acknowledges; bearerbox calls our dlr-url with the outbox id and the DLR type. The
    // SMSC's acknowledgement (pending) can come before the final report: wait for the final one.
    await expect
      .poll(() => reports.filter((r) => r.get('id') === 'out-1').map((r) => kannelDlrStatus(Number(r.get('type')))), {
        timeout: 10_000,
      })
      .toContain('delivered');
  });

  it('splits a long Vietnamese message into the number of parts we predicted', async () => {
    const before = kannel.received().length;
    const text = 'Ủy ban nhân dân huyện Nam Đông đề nghị mọi người dân cài đặt ứng dụng Bluezone. '.repeat(3).trim();
    const seg = smsSegments(text);
    expect(seg.encoding).toBe('ucs2');
    expect(seg.segments).toBe(Math.ceil(text.length / 67));
    await channel().send({ id: 'out-2', to: '+84987654321', text });
    const parts = (await kannel.waitForMessages(before + seg.segments)).slice(before);
    expect(parts).toHaveLength(seg.segments);
    for (const p of parts) {
      // UDH: IEI 0x00 (concatenated, 8-bit ref), total = our count.
      expect(p.udh?.[1]).toBe(0x00);
      expect(p.udh?.[4]).toBe(seg.segments);
      expect(p.data.length).toBeLessThanOrEqual(134);
    }
    expect(joinParts(parts, decodeUcs2)).toBe(text);
  });

  it('sends plain ASCII as GSM-7, counting extension characters twice', async () => {
    const before = kannel.received().length;
    // 150 letters + 4 braces (2 septets each) = 158 septets → still one SMS.
    const text = `${'a'.repeat(150)}{{}}`;
    expect(smsSegments(text)).toMatchObject({ encoding: 'gsm7', units: 158, segments: 1 });
    await channel().send({ id: 'out-3', to: '+84912345678', text });
    const got = (await kannel.waitForMessages(before + 1)).slice(before);
    expect(got[0]?.ucs2).toBe(false);
    expect(got[0]?.data.toString('latin1')).toBe(text);
    // Two more braces make 162 septets: two parts, as bearerbox splits it.
    const before2 = kannel.received().length;
    const longer = `${text}{}`;
    expect(smsSegments(longer).segments).toBe(2);
    await channel().send({ id: 'out-4', to: '+84912345678', text: longer });
    const parts = (await kannel.waitForMessages(before2 + 2)).slice(before2);
    expect(parts).toHaveLength(2);
    expect(joinParts(parts, (b) => b.toString('latin1'))).toBe(longer);
  });

  it('refuses wrong credentials as a permanent rejection', async () => {
    const bad = new KannelSmsChannel({
      sendsmsUrl: kannel.sendsmsUrl,
      username: kannel.username,
      password: 'wrong',
      from: 'BLUEZONE',
    });
    const err = await bad.send({ id: 'x', to: '+84912345678', text: 'hi' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RolloutError);
    expect((err as RolloutError).code).toBe('channel_rejected');
  });
});

describe('Kannel channel when the gateway is down', () => {
  it('fails retryably', async () => {
    const ch = new KannelSmsChannel({
      sendsmsUrl: 'http://127.0.0.1:9/cgi-bin/sendsms',
      username: 'u',
      password: 'p',
      from: 'B',
      timeoutMs: 2000,
    });
    const err = await ch.send({ id: 'x', to: '+84912345678', text: 'hi' }).catch((e: unknown) => e);
    expect((err as RolloutError).code).toBe('channel_failed');
  });
});
