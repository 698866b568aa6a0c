/**
 * The signed configuration document (configuration/configuration-document.ts): phones fetch it
 * and verify it with the export signing keys they already trust; a health authority's admin
 * saves a new version of it from the web admin. The estimator and risk parameters travel as
 * objects and are checked by the protocol's validators on the server (a problem body names the
 * bad field), so the rules live in one place.
 */
import * as z from 'zod/mini';
import type { ConfigurationAdvice } from '../configuration/configuration-document';
import type { ProximityParameters } from '../proximity/proximity-parameters';
import type { RiskConfiguration } from '../risk/risk-configuration';
import { endpoint } from './endpoint';

const object = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

export const configurationSignature = z.object({
  keyId: z.string(),
  keyVersion: z.string(),
  /** Base64 DER ECDSA P-256 signature over the domain prefix and `payload`. */
  signature: z.string(),
});

export const signedConfiguration = z.object({
  /** The document's JSON text, exactly as signed (parse it after verifying). */
  payload: z.string(),
  signatures: z.array(configurationSignature),
});

/** The current document of the server's region, signed; version 0 (the defaults) until an admin saves one. */
export const getConfiguration = endpoint({ method: 'GET', path: '/api/configuration', response: signedConfiguration });

export const putConfigurationRequest = z.object({
  /** Must be the current version + 1: an edit made on an older version is refused (409). */
  version: z.number().check(z.int(), z.minimum(1)),
  proximity: z.custom<ProximityParameters>(object, { message: 'must be an object' }),
  risk: z.custom<RiskConfiguration>(object, { message: 'must be an object' }),
  /**
   * The health authority's advice after an exposure by language ({vi, en}, each 1–600
   * characters), shown by the resident app instead of its own; absent, the app's own.
   * Any value passes here: the protocol's validator refuses a bad one naming it (`advice.vi`).
   */
  advice: z.optional(z.custom<ConfigurationAdvice>(() => true)),
});

/** Saves and signs a new version (admin key or admin session). */
export const putConfiguration = endpoint({
  method: 'PUT',
  path: '/api/configuration',
  request: putConfigurationRequest,
  response: signedConfiguration,
});

/** JSON array of `configurationSignature`s over the calibration list's text. */
export const CALIBRATION_SIGNATURES_HEADER = 'x-bluezone-signatures';

/**
 * Google's EN device calibration list as the server holds it (CSV, `parseCalibrationCsv`'s
 * format), for anyone: a phone fetches the whole list and looks up its own model on the phone,
 * so no request says which phone asks. An ETag answers a repeat with 304. The export keys'
 * signatures over the text (`signCalibrationList`) come in CALIBRATION_SIGNATURES_HEADER, so the
 * compressed body can be made once and kept.
 */
export const getCalibration = endpoint({
  method: 'GET',
  path: '/api/configuration/calibration',
  produces: 'text/csv',
});

export type SignedConfigurationBody = z.infer<typeof signedConfiguration>;
export type PutConfigurationRequest = z.input<typeof putConfigurationRequest>;
