// A field test run for real on phones running the SDK over a shared in-memory radio: each test
// phone enrolled with the authority's signed token, every phone ticking and scanning once a
// minute from half an hour before the test to its end, then each test phone's export as the
// app's Settings hands it out. Phones named in `outsiders` run Bluezone unenrolled nearby.
import { BluezoneClient, MemoryRadio, MemoryStore, seededRandom } from '@bluezone/client';
import {
  type ExportSigner,
  encodeFieldTestToken,
  type FieldTestEnrolment,
  ManualClock,
  portableBackend,
  signFieldTestEnrolment,
} from '@bluezone/protocol';
import type { ConfigurationAuthority } from './configuration-authority';
import { TEST_SERVER } from './test-key-server';

const MINUTE = 60_000;

export interface FieldTestRun {
  authority: ConfigurationAuthority;
  testId: string;
  startsAtMs: number;
  minutes: number;
  phones: readonly string[];
  outsiders?: readonly string[];
  /** RSSI at which `receiver` hears `advertiser` at `timeMs`, undefined when out of range. */
  rssi: (receiver: string, advertiser: string, timeMs: number) => number | undefined;
  /** Android's Build.MODEL of each phone (default: Pixel 4). */
  model?: (phone: string) => string;
}

/** Each test phone's recording (the JSON text its export gives), in `phones` order. */
export async function recordFieldTest(run: FieldTestRun): Promise<string[]> {
  const clock = new ManualClock(run.startsAtMs - 30 * MINUTE);
  const radio = new MemoryRadio({ clock, random: seededRandom(1) }, (adv, rx, t) => run.rssi(rx, adv, t));
  const signer: ExportSigner = run.authority.signer;
  const all = [...run.phones, ...(run.outsiders ?? [])];
  const clients = all.map(
    (id, i) =>
      new BluezoneClient({
        store: new MemoryStore(),
        transport: radio.transport(id),
        server: { ...TEST_SERVER, publicKeys: run.authority.trusted },
        clock,
        random: seededRandom(10 + i),
        sleep: async () => {},
        decoys: false,
      }),
  );
  for (const [i, client] of clients.entries()) {
    await client.start();
    const phone = all[i] as string;
    if (!run.phones.includes(phone)) continue;
    const enrolment: FieldTestEnrolment = {
      kind: 'bluezone-field-test',
      region: 'VN',
      testId: run.testId,
      phone,
      startsAtMs: run.startsAtMs,
      endsAtMs: run.startsAtMs + run.minutes * MINUTE,
    };
    await client.enrolFieldTest(encodeFieldTestToken(signFieldTestEnrolment(portableBackend, enrolment, [signer])));
  }
  for (let m = 0; m < 30 + run.minutes; m++) {
    for (const client of clients) await client.tick();
    radio.scan();
    clock.advance(MINUTE);
  }
  return Promise.all(
    run.phones.map((phone, i) =>
      (clients[i] as BluezoneClient).exportFieldTest({ platform: 'android', model: run.model?.(phone) ?? 'Pixel 4' }),
    ),
  );
}
