/**
 * The JSON form of diagnosis keys that `bluezone export create` reads (KEYS.json) and
 * `bluezone export inspect` prints: an array of
 * {"keyData":"<32 hex>","rollingStartIntervalNumber":n,"rollingPeriod":144,
 *  "transmissionRiskLevel":0..8,"reportType":1,"daysSinceOnsetOfSymptoms":0}.
 * Validated entry by entry so the one-line error names the entry index and the field.
 */
import {
  type DiagnosisKey,
  fromHex,
  ProtocolError,
  ReportType,
  TEK_ROLLING_PERIOD,
  toHex,
  validateDiagnosisKey,
} from '@bluezone/protocol';
import { CliError } from '../cli-error';

export interface DiagnosisKeyJson {
  keyData: string;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
  transmissionRiskLevel: number;
  reportType: number;
  daysSinceOnsetOfSymptoms?: number;
}

const FIELDS = new Set([
  'keyData',
  'rollingStartIntervalNumber',
  'rollingPeriod',
  'transmissionRiskLevel',
  'reportType',
  'daysSinceOnsetOfSymptoms',
]);

export function diagnosisKeyToJson(key: DiagnosisKey): DiagnosisKeyJson {
  return {
    keyData: toHex(key.keyData),
    rollingStartIntervalNumber: key.rollingStartIntervalNumber,
    rollingPeriod: key.rollingPeriod,
    transmissionRiskLevel: key.transmissionRiskLevel,
    reportType: key.reportType,
    ...(key.daysSinceOnsetOfSymptoms !== undefined ? { daysSinceOnsetOfSymptoms: key.daysSinceOnsetOfSymptoms } : {}),
  };
}

/**
 * Parses KEYS.json text. Defaults: rollingPeriod 144, transmissionRiskLevel 0, reportType 1
 * (confirmed test), daysSinceOnsetOfSymptoms absent. Throws CliError "<file>[i].<field> …".
 */
export function parseKeysJson(text: string, file: string): DiagnosisKey[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(value)) throw new CliError(`${file} must be a JSON array of keys`);
  return value.map((entry, i) => parseKey(entry, `${file}[${i}]`));
}

function parseKey(entry: unknown, what: string): DiagnosisKey {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new CliError(`${what} must be an object`);
  }
  const record = entry as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!FIELDS.has(name)) throw new CliError(`${what} has an unknown field "${name}"`);
  }
  if (typeof record.keyData !== 'string') throw new CliError(`${what}.keyData must be a hex string`);
  const integer = (name: string, fallback?: number): number => {
    const v = record[name];
    if (v === undefined && fallback !== undefined) return fallback;
    if (v === undefined) throw new CliError(`${what}.${name} is required`);
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new CliError(`${what}.${name} must be an integer, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const dsos = record.daysSinceOnsetOfSymptoms;
  try {
    const key: DiagnosisKey = {
      keyData: fromHex(record.keyData, `${what}.keyData`),
      rollingStartIntervalNumber: integer('rollingStartIntervalNumber'),
      rollingPeriod: integer('rollingPeriod', TEK_ROLLING_PERIOD),
      transmissionRiskLevel: integer('transmissionRiskLevel', 0),
      reportType: integer('reportType', ReportType.ConfirmedTest),
      daysSinceOnsetOfSymptoms: dsos === undefined || dsos === null ? undefined : integer('daysSinceOnsetOfSymptoms'),
    };
    validateDiagnosisKey(key, what);
    return key;
  } catch (err) {
    if (err instanceof ProtocolError) throw new CliError(err.message);
    throw err;
  }
}
