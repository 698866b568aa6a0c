/**
 * `bluezone simulate`: runs a virtual district (default: Nam Đông, ~25,000 people) for D days
 * with every app user's phone running the SDK, and writes the report (JSON and HTML). Prints
 * its own wall time and peak memory on stderr.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RISK_PRESETS } from '@bluezone/protocol';
import {
  ADOPTION_GROUPS,
  type AdoptionPoint,
  buildReport,
  loadScenarioFile,
  MIT_MATRIX_RADIO_FIT,
  namDongScenario,
  parseScenario,
  previewSampleOf,
  RadioModel,
  renderReportHtml,
  runSimulation,
  type Scenario,
  scalePopulation,
  withAdoption,
} from '@bluezone/sim';
import { UsageError } from '../cli-error';
import type { CliIo, Command } from '../command';
import { integerOption, parseOptions } from '../options';
import { loadProximityParameters, loadRiskConfiguration } from './proximity';
import { withSimErrors } from './sim-errors';

const usage =
  'bluezone simulate [--scenario FILE.yaml|json] [--seed N] [--days D] [--people P] [--adoption LEVEL|group=LEVEL,…] ' +
  `[--sweep-adoption 0.2,0.4,…] [--config ${Object.keys(RISK_PRESETS).join('|')}|FILE.json] [--proximity v1…v6|FILE.json] [--out DIR] [--preview-sample FILE.json] [--json] [--progress] [--full-checks]`;

function level(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`${what} must be a number in 0..1, got "${text}"`);
  return n;
}

/** `0.5` sets every group; `staff=0.8,students=0.5` sets the groups named. */
export function applyAdoption(s: Scenario, spec: string): Scenario {
  if (!spec.includes('=')) return withAdoption(s, level(spec, '--adoption'));
  const adoption = { ...s.adoption };
  for (const part of spec.split(',')) {
    const [group, value] = part.split('=');
    if (!ADOPTION_GROUPS.includes(group as (typeof ADOPTION_GROUPS)[number])) {
      throw new UsageError(`--adoption: unknown group "${group}" (groups: ${ADOPTION_GROUPS.join(', ')})`);
    }
    adoption[group as (typeof ADOPTION_GROUPS)[number]] = level(value ?? '', `--adoption ${group}`);
  }
  return { ...s, adoption };
}

function progressBar(io: CliIo, label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  let lastShown = -1;
  return (done: number, total: number) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === lastShown || (!tty && pct % 10 !== 0)) return;
    lastShown = pct;
    const bar = `${'█'.repeat(Math.floor(pct / 4))}${'░'.repeat(25 - Math.floor(pct / 4))}`;
    if (tty) process.stderr.write(`\r${label} ${bar} ${pct}%${done === total ? '\n' : ''}`);
    else io.stderr(`${label} ${pct}%`);
  };
}

export const simulateCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values } = parseOptions(
        args,
        {
          scenario: { type: 'string' },
          seed: { type: 'string' },
          days: { type: 'string' },
          people: { type: 'string' },
          adoption: { type: 'string' },
          'sweep-adoption': { type: 'string' },
          config: { type: 'string' },
          out: { type: 'string' },
          json: { type: 'boolean' },
          progress: { type: 'boolean' },
          'full-checks': { type: 'boolean' },
          'preview-sample': { type: 'string' },
          proximity: { type: 'string' },
        },
        usage,
      );
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      let scenario = values.scenario ? await loadScenarioFile(resolve(io.cwd, values.scenario)) : namDongScenario();
      if (values.days !== undefined)
        scenario = parseScenario({ ...scenario, days: integerOption(values.days, 'days') }, '--days');
      if (values.people !== undefined) {
        const people = integerOption(values.people, 'people');
        if (people < 2) throw new UsageError('--people must be at least 2');
        scenario = scalePopulation(scenario, people);
      }
      if (values.adoption !== undefined) scenario = applyAdoption(scenario, values.adoption);
      const sweepLevels = values['sweep-adoption']?.split(',').map((v) => level(v, '--sweep-adoption'));
      const seed = integerOption(values.seed, 'seed', 1);
      const risk = await loadRiskConfiguration(values.config, io.cwd);
      // Served by the simulated key server as the health authority's configuration document.
      const proximity =
        values.proximity === undefined
          ? undefined
          : await loadProximityParameters(values.proximity, io.cwd, '--proximity');
      const radio = new RadioModel(MIT_MATRIX_RADIO_FIT);
      const showProgress = values.progress === true || process.stderr.isTTY === true;
      const run = async (s: Scenario, label: string) => {
        const r = await runSimulation(s, {
          seed,
          radio,
          risk,
          ...(proximity ? { proximity } : {}),
          fullChecks: values['full-checks'] === true,
          ...(showProgress ? { onProgress: progressBar(io, label) } : {}),
        });
        await r.server.close(); // its in-memory database; the report needs only the result
        return r;
      };
      const result = await run(scenario, 'simulate');
      let sweep: AdoptionPoint[] | undefined;
      if (sweepLevels) {
        // Same seed, same people and schedules; only who has the app changes.
        const baseline = (await run(withAdoption(scenario, 0), 'adoption 0')).epidemic.infections;
        sweep = [];
        for (const a of sweepLevels) {
          const r = await run(withAdoption(scenario, a), `adoption ${a}`);
          sweep.push({
            adoption: a,
            infections: r.epidemic.infections,
            averted: baseline - r.epidemic.infections,
            notifications: r.notifications.length,
          });
        }
      }
      const report = buildReport(result, risk.name, sweep);
      // The web admin's configuration preview re-scores this run's matched readings (docs/simulator.md).
      if (values['preview-sample'] !== undefined)
        await writeFile(resolve(io.cwd, values['preview-sample']), JSON.stringify(previewSampleOf(result)));
      const wallSeconds = (performance.now() - started) / 1000;
      const peakRssMb = process.resourceUsage().maxRSS / 1024;
      const cpu = process.cpuUsage(cpuStart);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (values.out) {
        const dir = resolve(io.cwd, values.out);
        await mkdir(dir, { recursive: true });
        await writeFile(resolve(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
        await writeFile(resolve(dir, 'report.html'), renderReportHtml(report, { wallSeconds, peakRssMb }));
      }
      if (values.json) io.stdout(JSON.stringify(report));
      else {
        const d = report.detection;
        const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
        io.stdout(
          `${report.scenario.name}: ${report.scenario.people} people, ${report.scenario.phones} phones, ${report.scenario.days} days, seed ${seed}`,
        );
        io.stdout(
          `infections ${report.epidemic.infections}, positives ${report.epidemic.positives}, uploads ${report.epidemic.uploads}`,
        );
        io.stdout(
          `notifications: ${d.notified} phones, precision ${pct(d.precision)}, recall ${pct(d.recall)} (true F1 with the app: ${d.trueF1})`,
        );
        io.stdout(
          `hours from positive test to notification: median ${report.timeToNotificationHours.median.toFixed(1)}, p90 ${report.timeToNotificationHours.p90.toFixed(1)}`,
        );
        for (const p of report.sweep ?? [])
          io.stdout(`adoption ${pct(p.adoption)}: infections ${p.infections}, averted ${p.averted}`);
        io.stdout(`digest ${report.digest}`);
      }
      io.stderr(
        `simulated ${report.scenario.people} people × ${report.scenario.days} days in ${wallSeconds.toFixed(1)} s wall (${cpuSeconds.toFixed(1)} s CPU), peak memory ${peakRssMb.toFixed(0)} MB`,
      );
      return 0;
    }),
};
