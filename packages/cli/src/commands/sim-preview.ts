/**
 * `bluezone sim preview`: re-scores a simulation's preview sample (`bluezone simulate
 * --preview-sample FILE.json`, what the web admin's configuration card loads) under estimator
 * parameters — the defaults, an earlier version or a file — and prints the notifications'
 * precision and recall. With `--curve`, also what any threshold on the estimate could give: the
 * most precise cut of the phones ranked by their best day's probability at each recall level
 * (protocol preview-curve.ts), so a target can be read as out of reach of a threshold or not.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  bestPrecisionAtRecall,
  type PreviewCurvePoint,
  type PreviewResult,
  parsePreviewSample,
  previewCurve,
  previewNotifications,
} from '@bluezone/protocol';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { loadProximityParameters } from './proximity';

const usage = 'bluezone sim preview --sample FILE.json [--parameters v1…v5|FILE.json] [--curve] [--json]';

/** Recall levels the curve is summarised at. */
export const CURVE_RECALLS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

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
    const path = resolve(io.cwd, requireOption(values.sample, 'sample', usage));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read --sample ${path}: ${(err as Error).message}`);
    }
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
    const atRecall = CURVE_RECALLS.map((recall) => ({ recall, best: bestPrecisionAtRecall(curve, recall) ?? null }));
    if (values.json) {
      io.stdout(
        JSON.stringify({ source: sample.source, parameters: parameters.name, decision: curve.decision, atRecall }),
      );
      return 0;
    }
    io.stdout(`${sample.source}, ${parameters.name}: ${line(curve.decision)} of ${curve.decision.trueContacts}`);
    io.stdout('any threshold on the best day’s probability, the most precise cut at each recall:');
    for (const { recall, best } of atRecall)
      io.stdout(
        best
          ? `  recall ≥ ${pct(recall)}: probability ≥ ${best.probability.toFixed(3)}, ${line(best)}`
          : `  recall ≥ ${pct(recall)}: no threshold reaches it (phones that never matched a key cannot be notified)`,
      );
    return 0;
  },
};
