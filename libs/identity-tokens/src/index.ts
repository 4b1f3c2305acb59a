export * from './user-tokens';
export * from './internal-identity';
export * from './claims';
