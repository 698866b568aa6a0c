/**
 * Per-drive results and the volunteers' leaderboard as files: CSV (one table: `drives` or
 * `leaderboard`), XLSX (both sheets) or JSON (the report as the API answers it). The coverage
 * report's XLSX carries the same two sheets.
 */
import type { coverageApi, drivesApi } from '@bluezone/protocol/api';
import { type Column, csvFile, sheet, xlsxFile } from '../shared/report-table';

export const DRIVE_COLUMNS: Column<drivesApi.Drive>[] = [
  ['id', (d) => d.id],
  ['name', (d) => d.name],
  ['held_on', (d) => d.heldOn],
  ['place', (d) => d.place],
  ['organiser', (d) => d.organiser],
  ['unit_code', (d) => d.unitCode],
  ['unit_name', (d) => d.unitName],
  ['volunteers', (d) => d.volunteers],
  ['installs', (d) => d.installs],
  ['active_7d', (d) => d.active],
];

export const LEADERBOARD_COLUMNS: Column<drivesApi.LeaderboardEntry>[] = [
  ['rank', (e) => e.rank],
  ['volunteer_id', (e) => e.volunteerId],
  // An erased name reads as the volunteer's number (drives/volunteer-retention.ts).
  ['name', (e) => e.name ?? `#${e.volunteerId}`],
  ['drive_id', (e) => e.driveId],
  ['drive', (e) => e.driveName],
  ['installs', (e) => e.installs],
  ['active_7d', (e) => e.active],
];

export type DrivesTable = 'drives' | 'leaderboard';

export async function drivesReportFile(
  report: drivesApi.DrivesReport,
  format: coverageApi.ReportFormat,
  table: DrivesTable = 'drives',
): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  const drives = sheet('Drives', DRIVE_COLUMNS, report.drives);
  const leaderboard = sheet('Leaderboard', LEADERBOARD_COLUMNS, report.leaderboard);
  if (format === 'csv') return csvFile(table === 'drives' ? drives : leaderboard);
  return xlsxFile([drives, leaderboard]);
}
