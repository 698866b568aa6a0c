// End to end against the REAL key server (packages/server) on a loopback port with a temp
// SQLite data dir and its export worker running: a health worker issues a code, an infected
// phone reports positive through verify → certificate → publish, the server exports signed
// files, and a phone that was near it gets notified while one that was not does not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BluezoneClient,
  type ClientStore,
  DecoyTraffic,
  type ExposureEvent,
  KeyServerClient,
  MemoryRadio,
  MemoryStore,
  seededRandom,
} from '@bluezone/client';
import { openSqliteStore } from '@bluezone/client/sqlite';
import { ManualClock, portableBackend } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { createApiKey, KEY_SERVER_FEATURES, loadConfig, type RunningServer, startServer } from '@bluezone/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, MIDNIGHT, MINUTE_MS } from './backends';

const RUNS = [
  { backend: portableBackend, store: 'sqlite' },
  { backend: nodeBackend, store: 'memory' },
] as const;

/** Polls `url` (real time: the server's export worker runs on a 1-second timer) until `ok`. */
async function waitFor(url: string, ok: (text: string) => boolean): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(url);
    const text = res.ok ? await res.text() : '';
    if (res.ok && ok(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${url}`);
}

describe.each(RUNS)('client SDK against the real key server ($backend.name, $store store)', ({ backend, store }) => {
  const clock = new ManualClock(MIDNIGHT + 9 * 3_600_000);
  let dir: string;
  let server: RunningServer;
  let adminKey: string;
  let deviceKey: string;
  let publicKeyPem: string;
  const stores: ClientStore[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bluezone-client-e2e-'));
    const config = loadConfig(
      {
        BLUEZONE_DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        EXPORT_WORKER_INTERVAL_SECONDS: '1',
        EXPORT_MIN_RECORDS: '50',
      },
      dir,
    );
    server = await startServer(config, { clock, features: KEY_SERVER_FEATURES });
    adminKey = (await createApiKey(server.context.database, clock, 'admin')).key;
    deviceKey = (await createApiKey(server.context.database, clock, 'device')).key;
    // The export worker publishes the public key on its first run.
    publicKeyPem = await waitFor(`${server.url}/exports/VN/public-key.pem`, (t) => t.includes('PUBLIC KEY'));
  });

  afterAll(async () => {
    for (const s of stores) await s.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The health station issues a verification code (admin API key). */
  const issue = async (testType: 'confirmed' | 'likely' | 'negative', symptomDate?: string): Promise<string> => {
    const res = await fetch(`${server.url}/api/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
      body: JSON.stringify(symptomDate === undefined ? { testType } : { testType, symptomDate }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { code: string }).code;
  };

  const phone = async (id: string, radio: MemoryRadio, seed: number) => {
    const s = store === 'sqlite' ? await openSqliteStore(join(dir, `${id}.db`)) : new MemoryStore();
    stores.push(s);
    const client = new BluezoneClient({
      store: s,
      transport: radio.transport(id),
      backend,
      clock,
      random: seededRandom(seed),
      sleep: async () => {},
      server: {
        verificationUrl: server.url,
        keyServerUrl: server.url,
        exportBaseUrl: `${server.url}/exports/`,
        apiKey: deviceKey,
        region: 'VN',
        healthAuthorityID: 'vn.bluezone',
        publicKeys: [{ pem: publicKeyPem, keyId: '452' }],
      },
      decoys: false,
    });
    const events: ExposureEvent[] = [];
    client.onEvent((e) => events.push(e));
    await client.start();
    return { client, events };
  };

  it('an F0 reports positive; the phone near it is notified of that day, the far one is not', async () => {
    // A and B share a room (−55 dBm); C is out of everyone's range.
    const radio = new MemoryRadio({ clock, random: seededRandom(0) }, (from, to) =>
      from === 'c' || to === 'c' ? undefined : -55,
    );
    const a = await phone('a', radio, 1);
    const b = await phone('b', radio, 2);
    const c = await phone('c', radio, 3);
    for (let m = 0; m < 45; m++) {
      for (const p of [a, b, c]) await p.client.tick();
      radio.scan();
      clock.advance(MINUTE_MS);
    }

    // Next morning the health station issues a code; A enters it.
    clock.advance(DAY_MS);
    const report = await a.client.reportPositive({ code: await issue('confirmed', '2026-11-20') });
    expect(report.testType).toBe('confirmed');
    expect(report.insertedExposures).toBe(report.keysPublished);
    expect(report.keysPublished).toBe(2); // yesterday's key, and today's cut at now (same-day release)

    // The export window (4 h) closes; the worker signs and lists the file: names are
    // `<start>-<end>-<batch>.zip` in Unix seconds, and it runs window after window.
    const publishedAt = clock.now() / 1000;
    clock.advance(5 * 3_600_000);
    await waitFor(`${server.url}/exports/VN/index.txt`, (t) =>
      t.split('\n').some((line) => Number(/-(\d+)-\d+\.zip$/.exec(line)?.[1]) > publishedAt),
    );

    const checkB = await b.client.checkExposure();
    expect(checkB.processed.length).toBeGreaterThan(0);
    expect(checkB.rejected).toEqual([]);
    expect(checkB.keysMatched).toBe(1);
    expect(checkB.notifications.map((n) => [n.day, n.level])).toEqual([['2026-11-20', 'high']]);
    expect(b.events).toEqual(checkB.notifications);

    const checkC = await c.client.checkExposure();
    expect(checkC.processed).toEqual(checkB.processed);
    expect(checkC.keysMatched).toBe(0);
    expect(checkC.notifications).toEqual([]);

    // Idempotent: checking again downloads nothing new and notifies nothing.
    const again = await b.client.checkExposure();
    expect(again.processed).toEqual([]);
    expect(again.notifications).toEqual([]);
    expect(b.events).toHaveLength(1);
  });

  it("a 'likely' report notifies; a later negative test revokes the keys and the exposure goes", async () => {
    const radio = new MemoryRadio({ clock, random: seededRandom(20) });
    const e = await phone('e', radio, 21);
    const f = await phone('f', radio, 22);
    clock.advance(DAY_MS - (clock.now() % DAY_MS) + 10 * 3_600_000); // 10:00 the next day
    const contactDay = new Date(clock.now()).toISOString().slice(0, 10);
    for (let m = 0; m < 45; m++) {
      for (const p of [e, f]) await p.client.tick();
      radio.scan();
      clock.advance(MINUTE_MS);
    }
    clock.advance(DAY_MS);
    const exportedAfter = async (since: number) => {
      clock.advance(5 * 3_600_000);
      await waitFor(`${server.url}/exports/VN/index.txt`, (t) =>
        t.split('\n').some((line) => Number(/-(\d+)-\d+\.zip$/.exec(line)?.[1]) > since / 1000),
      );
    };

    const likely = await e.client.reportPositive({ code: await issue('likely', contactDay) });
    expect(likely.testType).toBe('likely');
    expect(likely.insertedExposures).toBe(likely.keysPublished);
    await exportedAfter(clock.now());
    const first = await f.client.checkExposure();
    expect(first.notifications.map((n) => [n.day, n.level])).toEqual([[contactDay, 'high']]);

    const negative = await e.client.reportPositive({ code: await issue('negative') });
    expect(negative.testType).toBe('negative');
    await exportedAfter(clock.now());
    const second = await f.client.checkExposure();
    expect(second.processed.length).toBeGreaterThan(0);
    expect(second.dailySummaries.filter((d) => d.dayUnixSeconds * 1000 === Date.parse(contactDay))).toEqual([]);
    expect(second.notifications).toEqual([]);
  });

  it('decoy reports are accepted by the real servers, which store nothing', async () => {
    const { db } = server.context.database;
    const rows = async () =>
      Promise.all(
        (['exposure', 'publish_log', 'token', 'used_certificate'] as const).map(
          async (table) => (await db.selectFrom(table).selectAll().execute()).length,
        ),
      );
    const before = await rows();
    const client = new KeyServerClient(
      { verificationUrl: server.url, keyServerUrl: server.url, apiKey: deviceKey },
      { fetch, random: seededRandom(5) },
    );
    const decoys = new DecoyTraffic({
      client,
      store: new MemoryStore(),
      clock,
      random: seededRandom(6),
      healthAuthorityID: 'vn.bluezone',
    });
    await decoys.send();
    await decoys.send();
    expect(decoys.stats).toEqual({ sent: 2, failed: 0 });
    expect(await rows()).toEqual(before);
  });
});
