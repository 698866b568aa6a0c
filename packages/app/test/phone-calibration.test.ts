// The phone's calibration in the app: what Platform says of the phone (native-device.ts), and the
// SDK's fetch of the server's list beside the configuration document's, neither holding the
// other up (app-model.ts refreshConfiguration, run at start and before each check).
import { appliedCalibration, applyConfiguration, CALIBRATION_SETTING, ClientError } from '@bluezone/client';
import { defaultConfiguration, portableBackend, signConfiguration } from '@bluezone/protocol';
import { configurationAuthority } from '@bluezone/test-support';
import { describe, expect, it } from 'vitest';
import { nativeDevice } from '../src/native/native-device';
import { testApp } from './support/app-fixture';

describe('nativeDevice', () => {
  it('takes an Android phone’s Build.MODEL and MANUFACTURER, nothing else', () => {
    const constants = { Model: 'Pixel 4', Manufacturer: 'Google', Serial: 'ABC123', Fingerprint: 'google/flame/…' };
    expect(nativeDevice({ OS: 'android', constants })).toEqual({
      platform: 'android',
      model: 'Pixel 4',
      manufacturer: 'Google',
    });
    expect(nativeDevice({ OS: 'android', constants: { Model: ' ' } })).toEqual({ platform: 'android' });
  });

  it('names an iPhone by platform alone, and nothing where there is no list to look in', () => {
    expect(nativeDevice({ OS: 'ios', constants: { systemName: 'iOS' } })).toEqual({ platform: 'ios' });
    expect(nativeDevice({ OS: 'web', constants: {} })).toBeUndefined();
  });
});

const AUTHORITY = configurationAuthority();
const ADVICE = { vi: 'Ở nhà 10 ngày, gọi trạm y tế xã.' };

const PIXEL_4 = {
  etag: null,
  calibration: {
    calibration: { rssiCorrection: 5, txPower: -28 },
    metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 3, txPowerDbm: -28 },
  },
};

describe('refreshing the served configuration and calibration', () => {
  it('fetches the calibration when the configuration fetch fails, and loads the advice when the calibration fails', async () => {
    const calls: string[] = [];
    let configurationUp = false;
    let calibrationUp = true;
    const t = testApp({
      fetchConfiguration: async (store) => {
        calls.push('configuration');
        if (!configurationUp) throw new ClientError('network', 'offline');
        const signed = signConfiguration(
          portableBackend,
          { ...defaultConfiguration('VN', '2026-12-06T00:00:00.000Z'), version: 1, advice: ADVICE },
          [AUTHORITY.signer],
        );
        await applyConfiguration(signed, {
          backend: portableBackend,
          store,
          publicKeys: AUTHORITY.trusted,
          region: 'VN',
        });
      },
      fetchCalibration: async (store) => {
        calls.push('calibration');
        if (!calibrationUp) throw new ClientError('server_rejected', '503');
        await store.setSetting(CALIBRATION_SETTING, JSON.stringify(PIXEL_4));
      },
    });
    await t.model.refreshConfiguration();
    expect(calls).toEqual(['configuration', 'calibration']);
    expect(await appliedCalibration(t.store)).toEqual(PIXEL_4.calibration);
    configurationUp = true;
    calibrationUp = false;
    await t.model.refreshConfiguration();
    expect(calls).toEqual(['configuration', 'calibration', 'configuration', 'calibration']);
    expect(t.model.state.advice).toEqual(ADVICE);
    // What the failed calibration fetch found did not touch what the phone stored.
    expect(await appliedCalibration(t.store)).toEqual(PIXEL_4.calibration);
  });
});
