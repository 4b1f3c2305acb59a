export * from './subgraph-server';
export * from './error-boundary';
export * from './loaders';
export * from './pagination';
export * from './scalars';
export * from './subgraph-config';
export * from './run-subgraph-service';
export * from './run-seed';
