/**
 * Risk scoring configuration, after the EN v2 API (`DailySummariesConfig`: attenuation
 * bucket thresholds and four bucket weights, report-type and infectiousness weights, a
 * minimum window score) plus the per-day classification a health authority adds on top
 * (Corona-Warn-App: "normalized time per day" thresholds). One plain, JSON-serialisable
 * object, validated once where it enters (file, server config).
 */
import { ProtocolError } from '../errors';

/** The weights of the EN API `ReportType`s that count (UNKNOWN and REVOKED never do). */
export interface ReportTypeValues {
  confirmedTest: number;
  confirmedClinicalDiagnosis: number;
  selfReport: number;
  recursive: number;
}

/** Infectiousness STANDARD and HIGH (NONE never counts). */
export interface InfectiousnessValues {
  standard: number;
  high: number;
}

/**
 * How report type and infectiousness weigh a window.
 * - `weights` (EN API): window weight = reportTypeWeight × infectiousnessWeight.
 * - `transmission-risk-level` (Corona-Warn-App v2): TRL = reportTypeOffset + infectiousnessOffset;
 *   windows whose TRL is in `dropTrl` are dropped; weight = TRL × multiplier.
 */
export type TransmissionWeighting =
  | { kind: 'weights'; reportTypeWeights: ReportTypeValues; infectiousnessWeights: InfectiousnessValues }
  | {
      kind: 'transmission-risk-level';
      reportTypeOffsets: ReportTypeValues;
      infectiousnessOffsets: InfectiousnessValues;
      multiplier: number;
      /** Inclusive TRL range whose windows are dropped. */
      dropTrl?: { min: number; max: number };
    };

export interface RiskConfiguration {
  name: string;
  /**
   * Inclusive upper attenuation bounds, dB, of the immediate, near and medium buckets
   * (EN API `attenuationBucketThresholdDb`); above the medium bound is "other".
   */
  attenuationBucketThresholdDb: readonly [number, number, number];
  /** Weights of the immediate, near, medium and other buckets (EN API `attenuationBucketWeights`). */
  attenuationBucketWeights: readonly [number, number, number, number];
  /** Which scan-instance attenuation is bucketed: EN uses the typical one; CWA buckets the minimum. */
  attenuationOf: 'typical' | 'min';
  transmission: TransmissionWeighting;
  /** Windows scoring less are left out of the daily summary (EN API `minimumWindowScore`). */
  minimumWindowScore: number;
  /** Drops a window with fewer than `minutes` at attenuation ≤ `maxAttenuationDb` (CWA "minutes at attenuation filter"). */
  minimumMinutesAtAttenuation?: { maxAttenuationDb: number; minutes: number };
  /**
   * A day whose score sum, in weighted minutes, reaches this is high risk; a day with any
   * window that counts is at least low risk.
   */
  highRiskMinutesPerDay: number;
}

const finiteNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function checkValues(values: unknown, names: readonly string[], what: string): void {
  if (typeof values !== 'object' || values === null)
    throw new ProtocolError('invalid_config', `${what} must be an object`);
  for (const name of names) {
    if (!finiteNonNegative((values as Record<string, unknown>)[name])) {
      throw new ProtocolError('invalid_config', `${what}.${name} must be a non-negative number`);
    }
  }
}

const REPORT_TYPES = ['confirmedTest', 'confirmedClinicalDiagnosis', 'selfReport', 'recursive'] as const;
const INFECTIOUSNESS = ['standard', 'high'] as const;

export function validateRiskConfiguration(c: RiskConfiguration): void {
  // Configurations arrive as JSON at boundaries (CLI, scenario files): refuse non-objects with our error type.
  if (typeof c !== 'object' || c === null || Array.isArray(c)) {
    throw new ProtocolError('invalid_config', 'a risk configuration must be a JSON object');
  }
  const t = c.attenuationBucketThresholdDb;
  if (!Array.isArray(t) || t.length !== 3 || !t.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
    throw new ProtocolError('invalid_config', 'attenuationBucketThresholdDb must be three integers 0..255');
  }
  if (!(t[0] <= t[1] && t[1] <= t[2])) {
    throw new ProtocolError('invalid_config', 'attenuationBucketThresholdDb must be immediate ≤ near ≤ medium');
  }
  const w = c.attenuationBucketWeights;
  if (!Array.isArray(w) || w.length !== 4 || !w.every(finiteNonNegative)) {
    throw new ProtocolError('invalid_config', 'attenuationBucketWeights must be four non-negative numbers');
  }
  if (c.attenuationOf !== 'typical' && c.attenuationOf !== 'min') {
    throw new ProtocolError('invalid_config', 'attenuationOf must be "typical" or "min"');
  }
  const tr = c.transmission;
  if (tr?.kind === 'weights') {
    checkValues(tr.reportTypeWeights, REPORT_TYPES, 'transmission.reportTypeWeights');
    checkValues(tr.infectiousnessWeights, INFECTIOUSNESS, 'transmission.infectiousnessWeights');
  } else if (tr?.kind === 'transmission-risk-level') {
    checkValues(tr.reportTypeOffsets, REPORT_TYPES, 'transmission.reportTypeOffsets');
    checkValues(tr.infectiousnessOffsets, INFECTIOUSNESS, 'transmission.infectiousnessOffsets');
    if (!finiteNonNegative(tr.multiplier))
      throw new ProtocolError('invalid_config', 'transmission.multiplier must be ≥ 0');
    if (tr.dropTrl !== undefined && !(finiteNonNegative(tr.dropTrl?.min) && finiteNonNegative(tr.dropTrl?.max))) {
      throw new ProtocolError('invalid_config', 'transmission.dropTrl must be { min, max } non-negative numbers');
    }
  } else {
    throw new ProtocolError('invalid_config', 'transmission.kind must be "weights" or "transmission-risk-level"');
  }
  if (!finiteNonNegative(c.minimumWindowScore))
    throw new ProtocolError('invalid_config', 'minimumWindowScore must be ≥ 0');
  const m = c.minimumMinutesAtAttenuation;
  if (m !== undefined && !(finiteNonNegative(m?.maxAttenuationDb) && finiteNonNegative(m?.minutes))) {
    throw new ProtocolError('invalid_config', 'minimumMinutesAtAttenuation must be { maxAttenuationDb, minutes } ≥ 0');
  }
  if (!finiteNonNegative(c.highRiskMinutesPerDay) || c.highRiskMinutesPerDay === 0) {
    throw new ProtocolError('invalid_config', 'highRiskMinutesPerDay must be a positive number');
  }
}

const pick = <K extends string>(values: Record<K, number>, names: readonly K[]): Record<K, number> =>
  Object.fromEntries(names.map((name) => [name, values[name]])) as Record<K, number>;

/**
 * Validates `value` (a parsed file, a request's body) as `validateRiskConfiguration` does, and
 * that its `name` is a text, and returns a copy holding only a RiskConfiguration's own fields,
 * nested ones too: a comment or other data beside them in an admin's file is left out, so it is
 * never signed and served to every phone.
 */
export function parseRiskConfiguration(value: unknown): RiskConfiguration {
  validateRiskConfiguration(value as RiskConfiguration);
  const c = value as RiskConfiguration;
  if (typeof c.name !== 'string') throw new ProtocolError('invalid_config', 'name must be a text');
  const [immediate, near, medium] = c.attenuationBucketThresholdDb;
  const [wImmediate, wNear, wMedium, wOther] = c.attenuationBucketWeights;
  const tr = c.transmission;
  const transmission: TransmissionWeighting =
    tr.kind === 'weights'
      ? {
          kind: tr.kind,
          reportTypeWeights: pick(tr.reportTypeWeights, REPORT_TYPES),
          infectiousnessWeights: pick(tr.infectiousnessWeights, INFECTIOUSNESS),
        }
      : {
          kind: tr.kind,
          reportTypeOffsets: pick(tr.reportTypeOffsets, REPORT_TYPES),
          infectiousnessOffsets: pick(tr.infectiousnessOffsets, INFECTIOUSNESS),
          multiplier: tr.multiplier,
          ...(tr.dropTrl === undefined ? {} : { dropTrl: { min: tr.dropTrl.min, max: tr.dropTrl.max } }),
        };
  const m = c.minimumMinutesAtAttenuation;
  return {
    name: c.name,
    attenuationBucketThresholdDb: [immediate, near, medium],
    attenuationBucketWeights: [wImmediate, wNear, wMedium, wOther],
    attenuationOf: c.attenuationOf,
    transmission,
    minimumWindowScore: c.minimumWindowScore,
    ...(m === undefined
      ? {}
      : { minimumMinutesAtAttenuation: { maxAttenuationDb: m.maxAttenuationDb, minutes: m.minutes } }),
    highRiskMinutesPerDay: c.highRiskMinutesPerDay,
  };
}
