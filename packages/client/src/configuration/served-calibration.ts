/**
 * This phone's calibration from the EN device calibration list the key server serves
 * (`GET /api/configuration/calibration`). The phone downloads the whole list, so no request says
 * which model asks, looks its own model up here and keeps only the result (RSSI correction, TX
 * power, calibration confidence) with the list's ETag in the store's settings; a later fetch
 * sends the ETag and a 304 costs nothing. The list must carry a signature by an export key the
 * phone trusts (the header the server adds: a list changed on its way, by a cache or a proxy,
 * could move every phone's attenuation), else nothing is taken. Unless the app pins a
 * calibration of its own, the key
 * schedule advertises the stored TX power and confidence from its next rotation, and the exposure
 * check corrects this phone's readings with the stored correction. Offline, refused or
 * malformed, nothing changes: the phone keeps what it stored, or the list's medians.
 */
import {
  type BleMetadata,
  type CryptoBackend,
  calibrationListSignedBy,
  type DeviceCalibration,
  parseCalibrationCsv,
} from '@bluezone/protocol';
import { configurationApi } from '@bluezone/protocol/api';
import { ClientError } from '../client-error';
import type { ExportPublicKey } from '../exposure/export-public-key';
import {
  defaultPhoneCalibration,
  devicePhoneCalibration,
  type PhoneCalibration,
  type PhoneDevice,
} from '../phone-calibration';
import type { Fetch } from '../report/key-server-client';
import type { ClientStore } from '../storage/client-store';

/** The store setting holding this phone's calibration and the ETag of the list it came from. */
export const CALIBRATION_SETTING = 'calibration.phone';

interface StoredCalibration {
  etag: string | null;
  calibration: PhoneCalibration;
}

const isDb = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= -127 && v <= 127;

function validDeviceCalibration(v: unknown): v is DeviceCalibration {
  const c = v as DeviceCalibration | null;
  return typeof c === 'object' && c !== null && isDb(c.rssiCorrection) && isDb(c.txPower);
}

function validMetadata(v: unknown): v is BleMetadata {
  const m = v as BleMetadata | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    isDb(m.txPowerDbm) &&
    [0, 1, 2, 3].includes(m.calibrationConfidence) &&
    Number.isInteger(m.majorVersion) &&
    Number.isInteger(m.minorVersion)
  );
}

async function stored(store: ClientStore): Promise<StoredCalibration | undefined> {
  const text = await store.getSetting(CALIBRATION_SETTING);
  if (text === undefined) return undefined;
  try {
    const s = JSON.parse(text) as StoredCalibration;
    const ok =
      (s.etag === null || typeof s.etag === 'string') &&
      validDeviceCalibration(s.calibration?.calibration) &&
      validMetadata(s.calibration?.metadata);
    return ok ? s : undefined;
  } catch {
    return undefined;
  }
}

/** The calibration this phone stored last, if any (a stored value that no longer reads counts as none). */
export async function appliedCalibration(store: ClientStore): Promise<PhoneCalibration | undefined> {
  return (await stored(store))?.calibration;
}

/**
 * The calibration this phone goes by now: what it stored last, else `defaultPhoneCalibration`
 * (an iPhone's correction 0, any other phone's the list's median). An iPhone (`device`) is the
 * list's reference whatever was stored: its correction is 0. The key schedule's and the exposure
 * check's default when the app pins none.
 */
export async function currentPhoneCalibration(store: ClientStore, device?: PhoneDevice): Promise<PhoneCalibration> {
  const stored = await appliedCalibration(store);
  if (stored === undefined) return defaultPhoneCalibration(device);
  if (device?.platform !== 'ios' || stored.calibration.rssiCorrection === 0) return stored;
  return { ...stored, calibration: { ...stored.calibration, rssiCorrection: 0 } };
}

export interface FetchCalibrationOptions {
  backend: CryptoBackend;
  store: ClientStore;
  /** The keys exports are verified with (ExposureCheckOptions.publicKeys): one must have signed the list. */
  publicKeys: readonly ExportPublicKey[];
  /** This phone, as its platform describes it; never sent anywhere. */
  device: PhoneDevice;
}

export interface FetchedCalibration {
  calibration: PhoneCalibration;
  /** False when the server's list was the one already stored (304) or gave the same result. */
  changed: boolean;
}

/** GETs the list (`keyServerUrl` + /api/configuration/calibration), looks this phone up and stores the result. */
export async function fetchCalibration(
  keyServerUrl: string,
  fetch: Fetch,
  o: FetchCalibrationOptions,
): Promise<FetchedCalibration> {
  const url = `${keyServerUrl.replace(/\/+$/, '')}${configurationApi.getCalibration.path}`;
  const before = await stored(o.store);
  const headers: Record<string, string> = { accept: 'text/csv' };
  if (before?.etag) headers['if-none-match'] = before.etag;
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch (err) {
    throw new ClientError('network', `GET ${url} failed: ${(err as Error).message}`, { cause: err });
  }
  if (response.status === 304 && before !== undefined) return { calibration: before.calibration, changed: false };
  if (!response.ok)
    throw new ClientError('server_rejected', `GET ${url}: ${response.status}`, { status: response.status });
  const text = await response.text();
  let signatures: unknown;
  try {
    signatures = JSON.parse(response.headers.get(configurationApi.CALIBRATION_SIGNATURES_HEADER) ?? 'null');
  } catch {
    signatures = null;
  }
  if (!calibrationListSignedBy(o.backend, text, signatures, o.publicKeys)) {
    throw new ClientError(
      'configuration_rejected',
      `GET ${url}: the calibration list has no signature by a trusted key`,
      {
        status: response.status,
      },
    );
  }
  let calibration: PhoneCalibration;
  try {
    calibration = devicePhoneCalibration(parseCalibrationCsv(text), o.device);
  } catch (err) {
    throw new ClientError('invalid_response', `GET ${url}: not a calibration list: ${(err as Error).message}`, {
      status: response.status,
      cause: err,
    });
  }
  const next: StoredCalibration = { etag: response.headers.get('etag'), calibration };
  await o.store.setSetting(CALIBRATION_SETTING, JSON.stringify(next));
  const changed = JSON.stringify(before?.calibration) !== JSON.stringify(calibration);
  return { calibration, changed };
}
