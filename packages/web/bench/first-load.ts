/**
 * First load of the web app on a 3G link: bytes on the wire and time until the page is usable,
 * for the login page (its button shown) and a district officer's dashboard (its first figure
 * shown), measured by @bluezone/test-support's measureFirstLoad (Chromium's 3G emulation, 1.6
 * Mbit/s down, 150 ms; a fresh context per load; medians).
 *
 * Baseline, measured in the same run: the web app as built at --baseline (a git commit; by default
 * 9751575, the last one before the pages were split into chunks). Both builds are served at `/`
 * from their .br/.gz copies, with /api/ passed on to one real server (SQLite, the Nam Đông demo
 * district seeded), so only the web app differs.
 *
 *   npx tsx packages/web/bench/first-load.ts [--baseline REF] [--runs 3] [--json]
 */
import { parseArgs } from 'node:util';
import { districtServerFeatures, seedDemoDistrict } from '@bluezone/rollout';
import { accounts } from '@bluezone/server';
import { type FirstLoadPage, measureFirstLoad, WEB_APP } from '@bluezone/test-support';
import { withTempServer } from '@bluezone/test-support/server';

const { values } = parseArgs({
  options: { baseline: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } },
});
const BASELINE = values.baseline ?? '9751575';
const RUNS = Number(values.runs ?? 3);
const PASSWORD = 'mật-khẩu-đo-tải';

const PAGES: FirstLoadPage[] = [
  { name: 'login', path: '', loaded: { selector: 'button[type="submit"]', text: 'Đăng nhập' } },
  {
    name: 'dashboard',
    path: '#/dashboard',
    async prepare(context, origin) {
      const res = await context.request.post(`${origin}/api/auth/login`, {
        data: { username: 'huyen', password: PASSWORD },
      });
      if (!res.ok()) throw new Error(`login: ${res.status()}`);
    },
    loaded: { selector: '.tile-value' },
  },
];

async function main(): Promise<void> {
  const result = await withTempServer('web-bench', districtServerFeatures, async (server) => {
    await seedDemoDistrict(server.context, { days: 30 });
    await accounts.createUser(
      accounts.accountDb(server.context.database),
      server.context.units,
      server.context.clock,
      { username: 'huyen', displayName: 'Ban chỉ đạo huyện', role: 'district', password: PASSWORD },
      { N: 1024, r: 8, p: 1 },
    );
    return measureFirstLoad({
      app: WEB_APP,
      mount: '/',
      baseline: BASELINE,
      workspacePackages: ['protocol', 'ui-shared'],
      api: new URL(server.url),
      pages: PAGES,
      runs: RUNS,
    });
  });
  const json = { baseline: result.baseline, runs: result.runs, network: result.network, ...result.pages };
  if (values.json) {
    console.log(JSON.stringify(json));
    return;
  }
  console.log(`web first load on emulated 3G (1.6 Mbit/s, 150 ms), ${RUNS} run(s), baseline ${BASELINE}`);
  for (const [page, s] of Object.entries(result.pages)) {
    console.log(
      `  ${page.padEnd(9)} baseline ${s.baseline.kB} kB ${s.baseline.seconds} s   now ${s.current.kB} kB ${s.current.seconds} s   (time ×${s.timeRatio})`,
    );
  }
  console.log(JSON.stringify(json));
}

await main();
