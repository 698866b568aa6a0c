/** The coverage report as a file for the district committee: CSV, XLSX (write-excel-file) or JSON. */
import { coverageApi } from '@bluezone/protocol/api';
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import { RolloutError } from '../rollout-error';
import type { CoverageReport, UnitCoverage } from './coverage';

export const REPORT_FORMATS = coverageApi.REPORT_FORMATS;
export type ReportFormat = coverageApi.ReportFormat;

const COLUMNS: [header: string, value: (u: UnitCoverage) => string | number | boolean][] = [
  ['code', (u) => u.code],
  ['name', (u) => u.name],
  ['kind', (u) => u.kind],
  ['parent_code', (u) => u.parentCode ?? ''],
  ['population', (u) => u.population],
  ['target_share', (u) => u.targetShare],
  ['target', (u) => u.target],
  ['installs', (u) => u.members],
  ['brought_in', (u) => u.broughtIn],
  ['active_7d', (u) => u.active],
  ['share', (u) => Math.round(u.share * 10_000) / 10_000],
  ['active_share', (u) => Math.round(u.activeShare * 10_000) / 10_000],
  ['below_target', (u) => u.belowTarget],
];

export async function coverageReportFile(report: CoverageReport, format: ReportFormat): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  if (format === 'csv') {
    return Buffer.from(
      stringify(
        report.units.map((u) => COLUMNS.map(([, v]) => v(u))),
        { header: true, columns: COLUMNS.map(([h]) => h), cast: { boolean: (b) => (b ? 'yes' : 'no') } },
      ),
    );
  }
  if (format === 'xlsx') {
    const header = COLUMNS.map(([h]) => ({ value: h, fontWeight: 'bold' as const }));
    const rows = report.units.map((u) => COLUMNS.map(([, v]) => ({ value: v(u) })));
    const trendHeader = ['day', 'new_installs', 'active'].map((h) => ({ value: h, fontWeight: 'bold' as const }));
    const trendRows = report.trend.map((d) => [{ value: d.day }, { value: d.newInstalls }, { value: d.active }]);
    return writeXlsxFile([
      { data: [header, ...rows], sheet: 'Coverage' },
      { data: [trendHeader, ...trendRows], sheet: 'Trend' },
    ]).toBuffer();
  }
  throw new RolloutError('invalid_input', `report format must be one of ${REPORT_FORMATS.join(', ')}`);
}
