export * from './model';
export { FIRST_YEAR, generateScaledCity, LAST_YEAR, MAX_SCALE, PARKS_AT_SCALE_1 } from './city';
export { DEFAULT_SCALED_SEED, parseSeedArguments, type SeedArguments } from './seed-arguments';
