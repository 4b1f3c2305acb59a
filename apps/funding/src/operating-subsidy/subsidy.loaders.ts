import type { OperatingSubsidyComputation } from '@cz/policy';
import { isUuid, loaderByKey, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { FundingAwardEntity } from '../entities/funding-award.entity';

export interface SubsidyDetails {
  award_id: string;
  urban_new_employment_target: number | null;
  rural_labour_transfer_target: number | null;
  policy_version_code: string | null;
  policy_date: string | null;
  computation: OperatingSubsidyComputation | null;
  computed_at: Date | null;
  grade: 'EXCELLENT' | 'QUALIFIED' | 'UNQUALIFIED' | null;
}

/** The worksheet and the latest grade of every subsidy of the request, in one statement. */
export const subsidyDetailsLoader = perRequest(({ dataSource }: Context) =>
  loaderByKey(
    (ids: readonly string[]): Promise<SubsidyDetails[]> =>
      dataSource.query(
        `SELECT award."id" AS "award_id", comp."urban_new_employment_target", comp."rural_labour_transfer_target", award."policy_version_code",
                to_char(comp."policy_date", 'YYYY-MM-DD') AS "policy_date", comp."computation", comp."computed_at", result."grade"
           FROM "${SCHEMA}"."funding_award" award
           LEFT JOIN "${SCHEMA}"."subsidy_computation" comp ON comp."award_id" = award."id"
           LEFT JOIN "${SCHEMA}"."assessment_result" result ON result."park_id" = award."park_id" AND result."year" = award."year"
          WHERE award."id" = ANY($1) AND award."kind" = 'OPERATING_SUBSIDY'`,
        [ids.filter(isUuid)],
      ),
    (details) => details.award_id,
  ),
);

/** Park.subsidies: every subsidy of every park of the request, latest year first, in one statement. */
export const subsidiesByParkLoader = perRequest(({ dataSource }: Context) =>
  loaderGroupedByKey(
    (parkIds: readonly string[]) =>
      dataSource
        .getRepository(FundingAwardEntity)
        .createQueryBuilder('award')
        .where('award.park_id = ANY(:parkIds)', { parkIds: parkIds.filter(isUuid) })
        .andWhere(`award.kind = 'OPERATING_SUBSIDY'`)
        .orderBy('award.year', 'DESC')
        .getMany(),
    (award) => award.parkId,
  ),
);
