/**
 * The report as one self-contained HTML page: tables and inline SVG charts (no scripts, no
 * CDN), so it opens offline and can be attached to an e-mail.
 */
import type { SimulationReport } from './simulation-report';

const W = 560;
const H = 220;
const PAD = 36;

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

interface Series {
  name: string;
  color: string;
  values: number[];
}

function axes(maxY: number, labels: string[]): string {
  const ticks = [0, 0.5, 1].map((f) => {
    const y = H - PAD - f * (H - 2 * PAD);
    return `<line x1="${PAD}" x2="${W - 8}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="4" y="${y + 4}" font-size="10">${Math.round(f * maxY)}</text>`;
  });
  const step = Math.max(1, Math.ceil(labels.length / 14));
  const xs = labels
    .map((l, i) =>
      i % step === 0
        ? `<text x="${PAD + ((i + 0.5) * (W - PAD - 8)) / labels.length}" y="${H - PAD + 14}" font-size="10" text-anchor="middle">${esc(l)}</text>`
        : '',
    )
    .join('');
  return ticks.join('') + xs;
}

export function lineChart(title: string, labels: string[], series: Series[]): string {
  const maxY = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => PAD + ((i + 0.5) * (W - PAD - 8)) / labels.length;
  const y = (v: number) => H - PAD - (v / maxY) * (H - 2 * PAD);
  const lines = series
    .map(
      (s) =>
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`,
    )
    .join('');
  const legend = series
    .map((s, i) => `<text x="${PAD + 4 + i * 110}" y="14" font-size="11" fill="${s.color}">■ ${esc(s.name)}</text>`)
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${axes(maxY, labels)}${lines}${legend}</svg></figure>`;
}

export function barChart(title: string, labels: string[], values: number[], color = '#3b6ea5'): string {
  const maxY = Math.max(1, ...values);
  const bw = (W - PAD - 8) / Math.max(1, labels.length);
  const bars = values
    .map((v, i) => {
      const h = (v / maxY) * (H - 2 * PAD);
      return `<rect x="${(PAD + i * bw + 2).toFixed(1)}" y="${(H - PAD - h).toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${esc(labels[i] ?? '')}: ${v}</title></rect>`;
    })
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${axes(maxY, labels)}${bars}</svg></figure>`;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number) => Math.round(x).toLocaleString('en-US');

export function renderReportHtml(r: SimulationReport, timing?: { wallSeconds: number; peakRssMb: number }): string {
  const days = r.epidemic.days.map((d) => String(d.day + 1));
  const rows = (pairs: [string, string][]) =>
    pairs.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  const charts = [
    lineChart('Epidemic by day (people)', days, [
      { name: 'exposed', color: '#d98c00', values: r.epidemic.days.map((d) => d.exposed) },
      { name: 'infectious', color: '#c0392b', values: r.epidemic.days.map((d) => d.infectious) },
      { name: 'recovered', color: '#27ae60', values: r.epidemic.days.map((d) => d.recovered) },
    ]),
    barChart(
      'New infections, uploads and notifications by day',
      days,
      r.epidemic.days.map((d) => d.newInfections),
      '#c0392b',
    ),
    lineChart('Uploads and notifications by day', days, [
      { name: 'uploads', color: '#8e44ad', values: r.epidemic.days.map((d) => d.uploads) },
      { name: 'notifications', color: '#3b6ea5', values: r.epidemic.days.map((d) => d.notifications) },
    ]),
    barChart(
      'Hours from positive test to notification',
      r.timeToNotificationHours.histogram.map((h) => (h.fromHours >= 72 ? '72+' : `${h.fromHours}`)),
      r.timeToNotificationHours.histogram.map((h) => h.count),
    ),
  ];
  if (r.sweep && r.sweep.length > 0) {
    charts.push(
      barChart(
        'Infections averted by adoption level',
        r.sweep.map((p) => `${Math.round(p.adoption * 100)} %`),
        r.sweep.map((p) => p.averted),
        '#27ae60',
      ),
    );
  }
  const sweepTable = r.sweep
    ? `<h2>Adoption sweep</h2><table><tr><th>adoption</th><th>infections</th><th>averted</th><th>notifications</th></tr>${r.sweep
        .map(
          (p) =>
            `<tr><td>${pct(p.adoption)}</td><td>${num(p.infections)}</td><td>${num(p.averted)}</td><td>${num(p.notifications)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bluezone simulation — ${esc(r.scenario.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1180px;margin:24px auto;padding:0 12px;color:#222}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}
figure{display:inline-block;margin:8px}figcaption{font-weight:600;font-size:13px}</style></head><body>
<h1>Bluezone simulation — ${esc(r.scenario.name)}</h1>
<table>${rows([
    ['people / phones', `${num(r.scenario.people)} / ${num(r.scenario.phones)}`],
    ['days, seed', `${r.scenario.days}, ${r.scenario.seed}`],
    [
      'adoption',
      Object.entries(r.scenario.adoption)
        .map(([g, v]) => `${g} ${pct(v)}`)
        .join(', '),
    ],
    ['risk configuration', r.riskConfiguration],
    ['estimator parameters', r.proximityParameters],
    ['infections (initial)', `${num(r.epidemic.infections)} (${r.epidemic.initialInfected})`],
    ['positives, uploads', `${num(r.epidemic.positives)}, ${num(r.epidemic.uploads)}`],
    [
      'close contacts (pair-days; between phones)',
      `${num(r.groundTruth.closeContacts)}; ${num(r.groundTruth.closeContactsBetweenPhones)}`,
    ],
    [
      'time in range by distance (app users)',
      r.groundTruth.inRangeBandShares
        .map((b, i, all) => `${i === 0 ? '≤ ' : `${all[i - 1]?.maxDistanceM}–`}${b.maxDistanceM} m ${pct(b.share)}`)
        .join(', '),
    ],
    ['true F1 with the app / notified', `${num(r.detection.trueF1)} / ${num(r.detection.notified)}`],
    ['precision / recall of notifications', `${pct(r.detection.precision)} / ${pct(r.detection.recall)}`],
    [
      'hours to notification: median / p90',
      `${r.timeToNotificationHours.median.toFixed(1)} / ${r.timeToNotificationHours.p90.toFixed(1)}`,
    ],
    [
      'advertisements / scans / sightings per phone-day',
      `${num(r.battery.advertisementsPerPhoneDay)} / ${num(r.battery.scansPerPhoneDay)} / ${num(r.battery.sightingsPerPhoneDay)}`,
    ],
    [
      'exposure checks run / skipped (no uploader heard)',
      `${num(r.matching.checks)} / ${num(r.matching.checksSkipped)}`,
    ],
    ...(timing
      ? ([['wall time, peak memory', `${timing.wallSeconds.toFixed(1)} s, ${timing.peakRssMb.toFixed(0)} MB`]] as [
          string,
          string,
        ][])
      : []),
    ['report digest', r.digest],
  ])}</table>
${charts.join('\n')}
${sweepTable}
</body></html>
`;
}
