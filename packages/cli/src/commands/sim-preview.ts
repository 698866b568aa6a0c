/**
 * `bluezone sim preview`: re-scores a simulation's preview sample (`bluezone simulate
 * --preview-sample FILE.json`, what the web admin's configuration card loads) under estimator
 * parameters — the defaults, an earlier version or a file — and prints the notifications'
 * precision and recall. With `--curve`, also what any threshold on the estimate could give: the
 * most precise cut of the phones ranked by their best day's probability at each recall level,
 * with the decision quantile that notifies down to it (protocol preview-curve.ts), so a target can be read as out of reach of a threshold or not,
 * what the phones heard where the decision went wrong (wrongly notified, true contacts missed), and
 * how often the phones at each probability were close contacts (whether "likely" means likely).
 */
import {
  cutsAtRecall,
  type PreviewCurvePoint,
  type PreviewDay,
  type PreviewResult,
  parsePreviewSample,
  previewCurve,
  previewNotifications,
} from '@bluezone/protocol';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { readOptionFile } from '../option-file';
import { parseOptions, requireOption } from '../options';
import { loadProximityParameters } from './proximity';

const usage = 'bluezone sim preview --sample FILE.json [--parameters v1…v6|FILE.json] [--curve] [--json]';

/** Recall levels the curve is summarised at. */
export const CURVE_RECALLS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

/** Median and quartiles of `values` (nearest rank), or undefined when there are none. */
export function quartiles(values: readonly number[]): { q1: number; median: number; q3: number } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.ceil(q * sorted.length) - 1] ?? (sorted[0] as number);
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
}

/** What the phones heard on a group of days: heard minutes, median attenuation, close minutes, probability. */
export function describeDays(days: readonly PreviewDay[]) {
  const of = (f: (d: PreviewDay) => number) => quartiles(days.map(f)) ?? null;
  return {
    phones: days.length,
    heardMinutes: of((d) => d.heardMinutes),
    medianAttenuationDb: of((d) => d.medianAttenuationDb),
    closeMinutes: of((d) => d.closeMinutes),
    probability: of((d) => d.probability),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const line = (r: PreviewResult | PreviewCurvePoint) =>
  `${r.notified} notified (${r.truePositives} true contacts): precision ${pct(r.precision)}, recall ${pct(r.recall)}`;

export const simPreviewCommand: Command = {
  usage,
  run: async (args, io) => {
    const { values } = parseOptions(
      args,
      {
        sample: { type: 'string' },
        parameters: { type: 'string' },
        curve: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const { path, text } = await readOptionFile(io.cwd, '--sample', requireOption(values.sample, 'sample', usage));
    let sample: ReturnType<typeof parsePreviewSample>;
    try {
      sample = parsePreviewSample(text);
    } catch (err) {
      throw new CliError(`--sample ${path}: ${(err as Error).message}`);
    }
    const parameters = await loadProximityParameters(values.parameters, io.cwd);
    if (!values.curve) {
      const result = previewNotifications(sample, parameters);
      if (values.json) io.stdout(JSON.stringify({ source: sample.source, parameters: parameters.name, ...result }));
      else io.stdout(`${sample.source}, ${parameters.name}: ${line(result)} of ${result.trueContacts}`);
      return 0;
    }
    const curve = previewCurve(sample, parameters);
    // null, not absent, in the JSON where no threshold reaches a recall.
    const atRecall = cutsAtRecall(curve, CURVE_RECALLS).map((c) => ({
      recall: c.recall,
      best: c.best ?? null,
      decisionQuantile: c.decisionQuantile ?? null,
    }));
    const errors = {
      wronglyNotified: describeDays(curve.errors.wronglyNotified),
      missed: describeDays(curve.errors.missed),
    };
    if (values.json) {
      io.stdout(
        JSON.stringify({
          source: sample.source,
          parameters: parameters.name,
          decision: curve.decision,
          errors,
          atRecall,
          reliability: curve.reliability,
        }),
      );
      return 0;
    }
    io.stdout(`${sample.source}, ${parameters.name}: ${line(curve.decision)} of ${curve.decision.trueContacts}`);
    const range = (q: { q1: number; median: number; q3: number } | null, digits: number) =>
      q ? `${q.median.toFixed(digits)} (${q.q1.toFixed(digits)}–${q.q3.toFixed(digits)})` : '–';
    for (const [label, e] of [
      ['wrongly notified', errors.wronglyNotified],
      ['true contacts missed (matched a key)', errors.missed],
    ] as const)
      io.stdout(
        `  ${label}: ${e.phones} phones; median (quartiles) heard ${range(e.heardMinutes, 0)} min at ` +
          `${range(e.medianAttenuationDb, 1)} dB, close ${range(e.closeMinutes, 1)} min, probability ${range(e.probability, 2)}`,
      );
    io.stdout('any threshold on the best day’s probability, the most precise cut at each recall:');
    for (const { recall, best, decisionQuantile } of atRecall)
      io.stdout(
        best
          ? `  recall ≥ ${pct(recall)}: probability ≥ ${best.probability.toFixed(3)}` +
              `${decisionQuantile === null ? '' : ` (decisionQuantile ${decisionQuantile})`}, ${line(best)}`
          : `  recall ≥ ${pct(recall)}: no threshold reaches it (phones that never matched a key cannot be notified)`,
      );
    io.stdout('how often the phones at each probability were close contacts (the app says "likely" from 2/3):');
    for (const b of curve.reliability)
      io.stdout(
        `  ${b.from.toFixed(2)}–${b.to.toFixed(2)}: ${b.phones} phones` +
          (b.phones > 0
            ? `, mean probability ${b.meanProbability.toFixed(2)}, close contacts ${pct(b.trueShare)}`
            : ''),
      );
    return 0;
  },
};
