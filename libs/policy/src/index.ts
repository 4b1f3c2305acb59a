export * from './park-profile.rules';
export * from './money';
