// The phone's QR scanner over expo-camera's system scanners, against a fake that replays each
// platform's native behaviour (test/fake-expo-camera.ts). The real scanner needs a phone.
import { describe, expect, it } from 'vitest';
import { expoQrScanner } from '../src/native/expo-qr-scanner';
import { FakeExpoCamera } from './fake-expo-camera';

const POSTER = 'https://bluezone.example/cai-dat?unit=20164-01';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(os: 'android' | 'ios', cameraAllowed = true) {
  const camera = new FakeExpoCamera(os);
  const asked: string[] = [];
  const scan = expoQrScanner({
    os,
    scanner: camera,
    requestCameraPermission: async () => {
      asked.push('camera');
      return cameraAllowed;
    },
  });
  if (scan === undefined) throw new Error('expected a scanner');
  return { camera, scan, asked };
}

describe('expo-camera QR scanner', () => {
  it('is absent where the phone has no system scanner, so the screen offers typing', () => {
    const camera = new FakeExpoCamera('android', false);
    expect(expoQrScanner({ os: 'android', scanner: camera, requestCameraPermission: async () => true })).toBe(
      undefined,
    );
  });

  it('Android: resolves with the exact text of the first QR, asks for no camera permission', async () => {
    const { camera, scan, asked } = setUp('android');
    const result = scan();
    await tick();
    camera.show(`${POSTER} `);
    await expect(result).resolves.toBe(`${POSTER} `);
    expect(asked).toEqual([]);
    expect(camera.calls).toEqual(['launchScanner(qr)', 'dismissScanner']);
    expect(camera.listenerCount).toBe(0);
  });

  it('Android: backing out is a cancellation, not an error to show', async () => {
    const { camera, scan } = setUp('android');
    const result = scan();
    await tick();
    camera.backOut();
    await expect(result).rejects.toMatchObject({ code: 'scan_cancelled' });
    expect(camera.listenerCount).toBe(0);
  });

  it('Android: a scanner that cannot start says why', async () => {
    const { camera, scan } = setUp('android');
    camera.failNext('Google Play Services is not available on this device.');
    await expect(scan()).rejects.toMatchObject({
      code: 'invalid_qr',
      message: 'the camera scanner failed: Google Play Services is not available on this device.',
    });
    expect(camera.listenerCount).toBe(0);
  });

  it('iOS: asks for the camera, takes the first of the repeated reports and closes the scanner', async () => {
    const { camera, scan, asked } = setUp('ios');
    const result = scan();
    await tick();
    camera.show(POSTER);
    await expect(result).resolves.toBe(POSTER);
    expect(asked).toEqual(['camera']);
    expect(camera.calls).toEqual(['launchScanner(qr)', 'dismissScanner']);
    expect(camera.listenerCount).toBe(0);
  });

  it('iOS: a refused camera permission never opens the scanner', async () => {
    const { camera, scan } = setUp('ios', false);
    await expect(scan()).rejects.toMatchObject({ code: 'camera_denied' });
    expect(camera.calls).toEqual([]);
  });

  it('iOS: after a silent swipe-down, the next scan replaces the pending one', async () => {
    const { camera, scan } = setUp('ios');
    const first = scan();
    await tick();
    camera.backOut();
    const second = scan();
    await expect(first).rejects.toMatchObject({ code: 'scan_cancelled' });
    await tick();
    camera.show(POSTER);
    await expect(second).resolves.toBe(POSTER);
    expect(camera.listenerCount).toBe(0);
  });
});
