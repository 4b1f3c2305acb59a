import { BadUserInputError } from '@cz/errors';
import { parseAreaHundredths } from './area';
import { PUBLIC_SERVICE_FUNCTIONS, type PublicServiceFunction } from './declared-facts';
import { parseFen } from './money';
import type { PolicyParameters } from './policy-version';

/** The Art 6 thresholds in exact form: areas in hundredths of a m², money in fen. */
export interface EligibilityThresholds {
  singleSiteMinArea: bigint;
  coreSiteMinArea: bigint;
  totalMinArea: bigint;
  maxSubParks: number;
  minInstitutions: number;
  revenueTotalMin: bigint;
  revenueTiers: Array<{ count: number; exceeds: bigint }>;
  requiredPublicServices: PublicServiceFunction[];
}

function count(field: string, value: unknown, min: number, max = 1_000_000): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new BadUserInputError(field, `必须是 ${min} 到 ${max} 之间的整数`, { value });
  }
  return value;
}

function present<T>(field: string, value: T | null | undefined): T {
  if (value === undefined || value === null) throw new BadUserInputError(field, '该参数不能为空');
  return value;
}

function list<T>(field: string, value: readonly T[] | null | undefined): readonly T[] {
  if (!Array.isArray(present(field, value))) throw new BadUserInputError(field, '该参数必须是列表');
  return value as readonly T[];
}

function services(field: string, value: readonly PublicServiceFunction[]): PublicServiceFunction[] {
  const known = PUBLIC_SERVICE_FUNCTIONS as readonly string[];
  list(field, value).forEach((service, index) => {
    if (!known.includes(service)) throw new BadUserInputError(`${field}[${index}]`, '未知的公共服务功能', { value: service });
  });
  return [...new Set(value)];
}

/** Reads the Art 6 thresholds, refusing a missing or malformed one by its field path. */
export function parseEligibilityThresholds(parameters: PolicyParameters, path = 'parameters'): EligibilityThresholds {
  const p = present(path, parameters);
  const area = (name: 'singleSiteMinAreaM2' | 'coreSiteMinAreaM2' | 'totalMinAreaM2') => parseAreaHundredths(`${path}.${name}`, present(`${path}.${name}`, p[name]));
  return {
    singleSiteMinArea: area('singleSiteMinAreaM2'),
    coreSiteMinArea: area('coreSiteMinAreaM2'),
    totalMinArea: area('totalMinAreaM2'),
    maxSubParks: count(`${path}.maxSubParks`, p.maxSubParks, 0, 100),
    minInstitutions: count(`${path}.minInstitutions`, p.minInstitutions, 1, 10_000),
    revenueTotalMin: parseFen(`${path}.revenueTotalMinFen`, present(`${path}.revenueTotalMinFen`, p.revenueTotalMinFen)),
    revenueTiers: list(`${path}.revenueTiers`, p.revenueTiers).map((tier, index) => {
      const field = `${path}.revenueTiers[${index}]`;
      present(field, tier);
      return { count: count(`${field}.count`, tier.count, 1, 10_000), exceeds: parseFen(`${field}.exceedsFen`, present(`${field}.exceedsFen`, tier.exceedsFen)) };
    }),
    requiredPublicServices: services(`${path}.requiredPublicServices`, p.requiredPublicServices),
  };
}

/**
 * Checks a whole parameter set before it becomes a policy version: the Art 6 thresholds, the
 * publicity length (Art 7(三)) and the award and subsidy amounts (Art 9–10).
 */
export function validatePolicyParameters(parameters: PolicyParameters, path = 'parameters'): void {
  const p = present(path, parameters);
  parseEligibilityThresholds(p, path);
  count(`${path}.publicityMinWorkingDays`, p.publicityMinWorkingDays, 1, 60);
  parseFen(`${path}.recognitionAwardFen`, present(`${path}.recognitionAwardFen`, p.recognitionAwardFen));
  const subsidyPath = `${path}.operatingSubsidy`;
  const subsidy = present(subsidyPath, p.operatingSubsidy);
  count(`${subsidyPath}.thresholdPercentOfTargets`, subsidy.thresholdPercentOfTargets, 0, 100);
  const fen = (name: 'baseFen' | 'perPersonAboveFen' | 'capFen') => parseFen(`${subsidyPath}.${name}`, present(`${subsidyPath}.${name}`, subsidy[name]));
  const base = fen('baseFen');
  fen('perPersonAboveFen');
  if (fen('capFen') < base) throw new BadUserInputError(`${subsidyPath}.capFen`, '补助上限不能低于基础补助金额');
}
