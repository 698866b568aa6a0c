/**
 * Padding with fake keys: a batch with few real keys would tell an observer how many people
 * uploaded in a window (and, in a small district, who). Every file is filled up to a minimum
 * count plus random jitter with random keys whose metadata is copied from real ones, so fakes
 * cannot be told apart (google/exposure-notifications-server internal/export "ensureMinNumExposures").
 */
import { type DiagnosisKey, dayStartInterval, ReportType, TEK_ROLLING_PERIOD } from '@bluezone/protocol';
import { type Random, randomInt } from '../clock';

export function paddingKeys(
  random: Random,
  real: readonly DiagnosisKey[],
  minCount: number,
  jitter: number,
  nowInterval: number,
): DiagnosisKey[] {
  const target = minCount + (jitter > 0 ? randomInt(random, jitter + 1) : 0);
  const n = Math.max(0, target - real.length);
  const today = dayStartInterval(nowInterval);
  const fakes: DiagnosisKey[] = new Array(n);
  const bytes = random.bytes(16 * n);
  for (let i = 0; i < n; i++) {
    const model = real.length > 0 ? real[randomInt(random, real.length)] : undefined;
    fakes[i] = {
      keyData: bytes.subarray(16 * i, 16 * i + 16),
      rollingStartIntervalNumber:
        model?.rollingStartIntervalNumber ?? today - (1 + randomInt(random, 13)) * TEK_ROLLING_PERIOD,
      rollingPeriod: model?.rollingPeriod ?? TEK_ROLLING_PERIOD,
      transmissionRiskLevel: model?.transmissionRiskLevel ?? 0,
      reportType: model?.reportType ?? ReportType.ConfirmedTest,
      daysSinceOnsetOfSymptoms: model?.daysSinceOnsetOfSymptoms,
    };
  }
  return fakes;
}
