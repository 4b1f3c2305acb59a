export * from './calendar-copy-tables';
export * from './calendar-copy';
