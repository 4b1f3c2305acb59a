export * from './outbox-tables';
export * from './outbox';
export * from './outbox-relay';
export * from './event-consumer';
export * from './redis';
