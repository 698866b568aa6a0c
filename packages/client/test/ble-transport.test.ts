import {
  BlePlxTransport,
  type ClientError,
  MemoryRadio,
  MemoryStore,
  SightingRecorder,
  seededRandom,
} from '@bluezone/client';
import { EXPOSURE_NOTIFICATION_SERVICE_UUID_128, ManualClock, toBase64 } from '@bluezone/protocol';
import { FakeAdvertiser, FakeBleManager } from '@bluezone/test-support/fakes';
import { describe, expect, it } from 'vitest';
import { MIDNIGHT } from './backends';

const payload = (n: number) => new Uint8Array(20).fill(n);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MemoryRadio', () => {
  it('delivers each running advertiser to each other running scanner at the modelled RSSI', async () => {
    const clock = new ManualClock(MIDNIGHT);
    const radio = new MemoryRadio({ clock, random: seededRandom(1) }, (from, to) =>
      from === 'c' || to === 'c' ? undefined : from === 'a' ? -55 : -75,
    );
    const [a, b, c] = ['a', 'b', 'c'].map((id) => radio.transport(id));
    const heard: Record<string, number[]> = { a: [], b: [], c: [] };
    for (const t of [a, b, c]) {
      t?.onSighting((s) => heard[t.deviceId]?.push(s.rssi));
      await t?.start();
      await t?.advertise(payload(1));
    }
    expect(radio.scan()).toBe(2);
    expect(heard).toEqual({ a: [-75], b: [-55], c: [] });
    await b?.stop();
    expect(radio.scan()).toBe(0);
  });

  it('changes the random static address with every advertisement', async () => {
    const radio = new MemoryRadio({ clock: new ManualClock(0), random: seededRandom(2) });
    const t = radio.transport('a');
    await t.advertise(payload(1));
    const first = t.address;
    await t.advertise(payload(2));
    expect(t.address).not.toBe(first);
    expect(Number.parseInt(t.address.slice(0, 2), 16) & 0xc0).toBe(0xc0);
    expect(t.stats.advertisements).toBe(2);
  });
});

describe('BlePlxTransport (react-native-ble-plx adapter)', () => {
  const setup = (initial = 'PoweredOff') => {
    const clock = new ManualClock(MIDNIGHT);
    const manager = new FakeBleManager(initial);
    const advertiser = new FakeAdvertiser();
    const errors: ClientError[] = [];
    const transport = new BlePlxTransport({ manager, advertiser, clock, onError: (e) => errors.push(e) });
    const recorder = new SightingRecorder({ store: new MemoryStore(), clock });
    transport.onSighting((s) => recorder.record(s));
    return { clock, manager, advertiser, errors, transport, recorder };
  };

  it('waits for Bluetooth, then scans for 0xFD6F with duplicates and advertises the last payload', async () => {
    const { manager, advertiser, transport } = setup();
    await transport.advertise(payload(1));
    await transport.start();
    expect(manager.calls).toEqual([]);
    expect(advertiser.started).toEqual([]);
    manager.setState('PoweredOn');
    await flush();
    expect(manager.scanArgs).toEqual({
      uuids: [EXPOSURE_NOTIFICATION_SERVICE_UUID_128],
      options: { allowDuplicates: true, scanMode: 0 },
    });
    expect(advertiser.started).toEqual([payload(1)]);
    await transport.advertise(payload(2));
    expect(advertiser.started).toEqual([payload(1), payload(2)]);
  });

  it('turns scanned devices into sightings, whatever the UUID spelling; malformed ones are counted', async () => {
    const { manager, transport, recorder } = setup('PoweredOn');
    await transport.start();
    const data = toBase64(payload(7));
    manager.scanned({ id: 'AA:BB', rssi: -61, serviceData: { [EXPOSURE_NOTIFICATION_SERVICE_UUID_128]: data } });
    manager.scanned({ id: 'ios-uuid', rssi: -70, serviceData: { FD6F: data } });
    manager.scanned({ id: 'other', rssi: -50, serviceData: { '0000180f-0000-1000-8000-00805f9b34fb': data } });
    manager.scanned({ id: 'none', rssi: -50, serviceData: null });
    manager.scanned({ id: 'bad64', rssi: -50, serviceData: { fd6f: 'not base64!' } });
    manager.scanned({ id: 'short', rssi: -50, serviceData: { fd6f: toBase64(new Uint8Array(19)) } });
    manager.scanned({ id: 'nrssi', rssi: null, serviceData: { fd6f: data } });
    expect(recorder.stats).toEqual({ recorded: 2, malformed: 3 });
  });

  it('follows Bluetooth off and on, and restarts after a scan error', async () => {
    const { manager, advertiser, errors, transport } = setup('PoweredOn');
    await transport.start();
    manager.setState('PoweredOff');
    await flush();
    expect(transport.scanning).toBe(false);
    expect(errors.map((e) => e.code)).toEqual(['bluetooth_unavailable']);
    manager.setState('PoweredOn');
    await flush();
    expect(manager.calls).toEqual(['startDeviceScan', 'startDeviceScan']);
    manager.scanError({ errorCode: 600, message: 'ScanStartFailed' });
    expect(transport.scanning).toBe(false);
    expect(errors.at(-1)?.message).toContain('ScanStartFailed');
    await transport.start();
    expect(manager.calls).toEqual(['startDeviceScan', 'startDeviceScan', 'startDeviceScan']);
    await transport.stop();
    expect(manager.calls.at(-1)).toBe('stopDeviceScan');
    expect(advertiser.stops).toBe(1);
    manager.setState('PoweredOff');
    manager.setState('PoweredOn');
    await flush();
    expect(manager.calls.filter((c) => c === 'startDeviceScan')).toHaveLength(3);
  });
});
