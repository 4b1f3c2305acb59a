export * from './shanghai-time';
export * from './working-days';
export * from './package-calendar';
