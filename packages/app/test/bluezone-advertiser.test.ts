// The TypeScript side of the native Android advertiser (modules/bluezone-advertiser) against a
// fake of the native module, alone and driven by the client SDK's ble-plx transport as the phone
// build wires it. The Kotlin itself needs the Android SDK, which this machine lacks.
import { BlePlxTransport } from '@bluezone/client';
import { toHex } from '@bluezone/protocol';
import { FakeBleManager } from '@bluezone/test-support/fakes';
import { describe, expect, it } from 'vitest';
import { nativeBleAdvertiser } from '../modules/bluezone-advertiser/src/native-ble-advertiser';
import { FakeBluezoneAdvertiser } from './fake-bluezone-advertiser';

const payload = (fill: number) => new Uint8Array(20).fill(fill);
const hex = (fill: number) => toHex(payload(fill));

describe('native BLE advertiser', () => {
  it('starts, then updates at each rotation, then stops', async () => {
    const native = new FakeBluezoneAdvertiser();
    const advertiser = nativeBleAdvertiser(native);
    await advertiser.start(payload(1));
    expect(native.onAir).toBe(hex(1));
    await advertiser.start(payload(2));
    await advertiser.stop();
    await advertiser.stop();
    expect(native.calls).toEqual([`start(${hex(1)})`, `update(${hex(2)})`, 'stop']);
    expect(native.onAir).toBeNull();
  });

  it('refuses anything but 20 bytes of RPI ‖ AEM before it reaches the native side', async () => {
    const native = new FakeBluezoneAdvertiser();
    const advertiser = nativeBleAdvertiser(native);
    await expect(advertiser.start(new Uint8Array(16))).rejects.toThrow(
      new RangeError('serviceData must be 20 bytes (RPI ‖ AEM), got 16'),
    );
    expect(native.calls).toEqual([]);
  });

  it('after a refused start, the next advertisement starts afresh (nothing was on air)', async () => {
    const native = new FakeBluezoneAdvertiser();
    const advertiser = nativeBleAdvertiser(native);
    await advertiser.start(payload(1));
    native.failNextStart(2);
    await expect(advertiser.start(payload(2))).rejects.toMatchObject({ code: 'ERR_ADVERTISER_START_FAILED' });
    expect(native.onAir).toBeNull();
    await advertiser.start(payload(3));
    await advertiser.stop();
    expect(native.calls).toEqual([`start(${hex(1)})`, `update(${hex(2)})`, `start(${hex(3)})`, 'stop']);
  });

  it('runs overlapping calls one at a time, in order', async () => {
    const native = new FakeBluezoneAdvertiser();
    const advertiser = nativeBleAdvertiser(native);
    await Promise.all([advertiser.start(payload(1)), advertiser.start(payload(2)), advertiser.stop()]);
    expect(native.calls).toEqual([`start(${hex(1)})`, `update(${hex(2)})`, 'stop']);
    expect(native.onAir).toBeNull();
  });

  it('is a no-op that warns once where there is no module or no peripheral mode', async () => {
    for (const native of [null, new FakeBluezoneAdvertiser(false)]) {
      const warnings: string[] = [];
      const advertiser = nativeBleAdvertiser(native, (m) => warnings.push(m));
      await advertiser.start(payload(1));
      await advertiser.start(payload(2));
      await advertiser.stop();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/scanning only$/);
      expect(native?.calls ?? []).toEqual([]);
    }
  });

  it('is driven by the ble-plx transport: on air while Bluetooth is on and tracing runs', async () => {
    const native = new FakeBluezoneAdvertiser();
    const manager = new FakeBleManager('PoweredOff');
    const transport = new BlePlxTransport({
      manager,
      advertiser: nativeBleAdvertiser(native),
      clock: { now: () => 0 },
    });
    await transport.advertise(payload(1));
    await transport.start();
    expect(native.calls).toEqual([]); // Bluetooth is off: nothing to advertise on
    manager.setState('PoweredOn');
    await expect.poll(() => native.onAir).toBe(hex(1));
    await transport.advertise(payload(2)); // RPI rotation
    expect(native.onAir).toBe(hex(2));
    await transport.stop();
    expect(native.calls).toEqual([`start(${hex(1)})`, `update(${hex(2)})`, 'stop']);
    expect(native.onAir).toBeNull();
  });
});
