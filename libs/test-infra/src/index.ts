export * from './test-database';
export * from './test-redis';
export * from './graphql-client';
export * from './wait-for';
export * from './free-port';
export * from './running-process';
export * from './test-smtp-server';
