export * from './http-service';
export * from './shutdown';
export * from './clock';
