import { generateKeyPairSync } from 'node:crypto';
import {
  applyConfiguration,
  type ClientStore,
  ExposureChecker,
  type ExposureEvent,
  KeySchedule,
  MemoryStore,
  SightingRecorder,
  seededRandom,
} from '@bluezone/client';
import {
  type ConfigurationDocument,
  type CryptoBackend,
  CWA_RISK_CONFIGURATION,
  createExportZip,
  DEFAULT_PROXIMITY_PARAMETERS,
  type DiagnosisKey,
  defaultConfiguration,
  ManualClock,
  type ProximityParameters,
  ReportType,
  type RiskConfiguration,
  signConfiguration,
  type TemporaryExposureKey,
  toHex,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { BACKENDS, DAY_MS, MIDNIGHT, MINUTE_MS } from './backends';
import { STORES } from './stores';

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
};
const AUTHORITY = keyPair();
const IMPOSTOR = keyPair();
const SIGNER = { keyId: '452', keyVersion: 'v1', privateKeyPem: AUTHORITY.privateKeyPem };
// TX power −24 dBm in the AEM; receiver correction −5 dB: attenuation = −24 − (RSSI − 5).
const METADATA = { majorVersion: 1, minorVersion: 0, calibrationConfidence: 1, txPowerDbm: -24 };
const RECEIVER = { rssiCorrection: -5, txPower: -24 };

const diagnosis = (keys: TemporaryExposureKey[]): DiagnosisKey[] =>
  keys.map((k) => ({
    ...k,
    transmissionRiskLevel: 0,
    reportType: ReportType.ConfirmedTest,
    daysSinceOnsetOfSymptoms: 0,
  }));

/** A key server's static export host, counting downloads. */
function exportHost() {
  const files = new Map<string, Uint8Array | string>();
  const downloads: string[] = [];
  let failIndex = 0;
  const fetch = async (input: string | URL | Request): Promise<Response> => {
    const path = new URL(String(input)).pathname;
    downloads.push(path);
    if (path.endsWith('index.txt') && failIndex > 0) {
      failIndex--;
      throw new TypeError('fetch failed');
    }
    const body = files.get(path);
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(body as BodyInit);
  };
  const index: string[] = [];
  const publish = (name: string, zip: Uint8Array) => {
    files.set(`/exports/VN/${name}`, zip);
    index.push(`VN/${name}`);
    files.set('/exports/VN/index.txt', `${index.join('\n')}\n`);
  };
  const remove = (name: string) => files.delete(`/exports/VN/${name}`);
  const replaceIndex = (text: string) => files.set('/exports/VN/index.txt', text);
  return {
    fetch: fetch as typeof globalThis.fetch,
    downloads,
    publish,
    remove,
    replaceIndex,
    failIndexTimes: (n: number) => {
      failIndex = n;
    },
  };
}

const zipOf = (backend: CryptoBackend, keys: DiagnosisKey[], region = 'VN', signers = [SIGNER]) =>
  createExportZip(backend, { startTimestamp: 0, endTimestamp: 3600, region, batchNum: 1, batchSize: 1, keys }, signers);

for (const backend of BACKENDS) {
  for (const { name, open } of STORES) {
    describe(`ExposureChecker (${backend.name}, ${name} store)`, () => {
      const setup = async (
        notifyAt: 'low' | 'high' = 'high',
        proximityParameters?: ProximityParameters,
        riskConfiguration?: RiskConfiguration,
      ) => {
        const clock = new ManualClock(MIDNIGHT + 9 * 3_600_000);
        const store: ClientStore = await open();
        const random = seededRandom(11);
        const host = exportHost();
        const recorder = new SightingRecorder({ store, clock });
        const checker = new ExposureChecker({
          backend,
          store,
          clock,
          random,
          fetch: host.fetch,
          sleep: async () => {},
          exportBaseUrl: 'http://keys.test/exports',
          region: 'VN',
          publicKeys: [{ pem: AUTHORITY.publicKeyPem, keyId: '452' }],
          receiverCalibration: RECEIVER,
          notifyAt,
          retry: { attempts: 2 },
          ...(proximityParameters ? { proximityParameters } : {}),
          ...(riskConfiguration ? { riskConfiguration } : {}),
        });
        const events: ExposureEvent[] = [];
        checker.onEvent((e) => events.push(e));
        /** An infected phone near this one for `minutes` at `rssi`, from now; returns its keys. */
        const contact = async (minutes: number, rssi: number, seed: number) => {
          const other = new KeySchedule({
            backend,
            store: new MemoryStore(),
            clock,
            random: seededRandom(seed),
            metadata: METADATA,
          });
          for (let m = 0; m < minutes; m++) {
            recorder.record({ serviceData: (await other.advertisement()).serviceData, rssi, timeMs: clock.now() });
            clock.advance(MINUTE_MS);
          }
          await recorder.flush();
          return [await other.currentKey()];
        };
        return { clock, store, host, checker, events, contact };
      };

      it('decides with the served configuration the phone applied', async () => {
        const { clock, store, host, checker, contact } = await setup();
        const served = signConfiguration(
          backend,
          {
            ...defaultConfiguration('VN'),
            version: 1,
            proximity: { ...DEFAULT_PROXIMITY_PARAMETERS, notifyCloseMinutes: 1000 },
          },
          [SIGNER],
        );
        await applyConfiguration(served, {
          backend,
          store,
          publicKeys: [{ pem: AUTHORITY.publicKeyPem, keyId: '452' }],
          region: 'VN',
        });
        const keys = await contact(40, -55, 1); // the contact the next test notifies with the defaults
        host.publish('1-2-00001.zip', zipOf(backend, diagnosis(keys)));
        clock.advance(DAY_MS);
        const result = await checker.check();
        expect(result.keysMatched).toBe(1);
        expect(result.notifications).toEqual([]);
      });

      /** Signs and applies the health authority's document: the defaults with `changes`. */
      const serve = async (store: ClientStore, changes: Partial<ConfigurationDocument>) => {
        const served = signConfiguration(backend, { ...defaultConfiguration('VN'), version: 1, ...changes }, [SIGNER]);
        await applyConfiguration(served, {
          backend,
          store,
          publicKeys: [{ pem: AUTHORITY.publicKeyPem, keyId: '452' }],
          region: 'VN',
        });
      };
      // Corona-Warn-App v2 with standard infectiousness: a confirmed test is TRL 6 + 1 = 7 and counts,
      // a recursive report TRL 0 + 1 = 1 and is dropped (trl-filters 1..2).
      const CWA_TRL = CWA_RISK_CONFIGURATION.transmission as Extract<
        RiskConfiguration['transmission'],
        { kind: 'transmission-risk-level' }
      >;
      /** Drops TRL 1..7: a confirmed test no longer counts. */
      const DROPS_CONFIRMED_TESTS: RiskConfiguration = {
        ...CWA_RISK_CONFIGURATION,
        name: 'vn-drops-trl-1-7',
        transmission: { ...CWA_TRL, dropTrl: { min: 1, max: 7 } },
      };
      /** Drops no TRL: a recursive report counts. */
      const KEEPS_RECURSIVE: RiskConfiguration = {
        ...CWA_RISK_CONFIGURATION,
        name: 'vn-keeps-every-trl',
        transmission: (({ dropTrl: _, ...kept }) => kept)(CWA_TRL),
      };

      it("decides which reported keys count with the served document's risk configuration", async () => {
        /** The levels a check notifies for a close, 40-minute contact reported as `reportType`. */
        const levels = async (reportType: ReportType, risk?: RiskConfiguration) => {
          const { clock, store, host, checker, contact } = await setup();
          if (risk) await serve(store, { risk });
          const keys = diagnosis(await contact(40, -55, 1)).map((k) => ({ ...k, reportType }));
          host.publish('1-2-00001.zip', zipOf(backend, keys));
          clock.advance(DAY_MS);
          const result = await checker.check();
          expect(result.keysMatched).toBe(1);
          return result.notifications.map((n) => n.level);
        };
        expect(await levels(ReportType.ConfirmedTest)).toEqual(['high']);
        expect(await levels(ReportType.ConfirmedTest, DROPS_CONFIRMED_TESTS)).toEqual([]);
        expect(await levels(ReportType.Recursive)).toEqual([]);
        expect(await levels(ReportType.Recursive, KEEPS_RECURSIVE)).toEqual(['high']);
      });

      it('keeps a risk configuration the app pins over the served one', async () => {
        const { clock, store, host, checker, contact } = await setup('high', undefined, CWA_RISK_CONFIGURATION);
        await serve(store, { risk: DROPS_CONFIRMED_TESTS });
        const keys = await contact(40, -55, 1);
        host.publish('1-2-00001.zip', zipOf(backend, diagnosis(keys)));
        clock.advance(DAY_MS);
        const result = await checker.check();
        expect(result.notifications.map((n) => n.level)).toEqual(['high']);
      });

      it('learns its own offset from every other phone it heard when the parameters ask for it', async () => {
        // Eight phones never reported, all heard very strong (26 dB), then the reported key at 56 dB:
        // a phone that reads everyone that strong reads strong, and the key was farther than it sounds.
        const closeMinutes = async (proximity?: ProximityParameters) => {
          const { clock, store, host, checker, contact } = await setup('high', proximity);
          for (let k = 0; k < 8; k++) await contact(15, -50, 10 + k);
          const keys = await contact(40, -80, 1);
          host.publish('a.zip', zipOf(backend, diagnosis(keys)));
          clock.advance(DAY_MS);
          expect((await checker.check()).keysMatched).toBe(1);
          const windows = await store.listExposureWindows(0);
          return windows.reduce(
            (sum, w) => sum + ((JSON.parse(w.json) as { closeMinutes: number }).closeMinutes ?? 0),
            0,
          );
        };
        const alone = await closeMinutes();
        expect(await closeMinutes(DEFAULT_PROXIMITY_PARAMETERS)).toBe(alone);
        expect(await closeMinutes({ ...DEFAULT_PROXIMITY_PARAMETERS, allHeardTxPowerSdDb: 3 })).toBeLessThan(alone - 5);
      });

      it('notifies a close, long contact once, and never again for the same export', async () => {
        const { clock, store, host, checker, events, contact } = await setup();
        const keys = await contact(40, -55, 1); // attenuation 36 dB, 40 minutes
        await contact(30, -60, 2); // someone else, never reported
        host.publish('1-2-00001.zip', zipOf(backend, diagnosis(keys)));
        clock.advance(DAY_MS);
        const first = await checker.check();
        expect(first.processed).toEqual(['VN/1-2-00001.zip']);
        expect(first.keysMatched).toBe(1);
        expect(first.notifications).toHaveLength(1);
        expect(first.notifications[0]).toMatchObject({ day: '2026-11-20', level: 'high', previousLevel: 'none' });
        expect(events).toEqual(first.notifications);
        const downloads = host.downloads.length;
        const second = await checker.check();
        expect(second.processed).toEqual([]);
        expect(second.notifications).toEqual([]);
        expect(host.downloads.slice(downloads)).toEqual(['/exports/VN/index.txt']);
        expect(second.dailySummaries).toEqual(first.dailySummaries);
        expect(await store.getNotifiedDay(MIDNIGHT)).toMatchObject({ riskLevel: 2 });
        // Past the 14-day retention the day is forgotten with its windows.
        clock.advance(14 * DAY_MS);
        const later = await checker.check();
        expect(later.dailySummaries).toEqual([]);
        expect(await store.getNotifiedDay(MIDNIGHT)).toBeUndefined();
      });

      it('does not notify a contact that was not reported, nor a far or short one at "high"', async () => {
        const { clock, host, checker, contact } = await setup();
        await contact(40, -55, 1);
        const far = await contact(40, -95, 2); // attenuation 76 dB: weight 0.1
        const short = await contact(3, -50, 3); // under CWA's 5-minute filter
        host.publish('a.zip', zipOf(backend, diagnosis([...far, ...short])));
        clock.advance(DAY_MS);
        const result = await checker.check();
        expect(result.keysMatched).toBe(2);
        expect(result.notifications).toEqual([]);
      });

      it('notifies a day again only when a new export raises its level', async () => {
        const { clock, host, checker, events, contact } = await setup('low');
        const low = await contact(10, -70, 1); // 51 dB, 10 min × 0.8 × 1.4 = 11.2 weighted minutes < 13
        const more = await contact(30, -55, 2);
        host.publish('a.zip', zipOf(backend, diagnosis(low)));
        clock.advance(DAY_MS);
        const first = await checker.check();
        expect(first.notifications.map((n) => [n.day, n.level])).toEqual([['2026-11-20', 'low']]);
        host.publish('b.zip', zipOf(backend, diagnosis(more)));
        const second = await checker.check();
        expect(second.processed).toEqual(['VN/b.zip']);
        expect(second.notifications.map((n) => [n.level, n.previousLevel])).toEqual([['high', 'low']]);
        expect((await checker.check()).notifications).toEqual([]);
        expect(events.filter((e) => e.type === 'exposure-notification')).toHaveLength(2);
      });

      it('drops the windows of a revoked key and re-scores a revised one', async () => {
        const { clock, store, host, checker, contact } = await setup();
        const [likely] = diagnosis(await contact(40, -55, 1)).map((k) => ({
          ...k,
          reportType: ReportType.ConfirmedClinicalDiagnosis,
        }));
        const [other] = diagnosis(await contact(40, -55, 2));
        if (likely === undefined || other === undefined) throw new Error('no keys');
        host.publish('a.zip', zipOf(backend, [likely, other]));
        clock.advance(DAY_MS);
        const first = await checker.check();
        expect(first.newWindows).toBeGreaterThan(0);
        const before = await store.listExposureWindows(0);
        const revision = (reportType: ReportType) =>
          createExportZip(
            backend,
            {
              startTimestamp: 3600,
              endTimestamp: 7200,
              region: 'VN',
              batchNum: 1,
              batchSize: 1,
              keys: [],
              revisedKeys: [{ ...likely, reportType }],
            },
            [SIGNER],
          );
        host.publish('b.zip', revision(ReportType.ConfirmedTest));
        await checker.check();
        const revised = await store.listExposureWindows(0);
        expect(revised).toHaveLength(before.length);
        const reportTypes = (ws: typeof revised) =>
          ws.map((w) => (JSON.parse(w.json) as { reportType: number }).reportType).sort();
        expect(reportTypes(before)).toContain(ReportType.ConfirmedClinicalDiagnosis);
        expect(reportTypes(revised)).not.toContain(ReportType.ConfirmedClinicalDiagnosis);
        host.publish('c.zip', revision(ReportType.Revoked));
        const afterRevoke = await checker.check();
        const left = await store.listExposureWindows(0);
        expect(left.length).toBeGreaterThan(0);
        expect(new Set(left.map((w) => w.key))).toEqual(new Set([toHex(other.keyData)]));
        expect(afterRevoke.notifications).toEqual([]);
      });

      it('rejects unsigned, wrongly signed, foreign and corrupt exports with an event, once', async () => {
        const { clock, host, checker, events, contact } = await setup();
        const keys = diagnosis(await contact(40, -55, 1));
        host.publish(
          'impostor.zip',
          zipOf(backend, keys, 'VN', [{ ...SIGNER, privateKeyPem: IMPOSTOR.privateKeyPem }]),
        );
        host.publish('other-key-id.zip', zipOf(backend, keys, 'VN', [{ ...SIGNER, keyId: '999' }]));
        host.publish('foreign.zip', zipOf(backend, keys, 'DE'));
        host.publish('corrupt.zip', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
        clock.advance(DAY_MS);
        const result = await checker.check();
        expect(result.rejected).toHaveLength(4);
        expect(result.processed).toEqual([]);
        expect(result.notifications).toEqual([]);
        const reasons = events.map((e) => (e.type === 'export-rejected' ? e.reason : ''));
        expect(reasons[0]).toContain('no signature verifies');
        expect(reasons[1]).toContain('no signature verifies');
        expect(reasons[2]).toContain('region "DE"');
        expect(reasons[3]).toContain('not a valid export file');
        const downloads = host.downloads.length;
        expect((await checker.check()).rejected).toEqual([]);
        expect(host.downloads.length).toBe(downloads + 1);
      });

      it('retries a failed index download, then reports a network error', async () => {
        const { host, checker } = await setup();
        host.publish('a.zip', zipOf(backend, []));
        host.publish('gone.zip', zipOf(backend, []));
        host.remove('gone.zip');
        host.publish('b.zip', zipOf(backend, []));
        host.failIndexTimes(1);
        // A listed file that is gone is skipped; the others are processed.
        expect((await checker.check()).processed).toEqual(['VN/a.zip', 'VN/b.zip']);
        host.failIndexTimes(2);
        await expect(checker.check()).rejects.toMatchObject({ code: 'network' });
      });

      it('refuses an index naming a path outside the export root as an invalid response, fetching nothing', async () => {
        const { host, checker } = await setup();
        host.publish('a.zip', zipOf(backend, []));
        host.replaceIndex('VN/a.zip\nVN/../../secret.zip\n');
        await expect(checker.check()).rejects.toMatchObject({ name: 'ClientError', code: 'invalid_response' });
        expect(host.downloads).toEqual(['/exports/VN/index.txt']);
      });
    });
  }
}
