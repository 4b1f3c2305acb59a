export * from './persisted-operations';
