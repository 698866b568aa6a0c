// Gatekeeper mode end to end on the SDK's in-memory radio, against the real key server with the
// rollout toolkit (in process, SQLite): the gatekeeper's phone reads a visitor's pass, listens
// with its own scanner for the identifier the pass committed to, and sends the server the token
// and whether it heard it. Only a phone really advertising that identifier passes as `active`;
// a pass made by a script (the hole found in the field), a phone out of range or with Bluetooth
// off, a relayed pass and a tampered radio part do not. What leaves the gatekeeper's phone is
// recorded: the token, never the identifier or the salt.
import { randomBytes } from 'node:crypto';
import {
  BluezoneClient,
  buildCheckpointPass,
  CheckpointGateClient,
  checkVisitorPass,
  type ListenWindow,
  MemoryRadio,
  MemoryStore,
  newCheckpointKeyPair,
  seededRandom,
} from '@bluezone/client';
import {
  checkpointKeyPair,
  formatCheckpointPass,
  radioCommitment,
  signCheckpointToken,
  splitCheckpointPass,
  toBase64url,
} from '@bluezone/protocol';
import { districtServerFeatures } from '@bluezone/rollout';
import { createApiKey, createApp } from '@bluezone/server';
import { createTestContext, type TestContext } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_SERVER } from './test-server';

describe('gatekeeper mode on the in-memory radio', () => {
  let t: TestContext;
  let fetch: (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Every request the gatekeeper's phone made: what left it. */
  let sent: string[];
  let radio: MemoryRadio;
  /** Who hears whom: the gatekeeper hears everyone in range. */
  let inRange: Set<string>;
  let deviceKey: string;
  let gateKey: string;
  let windows: (() => void)[];
  const window: ListenWindow = () => new Promise((resolve) => windows.push(resolve));

  beforeEach(async () => {
    const features = districtServerFeatures({});
    t = await createTestContext('sqlite', {}, { features });
    // The toolkit's start seeds the Nam Đông units; its outbox timer is not needed here.
    await (await features.find((f) => f.name === 'rollout')?.start?.(t.ctx))?.stop();
    const app = createApp(t.ctx, features);
    sent = [];
    fetch = async (url, init) => app.request(String(url), init);
    const call = async (path: string, body: object, headers: Record<string, string>) =>
      (await fetch(`http://keys.test${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as Record<string, unknown>;
    const admin = (await createApiKey(t.ctx.database, t.clock, 'admin')).key;
    deviceKey = (await createApiKey(t.ctx.database, t.clock, 'device')).key;
    const checkpoint = await call(
      '/api/rollout/checkpoints',
      { unitCode: '483-UBND', name: 'Cổng chính' },
      { 'x-api-key': admin },
    );
    gateKey = (
      await call(`/api/rollout/checkpoints/${checkpoint.id}/gate-keys`, { label: 'Máy cổng' }, { 'x-api-key': admin })
    ).gateKey as string;
    radio = new MemoryRadio({ clock: t.clock, random: seededRandom(1) }, (advertiser, receiver) =>
      receiver === 'gate' && inRange.has(advertiser) ? -58 : undefined,
    );
    inRange = new Set();
    windows = [];
  });
  afterEach(async () => {
    await t.cleanup();
  });

  function phone(id: string, seed: number) {
    return new BluezoneClient({
      store: new MemoryStore(),
      transport: radio.transport(id),
      server: TEST_SERVER,
      clock: t.clock,
      random: seededRandom(seed),
      decoys: false,
    });
  }

  /** A resident's phone: Bluezone running, attested with its checkpoint key. */
  async function visitor(id: string, seed: number) {
    const client = phone(id, seed);
    const key = newCheckpointKeyPair(seededRandom(seed + 100));
    await client.start();
    const res = await fetch('http://keys.test/api/rollout/attest', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': deviceKey },
      body: JSON.stringify({
        unitCode: '20164-01',
        installId: `install-${id}-00000000`,
        appVersion: '1.0',
        tracingActive: true,
        checkpointKey: key.publicKey,
      }),
    });
    expect(res.status).toBe(201);
    const pass = async () =>
      buildCheckpointPass(
        key,
        { issuedAtMs: t.clock.now(), tracingActive: true, advertisement: await client.keySchedule.advertisement() },
        seededRandom(seed + 200),
      ).text;
    return { client, key, pass };
  }

  async function gatekeeper() {
    const gate = phone('gate', 9);
    await gate.start();
    const api = new CheckpointGateClient({
      baseUrl: 'http://keys.test/',
      gateKey,
      fetch: async (url, init) => {
        sent.push(`${String(url)} ${String(init?.body ?? '')} ${JSON.stringify(init?.headers ?? {})}`);
        return fetch(url, init);
      },
    });
    expect(await api.gate()).toMatchObject({ name: 'Cổng chính' });
    return (text: string, direction: 'entry' | 'exit' = 'entry') =>
      checkVisitorPass({ radio: gate, gate: api, clock: t.clock, window }, text, direction);
  }

  it('passes a phone that is advertising the identifier its pass committed to', async () => {
    const v = await visitor('visitor', 2);
    inRange.add('visitor');
    const check = await gatekeeper();
    const pass = await v.pass();
    const verdict = check(pass);
    await Promise.resolve();
    radio.scan(['gate']); // the gatekeeper's scanner hears the visitor's advertisement
    expect(await verdict).toMatchObject({
      kind: 'checked',
      outcome: { result: 'active', radio: 'heard', reasonCode: null },
      rssi: -58,
    });
    expect(windows).toHaveLength(1); // it did not have to wait the window out
    // Nothing but the token left the phone: not the RPI, not the salt, not the radio part.
    const { token, radio: opening } = splitCheckpointPass(pass);
    const wire = sent.join('\n');
    expect(wire).toContain(token);
    for (const secret of [opening?.rpi, opening?.salt]) {
      const b = Buffer.from(secret ?? new Uint8Array());
      for (const form of [b.toString('hex'), b.toString('base64'), toBase64url(b)]) expect(wire).not.toContain(form);
    }
    expect(wire).not.toContain(pass.slice(pass.indexOf('~') + 1));
  });

  it('does not pass a script-made pass: a made-up install, its own key, an identifier no phone advertises', async () => {
    // Before the radio check, this pass scanned `active`.
    const script = checkpointKeyPair(randomBytes(32));
    await fetch('http://keys.test/api/rollout/attest', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': deviceKey },
      body: JSON.stringify({
        unitCode: '20164-01',
        installId: 'made-up-install-0001',
        appVersion: '1.0',
        tracingActive: true,
        checkpointKey: script.publicKey,
      }),
    });
    const opening = { rpi: randomBytes(16), salt: randomBytes(16) };
    const token = signCheckpointToken(script.secretKey, {
      issuedAt: Math.floor(t.clock.now() / 1000),
      nonce: randomBytes(9).toString('base64url'),
      tracingActive: true,
      radioCommitment: radioCommitment(opening),
    });
    // Real phones around the gate are heard; none of them advertises the script's identifier.
    await visitor('bystander', 3);
    inRange.add('bystander');
    const check = await gatekeeper();
    const verdict = check(formatCheckpointPass(token, opening));
    await Promise.resolve();
    radio.scan(['gate']);
    windows[0]?.(); // the listening window closes
    expect(await verdict).toMatchObject({
      kind: 'checked',
      outcome: { result: 'inactive', radio: 'not_heard', reasonCode: 'radio_not_heard' },
      rssi: null,
    });
  });

  it('does not pass a phone out of range (a pass relayed from elsewhere) or with Bluetooth off', async () => {
    const far = await visitor('far', 4);
    const check = await gatekeeper();
    const farVerdict = check(await far.pass());
    await Promise.resolve();
    radio.scan(['gate']);
    windows[0]?.();
    expect(await farVerdict).toMatchObject({ outcome: { result: 'inactive', reasonCode: 'radio_not_heard' } });
    const off = await visitor('off', 5);
    inRange.add('off');
    const pass = await off.pass();
    await off.client.stop();
    const offVerdict = check(pass);
    await Promise.resolve();
    radio.scan(['gate']);
    windows[1]?.();
    expect(await offVerdict).toMatchObject({ outcome: { result: 'inactive', reasonCode: 'radio_not_heard' } });
  });

  it("refuses on the phone, sending nothing, a radio part swapped for a nearby phone's identifier", async () => {
    const cheat = await visitor('cheat', 6);
    const honest = await visitor('honest', 7);
    inRange.add('honest');
    const check = await gatekeeper();
    const sentBefore = sent.length;
    const { token } = splitCheckpointPass(await cheat.pass());
    const nearby = splitCheckpointPass(await honest.pass()).radio;
    if (!nearby) throw new Error('no radio part');
    expect(await check(formatCheckpointPass(token, nearby))).toMatchObject({ kind: 'refused', code: 'radio_mismatch' });
    expect(await check(token)).toMatchObject({ kind: 'refused', code: 'radio_missing' });
    expect(await check('BZC1.e30.AAAA')).toMatchObject({ kind: 'refused', code: 'token_outdated' });
    const old = await honest.pass();
    t.clock.advance(121_000);
    expect(await check(old)).toMatchObject({ kind: 'refused', code: 'token_expired' });
    expect(sent.length).toBe(sentBefore);
    expect(windows).toHaveLength(0);
  });

  it("passes on the server's refusals: a replayed pass", async () => {
    const v = await visitor('visitor', 2);
    inRange.add('visitor');
    const check = await gatekeeper();
    const pass = await v.pass();
    for (const expected of [{ kind: 'checked' }, { kind: 'refused', code: 'token_replayed' }]) {
      const verdict = check(pass, 'exit');
      await Promise.resolve();
      radio.scan(['gate']);
      expect(await verdict).toMatchObject(expected);
    }
  });
});
