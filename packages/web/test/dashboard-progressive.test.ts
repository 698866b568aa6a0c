// The dashboard on a slow network, in a real browser (Debian's Chromium via playwright-core) against
// the real server: its figures do not wait for the map. The map's request is held by the test
// (a route that answers only when the test lets it) while the coverage cards and the bars per area
// show, the map's card waiting with its spinner; once let through, the map is drawn, and a district
// officer's page never asked for the admin's map upload. Every step waits on what the page shows,
// never on time.
import { createApiKey } from '@bluezone/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, startWebServer, type WebServer } from './support/web-server-harness';

/** Installs at home per village of Khe Tre (20161) and Hương Phú (20164). */
const INSTALLS: [string, number][] = [
  ['20161-01', 4],
  ['20161-02', 2],
  ['20164-01', 3],
];
const TOTAL = INSTALLS.reduce((n, [, count]) => n + count, 0);

let web: WebServer;

beforeAll(async () => {
  web = await startWebServer({ name: 'dashboard-progressive', people: [DISTRICT] });
  const { database, clock } = web.server.context;
  const device = (await createApiKey(database, clock, 'device')).key;
  for (const [unitCode, count] of INSTALLS) {
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${web.server.url}/api/rollout/attest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': device },
        body: JSON.stringify({
          unitCode,
          installId: `install-${unitCode}-${i}`,
          appVersion: '1.0.0',
          tracingActive: true,
        }),
      });
      if (!res.ok) throw new Error(`attest ${unitCode}: ${res.status} ${await res.text()}`);
    }
  }
}, 180_000);

afterAll(() => web?.close());

describe('dashboard on a slow network', () => {
  it("shows the district's figures and bars while the map's answer is held, and the map once it arrives", {
    timeout: 120_000,
  }, async () => {
    await web.withPage('huyen', async (page) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let asked!: () => void;
      const mapAsked = new Promise<void>((resolve) => {
        asked = resolve;
      });
      // The chunks the reload asks for (a page with routes keeps no HTTP cache, so each is a request).
      const chunks: string[] = [];
      page.on('request', (r) => {
        const { pathname } = new URL(r.url());
        if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) chunks.push(pathname.slice('/assets/'.length));
      });
      await page.route('**/api/rollout/maps/**', async (route) => {
        asked();
        await released;
        await route.continue();
      });
      try {
        // A fresh load of the dashboard (the shell, its session check and the page's chunk again).
        await page.reload();
        await mapAsked;
        const installs = page.locator('.tile', { hasText: 'Lượt cài đặt' }).locator('.tile-value');
        await installs.waitFor();
        expect(await installs.textContent()).toBe(String(TOTAL));
        // The bars per area are drawn from the same report; the map's card waits with its spinner.
        const bars = page.locator('.card', { has: page.getByRole('heading', { name: 'Theo địa bàn' }) });
        await bars.locator('svg .chart-track').first().waitFor();
        const mapCard = page.locator('.card', { has: page.getByRole('heading', { name: 'Bản đồ độ phủ' }) });
        await mapCard.getByRole('status').waitFor();
        expect(await page.getByTestId('coverage-map').count()).toBe(0);

        release();
        await page.getByTestId('coverage-map').waitFor();
        expect(await page.locator('[data-testid^="map-area-"]').count()).toBe(10);
        expect(await mapCard.getByRole('status').count()).toBe(0);
        expect(await installs.textContent()).toBe(String(TOTAL));
        // The drawings came in a chunk of their own; the map upload, an admin's alone, was never asked for.
        expect(chunks.filter((c) => c.startsWith('dashboard-charts-'))).not.toEqual([]);
        expect(chunks.filter((c) => c.startsWith('map-upload-'))).toEqual([]);
      } finally {
        release();
      }
    });
  });
});
