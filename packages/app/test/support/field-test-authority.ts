/**
 * A health authority enrolling test phones in a field test, for the app's tests: its export key
 * pair (the phone trusts `trusted`), and `token()` signs an enrolment into the `BZFT1.` text its
 * QR code carries. The default test, `nam-dong-2026-11`, runs from an hour before the fixture's
 * NOW to three hours after it, in region VN; its phone is T07. The key pair is made here with
 * node:crypto, as test-support's configurationAuthority makes one: the Jest tests load this file,
 * and test-support's root entry pulls in Vite and Chromium helpers Jest cannot load.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  encodeFieldTestToken,
  type FieldTestEnrolment,
  portableBackend,
  signFieldTestEnrolment,
} from '@bluezone/protocol';
import { NOW } from './app-fixture';

const HOUR_MS = 3_600_000;

export const FIELD_TEST: FieldTestEnrolment = {
  kind: 'bluezone-field-test',
  region: 'VN',
  testId: 'nam-dong-2026-11',
  phone: 'T07',
  startsAtMs: NOW - HOUR_MS,
  endsAtMs: NOW + 3 * HOUR_MS,
};

export function fieldTestAuthority(keyId = '452') {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const signer = { keyId, keyVersion: 'v1', privateKeyPem: privateKey };
  return {
    /** The export keys a phone of this authority trusts (the fixture's `publicKeys`). */
    trusted: [{ pem: publicKey, keyId }],
    token: (change: Partial<FieldTestEnrolment> = {}) =>
      encodeFieldTestToken(signFieldTestEnrolment(portableBackend, { ...FIELD_TEST, ...change }, [signer])),
  };
}
