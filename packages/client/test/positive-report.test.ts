import {
  DecoyTraffic,
  KeySchedule,
  KeyServerClient,
  MemoryStore,
  PADDED_BODY_BYTES,
  PositiveReporter,
  paddedJson,
  REVISION_TOKEN_SETTING,
  seededRandom,
} from '@bluezone/client';
import { fromBase64, intervalNumber, ManualClock } from '@bluezone/protocol';
import { fakeServers } from '@bluezone/test-support/fakes';
import { describe, expect, it } from 'vitest';
import { BACKENDS, DAY_MS, MIDNIGHT } from './backends';

const ENDPOINTS = { verificationUrl: 'http://verify.test/', keyServerUrl: 'http://keys.test', apiKey: 'device-key' };
const METADATA = { majorVersion: 1, minorVersion: 0, calibrationConfidence: 0, txPowerDbm: -24 };

describe('paddedJson', () => {
  it('pads every body to the same exact size, as valid JSON', () => {
    const random = seededRandom(1);
    const a = paddedJson({ code: '1' }, 1024, random);
    const b = paddedJson({ code: '12345678', accept: ['confirmed', 'likely'] }, 1024, random);
    expect(a.length).toBe(1024);
    expect(b.length).toBe(1024);
    expect(JSON.parse(b)).toMatchObject({ code: '12345678' });
    expect(() => fromBase64(JSON.parse(a).padding)).not.toThrow();
  });

  it('grows to the next KiB when the body is larger than the target', () => {
    expect(paddedJson({ big: 'x'.repeat(1500) }, 1024, seededRandom(1)).length).toBe(2048);
  });
});

for (const backend of BACKENDS) {
  describe(`PositiveReporter (${backend.name})`, () => {
    const setup = (failures?: Record<string, number[]>) => {
      const clock = new ManualClock(MIDNIGHT);
      const store = new MemoryStore();
      const random = seededRandom(3);
      const servers = fakeServers(backend, failures === undefined ? {} : { failures });
      const sleeps: number[] = [];
      const sleep = async (ms: number) => {
        sleeps.push(ms);
      };
      const keySchedule = new KeySchedule({ backend, store, clock, random, metadata: METADATA });
      const client = new KeyServerClient(ENDPOINTS, { fetch: servers.fetch, random });
      const reporter = new PositiveReporter({
        backend,
        random,
        sleep,
        keySchedule,
        client,
        store,
        healthAuthorityID: 'vn.bluezone',
        retry: { attempts: 3, baseDelayMs: 1000, maxDelayMs: 5000 },
      });
      return { clock, store, servers, sleeps, keySchedule, reporter, client, random };
    };

    it('verifies, certifies the HMAC of its keys and publishes them', async () => {
      const { clock, store, servers, keySchedule, reporter } = setup();
      for (let d = 0; d < 3; d++) {
        await keySchedule.currentKey();
        clock.advance(DAY_MS);
      }
      clock.advance(12 * 3_600_000);
      const result = await reporter.report({ code: '12345678' });
      expect(result).toMatchObject({
        testType: 'confirmed',
        keysPublished: 4,
        revisionToken: 'rev-1',
        insertedExposures: 4,
      });
      expect(servers.calls.map((c) => new URL(c.url).pathname)).toEqual([
        '/api/verify',
        '/api/certificate',
        '/v1/publish',
      ]);
      const [verify, certificate, publish] = servers.calls;
      expect(verify?.headers['x-api-key']).toBe('device-key');
      expect(verify?.headers['x-chaff']).toBeUndefined();
      expect(verify?.json).toMatchObject({ code: '12345678', accept: ['confirmed', 'likely', 'negative'] });
      expect(verify?.body.length).toBe(PADDED_BODY_BYTES.verify);
      expect(certificate?.body.length).toBe(PADDED_BODY_BYTES.certificate);
      expect(publish?.body.length).toBe(PADDED_BODY_BYTES.publish);
      expect(publish?.headers['x-api-key']).toBeUndefined();
      expect(publish?.json).toMatchObject({
        healthAuthorityID: 'vn.bluezone',
        verificationPayload: 'cert-1',
        symptomOnsetInterval: intervalNumber(Date.UTC(2026, 10, 25) / 1000),
        traveler: false,
        revisionToken: '',
      });
      expect(fromBase64(String(publish?.json.hmacKey)).length).toBe(32);
      const keys = servers.published[0] ?? [];
      expect(keys.map((k) => k.rollingPeriod)).toEqual([144, 144, 144, 72]);
      expect(await store.getSetting(REVISION_TOKEN_SETTING)).toBe('rev-1');
    });

    it('sends the stored revision token on the next report', async () => {
      const { clock, servers, reporter } = setup();
      clock.advance(3_600_000);
      await reporter.report({ code: '12345678' });
      clock.advance(3_600_000);
      await reporter.report({ code: '12345678' });
      expect(servers.calls.at(-1)?.json.revisionToken).toBe('rev-1');
    });

    it('publishes nothing for a negative result when it never uploaded', async () => {
      const { clock, store, servers, keySchedule, reporter } = setup();
      clock.advance(3_600_000);
      const key = await keySchedule.currentKey();
      const result = await reporter.report({ code: '00000000' });
      expect(result).toMatchObject({ testType: 'negative', keysPublished: 0 });
      expect(servers.calls.map((c) => new URL(c.url).pathname)).toEqual(['/api/verify']);
      expect(await store.listKeys()).toEqual([key]);
    });

    it('revokes its earlier upload with the same keys and the revision token on a negative result', async () => {
      const { clock, servers, reporter } = setup();
      clock.advance(DAY_MS + 3_600_000);
      await reporter.report({ code: '12345678' });
      clock.advance(3_600_000);
      const result = await reporter.report({ code: '00000000' });
      expect(result.testType).toBe('negative');
      const publishes = servers.calls.filter((c) => c.url.endsWith('/v1/publish'));
      expect(publishes.at(-1)?.json.revisionToken).toBe('rev-1');
      const ids = (keys: { key: string; rollingStartNumber: number; rollingPeriod: number }[] | undefined) =>
        (keys ?? []).map((k) => `${k.key}.${k.rollingStartNumber}.${k.rollingPeriod}`);
      const revision = ids(servers.published[1]);
      expect(ids(servers.published[0]).length).toBeGreaterThan(0);
      for (const k of ids(servers.published[0])) expect(revision).toContain(k);
    });

    it('retries network errors and 5xx with backoff, within the bound', async () => {
      const { clock, servers, sleeps, reporter } = setup({ '/api/verify': [0, 503], '/v1/publish': [500] });
      clock.advance(3_600_000);
      const result = await reporter.report({ code: '12345678' });
      expect(result.revisionToken).toBe('rev-1');
      expect(servers.calls.map((c) => new URL(c.url).pathname)).toEqual([
        '/api/verify',
        '/api/verify',
        '/api/verify',
        '/api/certificate',
        '/v1/publish',
        '/v1/publish',
      ]);
      expect(sleeps).toHaveLength(3);
      expect(sleeps[0]).toBeLessThan(1000);
      expect(sleeps[1]).toBeLessThan(2000);
    });

    it('gives up after the bounded attempts', async () => {
      const { clock, servers, reporter } = setup({ '/api/verify': [503, 503, 503, 503] });
      clock.advance(3_600_000);
      await expect(reporter.report({ code: '12345678' })).rejects.toMatchObject({
        code: 'server_rejected',
        status: 503,
        problemCode: 'unavailable', // the fake answers as the real server: a problem body
      });
      expect(servers.calls).toHaveLength(3);
    });

    it('does not retry a rejected code, and releases no keys for it', async () => {
      const { clock, store, servers, reporter } = setup();
      clock.advance(3_600_000);
      await expect(reporter.report({ code: '99999999' })).rejects.toMatchObject({
        code: 'server_rejected',
        status: 400,
        problemCode: 'code_invalid',
        message: expect.stringContaining('code_invalid'),
      });
      expect(servers.calls).toHaveLength(1);
      expect(await store.listKeys()).toHaveLength(0);
    });

    it('rejects a malformed code before any network call', async () => {
      const { servers, reporter } = setup();
      await expect(reporter.report({ code: '12 34' })).rejects.toMatchObject({ code: 'invalid_argument' });
      expect(servers.calls).toHaveLength(0);
    });

    it('sends decoy reports marked X-Chaff with the same body sizes, at random times', async () => {
      const { clock, store, servers, client, random } = setup();
      const decoys = new DecoyTraffic({ client, store, clock, random, healthAuthorityID: 'vn.bluezone' });
      expect(await decoys.runIfDue()).toBe(false); // first call only schedules
      let sent = 0;
      for (let h = 0; h < 24 * 30; h++) {
        clock.advance(3_600_000);
        if (await decoys.runIfDue()) sent++;
      }
      // A Poisson process with a 24-hour mean over 30 days: far from 0 and from 720.
      expect(sent).toBeGreaterThan(10);
      expect(sent).toBeLessThan(60);
      expect(decoys.stats).toEqual({ sent, failed: 0 });
      expect(servers.calls).toHaveLength(3 * sent);
      for (const call of servers.calls) {
        expect(call.headers['x-chaff']).toBe('1');
        const path = new URL(call.url).pathname;
        const size =
          path === '/api/verify'
            ? PADDED_BODY_BYTES.verify
            : path === '/api/certificate'
              ? PADDED_BODY_BYTES.certificate
              : PADDED_BODY_BYTES.publish;
        expect(call.body.length).toBe(size);
      }
      expect(servers.published).toHaveLength(0);
    });
  });
}

describe('KeyServerClient answers', () => {
  const client = (answer: unknown) =>
    new KeyServerClient(ENDPOINTS, { fetch: async () => Response.json(answer), random: seededRandom(1) });

  it('parses each answer with the key server contract and refuses one that does not match it', async () => {
    await expect(client({ testtype: 'likely', symptomDate: '', token: 't' }).verify('12345678')).resolves.toEqual({
      testtype: 'likely',
      symptomDate: undefined,
      testDate: undefined,
      token: 't',
    });
    for (const answer of [{ testtype: 'confirmed', token: 42 }, { testtype: 'positive', token: 't' }, { token: 't' }]) {
      await expect(client(answer).verify('12345678')).rejects.toMatchObject({
        name: 'ClientError',
        code: 'invalid_response',
      });
    }
    await expect(client({ certificate: '' }).certificate('t', 'mac')).rejects.toMatchObject({
      code: 'invalid_response',
    });
    const publish = { temporaryExposureKeys: [], healthAuthorityID: 'a', verificationPayload: 'c', hmacKey: 'k' };
    const request = { ...publish, traveler: false, revisionToken: '' };
    await expect(client({ revisionToken: 'r', insertedExposures: '3' }).publish(request)).rejects.toMatchObject({
      code: 'invalid_response',
    });
    await expect(
      client({ revisionToken: 'r', insertedExposures: 3, warnings: ['w'], padding: 'p' }).publish(request),
    ).resolves.toEqual({ revisionToken: 'r', insertedExposures: 3, warnings: ['w'] });
  });
});
