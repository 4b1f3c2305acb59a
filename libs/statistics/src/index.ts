export * from './statistics-filter';
export * from './series';
export * from './figures';
