import { type StatisticsFilter, type StatisticsInput, statisticsFilter } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { type ExportParams, exportFilters } from './export-link';
import type { ExportReport } from './export-routes';
import type { ExportTable } from './export-table';

/**
 * A STATISTICS export: authorised and validated by `statisticsFilter` exactly as the service's
 * statistics query is (same scopes, same year and county checks), then turned into tables from
 * the filter it decided. `input` picks the filters the statistics take from the link's.
 */
export function statisticsReport(title: string, tablesOf: (dataSource: DataSource, filter: StatisticsFilter) => Promise<ExportTable[]>, input: (params: ExportParams) => StatisticsInput = exportFilters): ExportReport {
  return {
    title,
    authorize: (identity, params, now) => void statisticsFilter(identity, input(params), now),
    build: (dataSource, identity, params, now) => tablesOf(dataSource, statisticsFilter(identity, input(params), now)),
  };
}
