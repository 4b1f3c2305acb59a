import { readableParkRecords } from '@cz/park-refs';
import { formatYuan } from '@cz/policy';
import type { FundingAwardResolvers, ParkResolvers, SubsidyComputation } from '../generated/graphql';
import { type SubsidyDetails, subsidiesByParkLoader, subsidyDetailsLoader } from './subsidy.loaders';

/** Every subsidy gets its worksheet in the transaction that creates it; the null checks only narrow the LEFT JOIN's types. */
function toWorksheet(details: SubsidyDetails): SubsidyComputation | null {
  const { computation, urban_new_employment_target: urban, rural_labour_transfer_target: rural, policy_version_code: code, policy_date: policyDate, computed_at: computedAt } = details;
  if (!computation || urban === null || rural === null || !code || !policyDate || !computedAt) return null;
  return {
    urbanNewEmploymentTarget: urban,
    ruralLabourTransferTarget: rural,
    targetsTotal: computation.targetsTotal,
    thresholdPercent: computation.thresholdPercent,
    threshold: computation.thresholdPersons,
    employmentPromoted: computation.employmentPromoted,
    eligible: computation.eligible,
    personsAboveThreshold: computation.personsAboveThreshold,
    perPersonAbove: computation.perPersonAboveFen,
    base: computation.baseFen,
    aboveThreshold: computation.aboveThresholdFen,
    uncapped: computation.uncappedFen,
    cap: computation.capFen,
    capped: computation.capped,
    amount: computation.amountFen,
    amountYuan: formatYuan(computation.amountFen),
    policyVersionCode: code,
    policyDate,
    steps: computation.steps,
    computedAt,
  };
}

// The parent award has passed the funding.read guard (Query.fundingAward, lists, _entities).
export const FundingAward: FundingAwardResolvers = {
  subsidyComputation: async (award, _args, context) => {
    if (award.kind !== 'OPERATING_SUBSIDY') return null;
    const details = await subsidyDetailsLoader(context).load(award.id);
    return details ? toWorksheet(details) : null;
  },
  assessmentGrade: async (award, _args, context) => (award.kind === 'OPERATING_SUBSIDY' ? ((await subsidyDetailsLoader(context).load(award.id))?.grade ?? null) : null),
};

export const Park: ParkResolvers = {
  subsidies: async (park, { year }, context) => {
    const subsidies = await readableParkRecords(context.identity, 'funding.read', park.id, context.loaders.parkRefs, (parkId) => subsidiesByParkLoader(context).load(parkId));
    return year == null ? subsidies : subsidies.filter((subsidy) => subsidy.year === year);
  },
};
