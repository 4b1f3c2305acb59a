export * from './park-ref.entity';
export * from './park-ref-table';
export * from './park-ref-events';
export * from './park-ref-access';
