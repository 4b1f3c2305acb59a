import type { PublicServiceFunction } from './declared-facts';

/**
 * Every threshold and amount of the measures is a parameter of a policy version with an effective
 * period (DESIGN.md §2), so a revision of the measures, or a county's own version (Art 22), is
 * data. Areas are m² and money integer fen, as decimal strings; percentages are whole percents.
 */
export interface PolicyParameters {
  /** Art 6(二): one site → building area 不少于 this (inclusive). */
  singleSiteMinAreaM2: string;
  /** Art 6(二): several sites → core site 不少于 this (inclusive)… */
  coreSiteMinAreaM2: string;
  /** …and total 不少于 this (inclusive). */
  totalMinAreaM2: string;
  /** Art 6(二): sub-parks 原则上不超过 this; more needs a written justification. */
  maxSubParks: number;
  /** Art 6(三): resident HR service institutions 不少于 this (inclusive). */
  minInstitutions: number;
  /** Art 6(三): operating institutions' total revenue 达…以上 this (inclusive). */
  revenueTotalMinFen: string;
  /** Art 6(三): or at least `count` institutions each with revenue 超过 `exceedsFen` (exclusive). */
  revenueTiers: ReadonlyArray<{ count: number; exceedsFen: string }>;
  /** Art 6(三): public service functions that must all be present. */
  requiredPublicServices: readonly PublicServiceFunction[];
  /** Art 7(三): publicity lasts 不少于 this many working days. */
  publicityMinWorkingDays: number;
  /** Art 9: one-time recognition award. */
  recognitionAwardFen: string;
  /** Art 10: yearly operating subsidy. */
  operatingSubsidy: { thresholdPercentOfTargets: number; baseFen: string; perPersonAboveFen: string; capFen: string };
}

export type PolicyJurisdiction = { kind: 'CITY' } | { kind: 'COUNTY'; countyCode: string };

export interface PolicyVersion {
  code: string;
  title: string;
  jurisdiction: PolicyJurisdiction;
  /** First day in force (YYYY-MM-DD, Asia/Shanghai). */
  effectiveFrom: string;
  /** Last day in force, or null while in force. */
  effectiveTo: string | null;
  parameters: PolicyParameters;
}

/**
 * 《市级人力资源服务产业园管理办法（试行）》 as the default version. Art 21: in force from the day it
 * was issued; the issue date is not in the text we hold, so `effectiveFrom` must be confirmed by
 * the city bureau before release.
 */
export const CITY_MEASURES: PolicyVersion = {
  code: 'CZ-HRSIP-2024-TRIAL',
  title: '市级人力资源服务产业园管理办法（试行）',
  jurisdiction: { kind: 'CITY' },
  effectiveFrom: '2024-01-01',
  effectiveTo: null,
  parameters: {
    singleSiteMinAreaM2: '3000',
    coreSiteMinAreaM2: '2000',
    totalMinAreaM2: '4000',
    maxSubParks: 3,
    minInstitutions: 10,
    revenueTotalMinFen: '3000000000',
    revenueTiers: [
      { count: 5, exceedsFen: '300000000' },
      { count: 3, exceedsFen: '500000000' },
      { count: 1, exceedsFen: '1000000000' },
    ],
    requiredPublicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'],
    publicityMinWorkingDays: 5,
    recognitionAwardFen: '80000000',
    operatingSubsidy: { thresholdPercentOfTargets: 15, baseFen: '30000000', perPersonAboveFen: '3000', capFen: '50000000' },
  },
};

function inForce(version: PolicyVersion, date: string): boolean {
  return version.effectiveFrom <= date && (version.effectiveTo === null || date <= version.effectiveTo);
}

/**
 * The version that governs a park of `countyCode` on `date`: the county's own version when one is
 * in force (Art 22), otherwise the city's. Undefined when none is in force.
 */
export function policyInForce(versions: readonly PolicyVersion[], countyCode: string, date: string): PolicyVersion | undefined {
  const candidates = versions.filter((version) => inForce(version, date));
  return (
    candidates.find((version) => version.jurisdiction.kind === 'COUNTY' && version.jurisdiction.countyCode === countyCode) ??
    candidates.find((version) => version.jurisdiction.kind === 'CITY')
  );
}
