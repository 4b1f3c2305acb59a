import { type Identity, requireListFilter } from '@cz/auth';
import { type ExportCatalogue, type ExportParams, type ExportTable, exportFilters, parkRefsOf, withinYears, statisticsReport } from '@cz/exports';
import { APPLICATION_STAGES, STAGE_NAMES } from '@cz/policy';
import type { StatisticsFilter } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import type { ApplicationKind } from '../generated/graphql';
import { applicationListQuery } from '../applications/application-list.query';
import { applicationStatisticsOf } from '../statistics/application-statistics';

const KIND_NAMES: Record<ApplicationKind, string> = { RECOGNITION: '认定申报', SUB_PARK: '增设分园区' };

/** 申报名单: the applications `Query.applications` shows this caller, of the years asked for. */
async function applicationList(dataSource: DataSource, identity: Identity, params: ExportParams): Promise<ExportTable[]> {
  const filters = exportFilters(params);
  const applications = await withinYears(applicationListQuery(dataSource, identity, filters), 'application.year', filters)
    .orderBy('application.year', 'DESC')
    .addOrderBy('application.created_at', 'ASC')
    .addOrderBy('application.id')
    .getMany();
  const parks = await parkRefsOf(dataSource, applications);
  return [
    {
      title: '申报名单',
      columns: [
        { key: 'year', header: '申报年度', kind: 'integer' },
        { key: 'park', header: '园区名称' },
        { key: 'countyCode', header: '县区代码' },
        { key: 'kind', header: '申报类型' },
        { key: 'stage', header: '当前阶段' },
        { key: 'createdAt', header: '创建日期', kind: 'date' },
        { key: 'submittedAt', header: '提交日期', kind: 'date' },
        { key: 'decidedAt', header: '办结日期', kind: 'date' },
      ],
      rows: applications.map((application) => ({
        year: application.year,
        park: parks.get(application.parkId)?.name,
        countyCode: parks.get(application.parkId)?.countyCode,
        kind: KIND_NAMES[application.kind],
        stage: STAGE_NAMES[application.stage],
        createdAt: application.createdAt,
        submittedAt: application.submittedAt,
        decidedAt: application.decidedAt,
      })),
    },
  ];
}

/** 申报统计: the figures `Query.applicationStatistics` answers, one table per view. */
async function applicationStatistics(dataSource: DataSource, filter: StatisticsFilter): Promise<ExportTable[]> {
  const statistics = await applicationStatisticsOf(dataSource, filter);
  // One row per year, one column per stage: how a bureau reads a year × stage table.
  const perYear = new Map<number, Record<string, unknown>>();
  for (const { year, stage, count } of statistics.byYearAndStage) perYear.set(year, { ...(perYear.get(year) ?? { year }), [stage]: count });
  const deadlines = statistics.deadlines;
  return [
    {
      title: '按当前阶段',
      columns: [{ key: 'stage', header: '阶段' }, { key: 'count', header: '申报数', kind: 'integer' }],
      rows: statistics.byStage.map(({ stage, count }) => ({ stage: STAGE_NAMES[stage], count })),
    },
    {
      title: '按申报年度和阶段',
      columns: [{ key: 'year', header: '申报年度', kind: 'integer' }, ...APPLICATION_STAGES.map((stage) => ({ key: stage, header: STAGE_NAMES[stage], kind: 'integer' as const }))],
      rows: [...perYear.values()],
    },
    {
      title: '各阶段停留时间（自然日）',
      columns: [
        { key: 'stage', header: '阶段' },
        { key: 'stays', header: '停留次数', kind: 'integer' },
        { key: 'averageDays', header: '平均天数', kind: 'decimal' },
        { key: 'medianDays', header: '中位天数', kind: 'decimal' },
      ],
      rows: statistics.timeInStage.map((row) => ({ ...row, stage: STAGE_NAMES[row.stage] })),
    },
    {
      title: '公示期限执行情况',
      columns: [
        { key: 'total', header: '公示期限总数', kind: 'integer' },
        { key: 'metOnTime', header: '按时', kind: 'integer' },
        { key: 'closedLate', header: '逾期结束', kind: 'integer' },
        { key: 'openOverdue', header: '逾期未结', kind: 'integer' },
        { key: 'pending', header: '未到期', kind: 'integer' },
        { key: 'missed', header: '未按期完成', kind: 'integer' },
      ],
      rows: [{ ...deadlines }],
    },
    {
      title: '历年趋势',
      columns: [
        { key: 'year', header: '申报年度', kind: 'integer' },
        { key: 'created', header: '申报数', kind: 'integer' },
        { key: 'submitted', header: '已提交', kind: 'integer' },
        { key: 'approved', header: '已批复', kind: 'integer' },
        { key: 'recognised', header: '批复认定', kind: 'integer' },
        { key: 'rejected', header: '不予认定', kind: 'integer' },
        { key: 'deadlinesMissed', header: '未按期完成的公示期限', kind: 'integer' },
      ],
      rows: statistics.byYear.map((row) => ({ ...row })),
    },
  ];
}

/** The applications service's exports (issue 7): the gateway serves them at /files/applications/exports/<token>. */
export const APPLICATION_EXPORTS: ExportCatalogue = {
  service: 'applications',
  reports: {
    APPLICATIONS: { title: '申报名单', authorize: (identity) => void requireListFilter(identity, 'application.read'), build: applicationList },
    STATISTICS: statisticsReport('申报统计', applicationStatistics),
  },
};
