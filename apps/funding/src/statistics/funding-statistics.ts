import { type StatisticsFilter, withZeros, yearsOf } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import type { FundingKind, FundingStatus } from '../entities/funding-award.entity';
import type { FundingStatistics, FundingTotals } from '../generated/graphql';
import { awardGroups, spendingByCategory, totalsBy } from './award-totals';
import { employmentByYear } from './employment-statistics';

const NO_MONEY: FundingTotals = { awardCount: 0, amount: '0', amountYuan: '0.00', granted: '0', paid: '0', spent: '0', balance: '0', availableToPay: '0' };

/**
 * 资金统计 over a range of funding years, in six statements whatever the number of awards and
 * entries: groups by year × county × kind × status, totals per year (and overall), spending by
 * Art 11 category, and employment against the city's targets. Only aggregates leave the database.
 */
export async function fundingStatisticsOf(dataSource: DataSource, filter: StatisticsFilter): Promise<FundingStatistics> {
  const { fromYear, toYear, countyCode } = filter;
  const groups = await awardGroups(dataSource, filter, ['year', 'countyCode', 'kind', 'status']);
  const byYear = await totalsBy(dataSource, filter, 'year');
  return {
    fromYear,
    toYear,
    countyCode,
    totals: byYear.total,
    byYear: withZeros(
      yearsOf(filter),
      byYear.groups.map((group) => ({ year: group.key, totals: group.totals })),
      (row) => `${row.year}`,
      (year) => `${year}`,
      (year) => ({ year, totals: NO_MONEY }),
    ),
    byYearCountyKindStatus: groups.map((group) => ({
      year: group.year as number,
      countyCode: group.countyCode as string,
      kind: group.kind as FundingKind,
      status: group.status as FundingStatus,
      count: group.count,
      amount: group.amount,
      amountYuan: group.amountYuan,
    })),
    spendingByCategory: await spendingByCategory(dataSource, filter),
    employmentByYear: await employmentByYear(dataSource, filter),
  };
}
