import { BadUserInputError } from '@cz/errors';
import { countyCode as validCountyCode, type PolicyParameters, type PolicyVersion, text, validatePolicyParameters } from '@cz/policy';
import type { CreatePolicyVersionInput, PolicyParametersInput } from '../generated/graphql';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

/** A code no version can have (NUL, 100 000 characters…) names none: looking it up would only be an SQL error. */
export function isPolicyVersionCode(value: string): boolean {
  return CODE.test(value);
}

/** Only the known fields, so the stored jsonb is exactly a PolicyParameters and nothing else. */
function parametersOf(input: PolicyParametersInput): PolicyParameters {
  const { operatingSubsidy: subsidy } = input;
  return {
    singleSiteMinAreaM2: input.singleSiteMinAreaM2,
    coreSiteMinAreaM2: input.coreSiteMinAreaM2,
    totalMinAreaM2: input.totalMinAreaM2,
    maxSubParks: input.maxSubParks,
    minInstitutions: input.minInstitutions,
    revenueTotalMinFen: input.revenueTotalMinFen,
    revenueTiers: input.revenueTiers.map(({ count, exceedsFen }) => ({ count, exceedsFen })),
    requiredPublicServices: [...input.requiredPublicServices],
    publicityMinWorkingDays: input.publicityMinWorkingDays,
    recognitionAwardFen: input.recognitionAwardFen,
    operatingSubsidy: { thresholdPercentOfTargets: subsidy.thresholdPercentOfTargets, baseFen: subsidy.baseFen, perPersonAboveFen: subsidy.perPersonAboveFen, capFen: subsidy.capFen },
  };
}

/**
 * A new version, checked field by field. `today` (Asia/Shanghai) bounds the start: a version may
 * not begin in the past, since applications already judged then were judged by another one.
 */
export function validateNewPolicyVersion(input: CreatePolicyVersionInput, today: string): PolicyVersion {
  if (!isPolicyVersionCode(input.code)) throw new BadUserInputError('code', '版本编号须为 2–64 位字母、数字、点、横线或下划线，且以字母或数字开头');
  const title = text('title', input.title, '文件名称', { min: 2, max: 200 });
  const countyCode = input.countyCode ?? null;
  if (input.jurisdictionKind === 'COUNTY' && countyCode === null) throw new BadUserInputError('countyCode', '县区版本须填写 6 位县区代码');
  if (input.jurisdictionKind === 'CITY' && countyCode !== null) throw new BadUserInputError('countyCode', '全市版本不能填写县区代码');
  if (countyCode !== null) validCountyCode('countyCode', countyCode);
  if (input.effectiveFrom < today) throw new BadUserInputError('effectiveFrom', '生效日期不能早于今天', { today });
  const effectiveTo = input.effectiveTo ?? null;
  if (effectiveTo !== null && effectiveTo < input.effectiveFrom) throw new BadUserInputError('effectiveTo', '失效日期不能早于生效日期');
  const parameters = parametersOf(input.parameters);
  validatePolicyParameters(parameters, 'parameters');
  return {
    code: input.code,
    title,
    jurisdiction: input.jurisdictionKind === 'COUNTY' ? { kind: 'COUNTY', countyCode: countyCode as string } : { kind: 'CITY' },
    effectiveFrom: input.effectiveFrom,
    effectiveTo,
    parameters,
  };
}
