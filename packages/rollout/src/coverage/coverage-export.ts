/**
 * The coverage report as a file for the district committee: CSV (the units table), XLSX (the
 * units, the trend, population warnings, and — when given — install drives, the volunteers'
 * leaderboard, businesses and media ad time planned vs aired per week, one sheet each) or JSON (the report as the API answers it).
 */
import { type businessesApi, coverageApi, type drivesApi } from '@bluezone/protocol/api';
import { BUSINESS_COLUMNS } from '../businesses/business-columns';
import { DRIVE_COLUMNS, LEADERBOARD_COLUMNS } from '../drives/drive-results-export';
import type { MediaReport } from '../media/media-report';
import { mediaWeeksSheet } from '../media/media-report-file';
import { RolloutError } from '../rollout-error';
import { type Column, csvFile, ratio, type Sheet, sheet, xlsxFile } from '../shared/report-table';
import type { CoverageReport, UnitCoverage } from './coverage';

export const REPORT_FORMATS = coverageApi.REPORT_FORMATS;
export type ReportFormat = coverageApi.ReportFormat;

const UNIT_COLUMNS: Column<UnitCoverage>[] = [
  ['code', (u) => u.code],
  ['name', (u) => u.name],
  ['kind', (u) => u.kind],
  ['parent_code', (u) => u.parentCode],
  ['population', (u) => u.population],
  ['target_share', (u) => u.targetShare],
  ['target', (u) => u.target],
  ['installs', (u) => u.members],
  ['brought_in', (u) => u.broughtIn],
  ['active_7d', (u) => u.active],
  ['share', (u) => ratio(u.share)],
  ['active_share', (u) => ratio(u.activeShare)],
  ['below_target', (u) => u.belowTarget],
  ['children_population', (u) => u.childrenPopulation],
];

const TREND_COLUMNS: Column<coverageApi.CoverageTrendDay>[] = [
  ['day', (d) => d.day],
  ['new_installs', (d) => d.newInstalls],
  ['active', (d) => d.active],
];

const WARNING_COLUMNS: Column<CoverageReport['warnings'][number]>[] = [
  ['code', (w) => w.code],
  ['name', (w) => w.name],
  ['population', (w) => w.population],
  ['children_population', (w) => w.childrenPopulation],
  ['children', (w) => w.children],
];

/** What else the XLSX carries besides coverage. */
export interface ReportExtras {
  drives?: drivesApi.DrivesReport;
  businesses?: readonly businessesApi.Business[];
  /** Media ad time: planned vs aired per week (media/media-report.ts). */
  media?: MediaReport;
}

export async function coverageReportFile(
  report: CoverageReport,
  format: ReportFormat,
  extras: ReportExtras = {},
): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  const units = sheet('Coverage', UNIT_COLUMNS, report.units);
  if (format === 'csv') return csvFile(units);
  if (format === 'xlsx') {
    const sheets: Sheet[] = [
      units,
      sheet('Trend', TREND_COLUMNS, report.trend),
      sheet('Warnings', WARNING_COLUMNS, report.warnings),
    ];
    if (extras.drives) {
      sheets.push(sheet('Drives', DRIVE_COLUMNS, extras.drives.drives));
      sheets.push(sheet('Leaderboard', LEADERBOARD_COLUMNS, extras.drives.leaderboard));
    }
    if (extras.businesses) sheets.push(sheet('Businesses', BUSINESS_COLUMNS, extras.businesses));
    if (extras.media) sheets.push(mediaWeeksSheet(extras.media));
    return xlsxFile(sheets);
  }
  throw new RolloutError('invalid_input', `report format must be one of ${REPORT_FORMATS.join(', ')}`);
}
