import { type Identity, requireListFilter } from '@cz/auth';
import { type ExportCatalogue, type ExportParams, type ExportTable, exportFilters, parkRefsOf, withinYears, statisticsReport } from '@cz/exports';
import { DIMENSION_NAMES } from '@cz/policy';
import type { StatisticsFilter } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { assessmentStatisticsOf } from '../statistics/assessment-statistics';
import { STATUS_NAMES } from '../workflow/assessment-lock';
import { assessmentListQuery } from '../workflow/assessment-list.query';
import { GRADE_NAMES } from '../workflow/finalise';

/** 考核名单: the assessments `Query.assessments` shows this caller, of the years asked for. */
async function assessmentList(dataSource: DataSource, identity: Identity, params: ExportParams): Promise<ExportTable[]> {
  const filters = exportFilters(params);
  const assessments = await withinYears(assessmentListQuery(dataSource, identity, filters), 'assessment.year', filters)
    .orderBy('assessment.year', 'DESC')
    .addOrderBy('assessment.total_score', 'DESC', 'NULLS LAST')
    .addOrderBy('assessment.id')
    .getMany();
  const parks = await parkRefsOf(dataSource, assessments);
  return [
    {
      title: '考核名单',
      columns: [
        { key: 'year', header: '考核年度', kind: 'integer' },
        { key: 'park', header: '园区名称' },
        { key: 'countyCode', header: '县区代码' },
        { key: 'status', header: '状态' },
        { key: 'totalScore', header: '总分', kind: 'decimal' },
        { key: 'grade', header: '等次' },
        { key: 'initialTotalScore', header: '初评总分', kind: 'decimal' },
        { key: 'initialGrade', header: '初评等次' },
        { key: 'commended', header: '通报表扬' },
        { key: 'finalisedOn', header: '定级日期', kind: 'date' },
      ],
      rows: assessments.map((assessment) => ({
        year: assessment.year,
        park: parks.get(assessment.parkId)?.name,
        countyCode: parks.get(assessment.parkId)?.countyCode,
        status: STATUS_NAMES[assessment.status],
        totalScore: assessment.totalScore,
        grade: assessment.grade && GRADE_NAMES[assessment.grade],
        initialTotalScore: assessment.initialTotalScore,
        initialGrade: assessment.initialGrade && GRADE_NAMES[assessment.initialGrade],
        commended: assessment.commended ? '是' : '否',
        finalisedOn: assessment.finalisedAt,
      })),
    },
  ];
}

/** 考核统计: the figures `Query.assessmentStatistics` answers, one table per view. */
async function assessmentStatistics(dataSource: DataSource, filter: StatisticsFilter): Promise<ExportTable[]> {
  const statistics = await assessmentStatisticsOf(dataSource, filter);
  return [
    {
      title: '逐年等次分布',
      columns: [
        { key: 'year', header: '考核年度', kind: 'integer' },
        { key: 'assessed', header: '考核园区数', kind: 'integer' },
        { key: 'excellent', header: '优秀', kind: 'integer' },
        { key: 'qualified', header: '合格', kind: 'integer' },
        { key: 'unqualified', header: '不合格', kind: 'integer' },
        { key: 'notGraded', header: '未定等次', kind: 'integer' },
        { key: 'final', header: '其中已最终定级', kind: 'integer' },
      ],
      rows: statistics.gradesByYear.map((row) => ({ ...row })),
    },
    {
      title: '逐年各维度得分（第十九条）',
      columns: [
        { key: 'year', header: '考核年度', kind: 'integer' },
        { key: 'dimension', header: '考核维度' },
        { key: 'assessments', header: '计入的考核数', kind: 'integer' },
        { key: 'averagePoints', header: '平均得分', kind: 'decimal' },
        { key: 'maximumPoints', header: '满分', kind: 'decimal' },
        { key: 'shareOfMaximum', header: '得分率', kind: 'percent' },
      ],
      rows: statistics.dimensionsByYear.map((row) => ({ ...row, dimension: DIMENSION_NAMES[row.dimension] })),
    },
    {
      title: '历年平均总分',
      columns: [
        { key: 'year', header: '考核年度', kind: 'integer' },
        { key: 'scored', header: '已评分考核数', kind: 'integer' },
        { key: 'averageTotalScore', header: '平均总分', kind: 'decimal' },
      ],
      rows: statistics.trend.map((row) => ({ ...row })),
    },
  ];
}

/** The assessment service's exports (issue 7): the gateway serves them at /files/assessment/exports/<token>. */
export const ASSESSMENT_EXPORTS: ExportCatalogue = {
  service: 'assessment',
  reports: {
    ASSESSMENTS: { title: '考核名单', authorize: (identity) => void requireListFilter(identity, 'assessment.read'), build: assessmentList },
    STATISTICS: statisticsReport('考核统计', assessmentStatistics),
  },
};
