/**
 * The media report as a file: CSV (the weeks), XLSX (a sheet of weeks and one of partners) or
 * JSON (as the API answers it). The coverage report's XLSX carries the weeks sheet too.
 */
import type { coverageApi } from '@bluezone/protocol/api';
import { type Column, csvFile, sheet, xlsxFile } from '../shared/report-table';
import type { MediaReport, MediaWeek } from './media-report';

const FIGURES: Column<MediaWeek>[] = [
  ['planned_slots', (w) => w.planned],
  ['aired_slots', (w) => w.aired],
  ['missed_slots', (w) => w.missed],
  ['unconfirmed_slots', (w) => w.unconfirmed],
  ['planned_cost_vnd', (w) => w.plannedCostVnd],
  ['aired_cost_vnd', (w) => w.airedCostVnd],
  ['planned_reach', (w) => w.plannedReach],
  ['aired_reach', (w) => w.airedReach],
];

export const MEDIA_WEEK_COLUMNS: Column<MediaWeek>[] = [['week_starting', (w) => w.week], ...FIGURES];

const PARTNER_COLUMNS: Column<MediaReport['partners'][number]>[] = [
  ['partner_id', (p) => p.partnerId],
  ['partner', (p) => p.partnerName],
  ['kind', (p) => p.kind],
  ...(FIGURES as Column<MediaReport['partners'][number]>[]),
];

export const mediaWeeksSheet = (report: MediaReport) => sheet('Media', MEDIA_WEEK_COLUMNS, report.weeks);

export async function mediaReportFile(report: MediaReport, format: coverageApi.ReportFormat): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  if (format === 'csv') return csvFile(mediaWeeksSheet(report));
  return xlsxFile([mediaWeeksSheet(report), sheet('Media partners', PARTNER_COLUMNS, report.partners)]);
}
