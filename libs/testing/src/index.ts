// The lower layer (databases, Redis prefixes, HTTP, processes) lives in @cz/test-infra so the
// libraries below the subgraph kit can test themselves with it; apps get both from here.
export * from '@cz/test-infra';
export * from './test-subgraph';
export * from './test-event-queue';
export * from './park-ref-factory';
export * from './statistics-checks';
export * from './input-fuzzer';
export * from './input-fuzz-runner';
