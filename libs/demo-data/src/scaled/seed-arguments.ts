import { MAX_SCALE } from './city';

export interface SeedArguments {
  /** Undefined: the small demo data set; otherwise the scaled city at this factor. */
  scale?: number;
  seed: number;
}

export const DEFAULT_SCALED_SEED = 1;

/**
 * `npm run seed [-- --scale [factor]] [--seed n]`: `--scale` alone means factor 1; a factor is a
 * positive number up to MAX_SCALE, a seed an integer. Anything else is refused with the reason,
 * so a typo never seeds something other than what was asked for.
 */
export function parseSeedArguments(argv: readonly string[]): SeedArguments {
  const result: SeedArguments = { seed: DEFAULT_SCALED_SEED };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    const next = argv[index + 1];
    const takeValue = (optional: boolean): string | undefined => {
      if (inline !== undefined) return inline;
      if (next !== undefined && !next.startsWith('--')) {
        index += 1;
        return next;
      }
      if (optional) return undefined;
      throw new Error(`${flag} needs a value`);
    };
    if (flag === '--scale') {
      const value = takeValue(true);
      const scale = value === undefined ? 1 : Number(value);
      if (!(Number.isFinite(scale) && scale > 0 && scale <= MAX_SCALE)) throw new Error(`--scale must be a number above 0 and at most ${MAX_SCALE}, got "${value}"`);
      result.scale = scale;
    } else if (flag === '--seed') {
      const value = takeValue(false) as string;
      if (!/^-?\d{1,9}$/.test(value)) throw new Error(`--seed must be an integer, got "${value}"`);
      result.seed = Number(value);
    } else {
      throw new Error(`unknown option ${argv[index]} (expected --scale [factor] and --seed <n>)`);
    }
  }
  return result;
}
