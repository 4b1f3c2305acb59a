export * from './http-service';
export * from './shutdown';
