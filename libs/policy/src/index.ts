export * from './declared-facts';
export * from './park-profile.rules';
export * from './money';
export * from './grade.rules';
export * from './policy-version';
export * from './eligibility.rules';
export * from './application-stages';
