import type { Identity } from '@cz/auth';
import { countyInScope } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { year as validYear } from '../employment/employment-input.rules';
import type { FundingKind, FundingStatus } from '../entities/funding-award.entity';
import type { FundingYearSummary } from '../generated/graphql';
import { awardGroups, spendingByCategory, totalsBy } from '../statistics/award-totals';

/**
 * 年度资金汇总, computed in PostgreSQL (three GROUP BY statements, whatever the number of awards):
 * only totals leave the database, which is what lets the data team read it (Art 17; issue 4). It
 * is the one-year case of the programme statistics and is made of the same SQL (award-totals).
 * A county bureau is held to its own county; everyone else may narrow to any county.
 */
export async function fundingYearSummary(dataSource: DataSource, identity: Identity, yearInput: number, requestedCounty: string | null | undefined): Promise<FundingYearSummary> {
  const year = validYear('year', yearInput);
  const countyCode = countyInScope(identity, 'funding.aggregates.read', requestedCounty);
  const range = { fromYear: year, toYear: year, countyCode };

  const kindStatus = await awardGroups(dataSource, range, ['kind', 'status']);
  const byCounty = await totalsBy(dataSource, range, 'countyCode');
  return {
    year,
    countyCode,
    totals: byCounty.total,
    byKindAndStatus: kindStatus.map((group) => ({ kind: group.kind as FundingKind, status: group.status as FundingStatus, count: group.count, amount: group.amount, amountYuan: group.amountYuan })),
    byCounty: byCounty.groups.map((group) => ({ countyCode: group.key, totals: group.totals })),
    spendingByCategory: await spendingByCategory(dataSource, range),
  };
}
