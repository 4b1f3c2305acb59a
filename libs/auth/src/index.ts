export * from './roles';
export * from './access-policy';
export * from './guard';
export * from './personal-data';
export * from './schema-coordinates';
