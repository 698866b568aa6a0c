/**
 * First load of the resident app (react-native-web, served at /app/) on a 3G link: bytes on the
 * wire and time until the onboarding screen's heading is shown, measured by
 * @bluezone/test-support's measureFirstLoad (Chromium's 3G emulation, 1.6 Mbit/s down, 150 ms; a
 * fresh context per load, so nothing cached and no install in IndexedDB; medians).
 *
 * Baseline, measured in the same run: the app as built at --baseline (a git commit; by default
 * 406d70b, the last one before the first screen's chunk was cut down). Both builds are served at
 * /app/ from their .br/.gz copies, with everything else (/api/app-config, /api/export-keys) passed
 * on to one real key server, so only the app differs. A third build is this checkout's sent
 * without its compressed copies: what the precompression saves.
 *
 *   npx tsx packages/app/bench/first-load.ts [--baseline REF] [--runs 3] [--json]
 */
import { parseArgs } from 'node:util';
import { districtServerFeatures } from '@bluezone/rollout';
import { measureFirstLoad, RESIDENT_APP } from '@bluezone/test-support';
import { withTempServer } from '@bluezone/test-support/server';

const { values } = parseArgs({
  options: { baseline: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } },
});
const BASELINE = values.baseline ?? '406d70b';
const RUNS = Number(values.runs ?? 3);
/** The onboarding screen's title (vi.json onboarding.title), the first heading a new resident sees. */
const FIRST_HEADING = 'Bluezone bảo vệ bạn và cộng đồng';

async function main(): Promise<void> {
  const result = await withTempServer('app-bench', districtServerFeatures, (server) =>
    measureFirstLoad({
      app: RESIDENT_APP,
      mount: '/app/',
      baseline: BASELINE,
      workspacePackages: ['protocol', 'client', 'ui-shared'],
      api: new URL(server.url),
      pages: [
        {
          name: 'onboarding',
          path: '',
          loaded: { selector: '[data-testid="screen-onboarding"]', text: FIRST_HEADING },
        },
      ],
      runs: RUNS,
      uncompressed: true,
    }),
  );
  const json = { baseline: result.baseline, runs: result.runs, network: result.network, ...result.pages };
  if (values.json) {
    console.log(JSON.stringify(json));
    return;
  }
  const { baseline, current, timeRatio, uncompressed } = result.pages.onboarding ?? {};
  console.log(`resident app first load on emulated 3G (1.6 Mbit/s, 150 ms), ${RUNS} run(s), baseline ${BASELINE}`);
  console.log(
    `  onboarding baseline ${baseline?.kB} kB ${baseline?.seconds} s   now ${current?.kB} kB ${current?.seconds} s   (time ×${timeRatio})`,
  );
  console.log(`  (now without the .br/.gz copies: ${uncompressed?.kB} kB ${uncompressed?.seconds} s)`);
  console.log(JSON.stringify(json));
}

await main();
