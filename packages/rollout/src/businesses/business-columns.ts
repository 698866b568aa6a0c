/** A business's results as a report table's columns (the coverage report's XLSX "Businesses" sheet). */
import type { businessesApi } from '@bluezone/protocol/api';
import { type Column, ratio } from '../shared/report-table';

export const BUSINESS_COLUMNS: Column<businessesApi.Business>[] = [
  ['code', (b) => b.code],
  ['name', (b) => b.name],
  ['parent_code', (b) => b.parentCode],
  ['parent_name', (b) => b.parentName],
  ['customers', (b) => b.customers],
  ['target', (b) => b.target],
  ['recommended', (b) => b.recommended],
  ['active_7d', (b) => b.active],
  ['share', (b) => ratio(b.share)],
  ['last_7_days', (b) => b.lastWeek],
];
