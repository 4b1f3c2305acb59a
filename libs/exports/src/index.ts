export * from './export-table';
export * from './csv';
export * from './xlsx';
export * from './export-link';
export * from './export-routes';
export * from './export-download.test-support';
export * from './audit-log-export';
export * from './list-export';
