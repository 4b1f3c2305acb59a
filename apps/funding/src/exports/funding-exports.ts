import { type Identity, requireListFilter } from '@cz/auth';
import { type ExportCatalogue, type ExportParams, type ExportTable, exportFilters, parkRefsOf, withinYears, statisticsReport } from '@cz/exports';
import type { StatisticsFilter } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { fundingAwardListQuery } from '../awards/award-list.query';
import { SCHEMA } from '../config';
import type { FundingTotals } from '../generated/graphql';
import { AWARD_KIND_NAMES, AWARD_STATUS_NAMES, CATEGORY_NAMES } from '../ledger/ledger-names';
import { fundingStatisticsOf } from '../statistics/funding-statistics';

type LedgerTotals = { award_id: string; granted_fen: string; paid_fen: string; spent_fen: string };

/** 资金名单: the awards `Query.fundingAwards` shows this caller, of the years asked for, each with its ledger totals. */
async function awardList(dataSource: DataSource, identity: Identity, params: ExportParams): Promise<ExportTable[]> {
  const filters = exportFilters(params);
  const awards = await withinYears(fundingAwardListQuery(dataSource, identity, filters), 'award.year', filters).orderBy('award.year', 'DESC').addOrderBy('award.created_at', 'ASC').addOrderBy('award.id').getMany();
  const [parkOf, totals] = await Promise.all([
    parkRefsOf(dataSource, awards),
    // Totals from their one definition, the award_ledger_totals view, for all awards in one statement.
    dataSource.query(`SELECT "award_id", "granted_fen"::text, "paid_fen"::text, "spent_fen"::text FROM "${SCHEMA}"."award_ledger_totals" WHERE "award_id" = ANY($1::uuid[])`, [awards.map((award) => award.id)]) as Promise<LedgerTotals[]>,
  ]);
  const totalsOf = new Map(totals.map((row) => [row.award_id, row]));
  return [
    {
      title: '资金名单',
      columns: [
        { key: 'year', header: '资金年度', kind: 'integer' },
        { key: 'park', header: '园区名称' },
        { key: 'countyCode', header: '县区代码' },
        { key: 'kind', header: '资金类别' },
        { key: 'status', header: '状态' },
        { key: 'amount', header: '金额（元）', kind: 'money' },
        { key: 'granted', header: '已核定（元）', kind: 'money' },
        { key: 'paid', header: '已拨付（元）', kind: 'money' },
        { key: 'spent', header: '已支出（元）', kind: 'money' },
        { key: 'balance', header: '结余（元）', kind: 'money' },
        { key: 'createdAt', header: '创建日期', kind: 'date' },
      ],
      rows: awards.map((award) => {
        const ledger = totalsOf.get(award.id);
        const [granted, paid, spent] = [ledger?.granted_fen, ledger?.paid_fen, ledger?.spent_fen].map((fen) => BigInt(fen ?? '0'));
        return {
          year: award.year,
          park: parkOf.get(award.parkId)?.name,
          countyCode: parkOf.get(award.parkId)?.countyCode,
          kind: AWARD_KIND_NAMES[award.kind],
          status: AWARD_STATUS_NAMES[award.status],
          amount: award.amountFen,
          granted,
          paid,
          spent,
          balance: paid - spent,
          createdAt: award.createdAt,
        };
      }),
    },
  ];
}

const TOTAL_COLUMNS = [
  { key: 'awardCount', header: '资金笔数', kind: 'integer' },
  { key: 'amount', header: '金额（元）', kind: 'money' },
  { key: 'granted', header: '已核定（元）', kind: 'money' },
  { key: 'paid', header: '已拨付（元）', kind: 'money' },
  { key: 'spent', header: '已支出（元）', kind: 'money' },
  { key: 'balance', header: '结余（元）', kind: 'money' },
  { key: 'availableToPay', header: '待拨付（元）', kind: 'money' },
] as const;
const totalsRow = ({ amountYuan: _formatted, ...totals }: FundingTotals) => totals;

/** 资金统计: the figures `Query.fundingStatistics` answers (aggregates only: the data team may have them). */
async function fundingStatistics(dataSource: DataSource, filter: StatisticsFilter): Promise<ExportTable[]> {
  const statistics = await fundingStatisticsOf(dataSource, filter);
  return [
    {
      title: '逐年资金合计',
      columns: [{ key: 'year', header: '资金年度', kind: 'integer' }, ...TOTAL_COLUMNS],
      rows: [...statistics.byYear.map((row) => ({ year: row.year, ...totalsRow(row.totals) })), { year: null, ...totalsRow(statistics.totals) }],
    },
    {
      title: '按年度县区类别状态',
      columns: [
        { key: 'year', header: '资金年度', kind: 'integer' },
        { key: 'countyCode', header: '县区代码' },
        { key: 'kind', header: '资金类别' },
        { key: 'status', header: '状态' },
        { key: 'count', header: '笔数', kind: 'integer' },
        { key: 'amount', header: '金额（元）', kind: 'money' },
      ],
      rows: statistics.byYearCountyKindStatus.map((row) => ({ ...row, kind: AWARD_KIND_NAMES[row.kind], status: AWARD_STATUS_NAMES[row.status] })),
    },
    {
      title: '资金使用范围（第十一条）',
      columns: [
        { key: 'category', header: '使用范围' },
        { key: 'entryCount', header: '支出笔数', kind: 'integer' },
        { key: 'amount', header: '已支出（元）', kind: 'money' },
      ],
      rows: statistics.spendingByCategory.map((row) => ({ ...row, category: CATEGORY_NAMES[row.category] })),
    },
    {
      title: '促进就业与目标任务（第十条）',
      columns: [
        { key: 'year', header: '年度', kind: 'integer' },
        { key: 'urbanNewEmploymentTarget', header: '城镇新增就业目标（人）', kind: 'integer' },
        { key: 'ruralLabourTransferTarget', header: '农村劳动力转移就业目标（人）', kind: 'integer' },
        { key: 'targetsTotal', header: '目标任务合计（人）', kind: 'integer' },
        { key: 'thresholdPercent', header: '门槛比例（%）', kind: 'integer' },
        { key: 'thresholdPersons', header: '门槛人数', kind: 'integer' },
        { key: 'verifiedReports', header: '核实报告数', kind: 'integer' },
        { key: 'employmentPromoted', header: '促进就业人数', kind: 'integer' },
        { key: 'parksReachingThreshold', header: '达到门槛的园区数', kind: 'integer' },
      ],
      rows: statistics.employmentByYear.map((row) => ({ ...row })),
    },
  ];
}

/** The funding service's exports (issue 7): the gateway serves them at /files/funding/exports/<token>. */
export const FUNDING_EXPORTS: ExportCatalogue = {
  service: 'funding',
  reports: {
    // The data team sees money only as aggregates (issue 4): funding.read refuses it the per-park list.
    AWARDS: { title: '资金名单', authorize: (identity) => void requireListFilter(identity, 'funding.read'), build: awardList },
    STATISTICS: statisticsReport('资金统计', fundingStatistics),
  },
};
