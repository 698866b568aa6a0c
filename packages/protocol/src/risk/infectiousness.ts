/**
 * Infectiousness of a diagnosis key, from its days since onset of symptoms (EN API v2
 * `DiagnosisKeysDataMapping`): a map dsos → NONE / STANDARD / HIGH, set when keys are
 * provided for matching. NONE keys produce no exposure that counts.
 */
import { ProtocolError } from '../errors';
import { type DiagnosisKey, ReportType } from '../temporary-exposure-key';

/** Numbering of the EN API `Infectiousness` constants. */
export enum Infectiousness {
  None = 0,
  Standard = 1,
  High = 2,
}

export interface DiagnosisKeysDataMapping {
  /** dsos (−14 … 14) → infectiousness; days not listed are NONE. */
  daysSinceOnsetToInfectiousness: Readonly<Record<number, Infectiousness>>;
  infectiousnessWhenDaysSinceOnsetMissing: Infectiousness;
  /** Report type for keys published with UNKNOWN (0). */
  reportTypeWhenMissing: ReportType;
}

/**
 * Our default: every day STANDARD and a missing dsos STANDARD. A district without clinical
 * guidance should not silently drop keys; a health authority sets its own mapping.
 */
export const DEFAULT_DATA_MAPPING: DiagnosisKeysDataMapping = {
  daysSinceOnsetToInfectiousness: Object.fromEntries(
    Array.from({ length: 29 }, (_, i) => [i - 14, Infectiousness.Standard]),
  ) as Record<number, Infectiousness>,
  infectiousnessWhenDaysSinceOnsetMissing: Infectiousness.Standard,
  reportTypeWhenMissing: ReportType.ConfirmedTest,
};

export function validateDataMapping(m: DiagnosisKeysDataMapping): void {
  const ok = (v: unknown) => v === 0 || v === 1 || v === 2;
  for (const [day, v] of Object.entries(m.daysSinceOnsetToInfectiousness)) {
    const d = Number(day);
    if (!Number.isInteger(d) || d < -14 || d > 14 || !ok(v)) {
      throw new ProtocolError(
        'invalid_config',
        `daysSinceOnsetToInfectiousness: day ${day} → ${v} is not -14..14 → 0..2`,
      );
    }
  }
  if (!ok(m.infectiousnessWhenDaysSinceOnsetMissing)) {
    throw new ProtocolError('invalid_config', 'infectiousnessWhenDaysSinceOnsetMissing must be 0, 1 or 2');
  }
  if (!Number.isInteger(m.reportTypeWhenMissing) || m.reportTypeWhenMissing < 1 || m.reportTypeWhenMissing > 4) {
    throw new ProtocolError('invalid_config', 'reportTypeWhenMissing must be 1..4');
  }
}

export function infectiousnessOf(key: DiagnosisKey, m: DiagnosisKeysDataMapping): Infectiousness {
  const dsos = key.daysSinceOnsetOfSymptoms;
  if (dsos === undefined) return m.infectiousnessWhenDaysSinceOnsetMissing;
  return m.daysSinceOnsetToInfectiousness[dsos] ?? Infectiousness.None;
}

export function reportTypeOf(key: DiagnosisKey, m: DiagnosisKeysDataMapping): ReportType {
  return key.reportType === ReportType.Unknown ? m.reportTypeWhenMissing : key.reportType;
}
