export * from './services';
export * from './events';
export * from './jobs';
