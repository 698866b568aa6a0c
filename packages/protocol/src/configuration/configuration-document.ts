/**
 * The configuration a health authority tunes without an app update: the proximity estimator's
 * parameters (their `notifyCloseMinutes` is the notify threshold) and the risk configuration
 * (report-type and infectiousness weights, the legacy day classification), the health
 * authority's own advice after an exposure (a text per language the resident app speaks), with a
 * version that only grows. The key server serves it signed (configuration-signature.ts); the SDK refuses a
 * version older than the one it applied, so a replayed old document cannot loosen or tighten
 * what phones do behind the authority's back.
 */
import { ProtocolError } from '../errors';
import {
  DEFAULT_PROXIMITY_PARAMETERS,
  type ProximityParameters,
  validateProximityParameters,
} from '../proximity/proximity-parameters';
import { type RiskConfiguration, validateRiskConfiguration } from '../risk/risk-configuration';
import { CWA_RISK_CONFIGURATION } from '../risk/risk-presets';

export const CONFIGURATION_FORMAT = 'bluezone-configuration';

/** The languages the resident app speaks, so the ones advice may be written in. */
export const ADVICE_LANGUAGES = ['vi', 'en'] as const;
export type AdviceLanguage = (typeof ADVICE_LANGUAGES)[number];
/** A screenful on a phone: longer advice belongs on a page the text points to. */
export const MAX_ADVICE_LENGTH = 600;

/**
 * What to do after an exposure, in the health authority's words, by language: the app's exposure
 * screen shows it under "what to do now" instead of its built-in steps (which stay for a language
 * without a text).
 */
export type ConfigurationAdvice = Partial<Record<AdviceLanguage, string>>;

export interface ConfigurationDocument {
  format: typeof CONFIGURATION_FORMAT;
  /** 0 for the built-in defaults; each saved edit is the previous version + 1. */
  version: number;
  /** The export region the document is for (a phone applies only its own region's). */
  region: string;
  /** When the version was saved, ISO 8601 UTC. */
  issuedAt: string;
  proximity: ProximityParameters;
  risk: RiskConfiguration;
  /** Absent: the app's built-in advice. */
  advice?: ConfigurationAdvice;
}

/** The built-in defaults as version 0 of a region's document: what a phone uses before any edit. */
export function defaultConfiguration(region: string, issuedAt = new Date(0).toISOString()): ConfigurationDocument {
  return {
    format: CONFIGURATION_FORMAT,
    version: 0,
    region,
    issuedAt,
    proximity: DEFAULT_PROXIMITY_PARAMETERS,
    risk: CWA_RISK_CONFIGURATION,
  };
}

function fail(message: string): never {
  throw new ProtocolError('invalid_config', `configuration: ${message}`);
}

/** Throws `invalid_config` whose message starts with the bad field: "advice.vi must be …". */
export function validateConfigurationAdvice(value: unknown): asserts value is ConfigurationAdvice {
  const refuse = (message: string): never => {
    throw new ProtocolError('invalid_config', message);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    refuse(`advice must be an object of texts by language (${ADVICE_LANGUAGES.join(', ')})`);
  for (const [language, text] of Object.entries(value as object)) {
    if (!(ADVICE_LANGUAGES as readonly string[]).includes(language))
      refuse(`advice.${language} is not a language the app speaks (${ADVICE_LANGUAGES.join(', ')})`);
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_ADVICE_LENGTH)
      refuse(`advice.${language} must be a text of 1 to ${MAX_ADVICE_LENGTH} characters`);
  }
}

/** Throws `invalid_config` naming the first bad field (the estimator's and risk validators' messages). */
export function validateConfigurationDocument(value: unknown): asserts value is ConfigurationDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('must be a JSON object');
  const d = value as Partial<ConfigurationDocument>;
  if (d.format !== CONFIGURATION_FORMAT) fail(`format must be "${CONFIGURATION_FORMAT}"`);
  if (!Number.isSafeInteger(d.version) || (d.version as number) < 0) fail('version must be an integer ≥ 0');
  if (typeof d.region !== 'string' || d.region.length === 0 || d.region.length > 32)
    fail('region must be 1..32 characters');
  if (typeof d.issuedAt !== 'string' || Number.isNaN(Date.parse(d.issuedAt))) fail('issuedAt must be an ISO 8601 time');
  validateProximityParameters(d.proximity as ProximityParameters);
  validateRiskConfiguration(d.risk as RiskConfiguration);
  if (d.advice !== undefined) {
    try {
      validateConfigurationAdvice(d.advice);
    } catch (err) {
      if (err instanceof ProtocolError) fail(err.message);
      throw err;
    }
  }
}

/** Parses and validates the document's JSON text (what the signature covers). */
export function parseConfigurationDocument(json: string): ConfigurationDocument {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    fail(`not JSON: ${(err as Error).message}`);
  }
  validateConfigurationDocument(value);
  return value;
}
