export * from './park-profile.rules';
export * from './money';
export * from './grade.rules';
