export * from './data-source';
export * from './database-admin';
export * from './statement-stats';
export * from './audit';
export * from './guarded-update';
export * from './seed-once';
