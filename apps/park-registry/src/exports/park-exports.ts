import { type Identity, requireListFilter } from '@cz/auth';
import { type ExportCatalogue, type ExportParams, type ExportTable, exportFilters, statisticsReport } from '@cz/exports';
import type { StatisticsFilter } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import { CountyEntity } from '../entities/county.entity';
import type { ParkStatus, ParkStatusCounts } from '../generated/graphql';
import { parkListQuery } from '../parks/park-list.query';
import { parkStatisticsOf } from '../statistics/park-statistics';

const STATUS_LABELS: Record<ParkStatus, string> = { CANDIDATE: '候选', RECOGNISED: '已认定', REVOKED: '已取消资格' };
const MODE_LABELS: Record<string, string> = { NEW: '新建', RENOVATED: '改建' };

/** What a park's row adds to its profile: sites and the day of its (latest) recognition, for all parks in one statement. */
type ParkFacts = { park_id: string; site_count: number; sites_area_m2: string | null; recognised_on: string | null };

/** 园区名单: the parks `Query.parks` shows this caller, with the form's figures; never contacts (Art 17). */
async function parkList(dataSource: DataSource, identity: Identity, params: ExportParams): Promise<ExportTable[]> {
  const parks = await parkListQuery(dataSource, identity, { countyCode: exportFilters(params).countyCode }).orderBy('park.county_code').addOrderBy('park.name').addOrderBy('park.id').getMany();
  const [counties, facts] = await Promise.all([
    dataSource.getRepository(CountyEntity).find(),
    dataSource.query(
      `SELECT p."id" AS "park_id",
              (SELECT count(*) FROM "${SCHEMA}"."park_site" s WHERE s."park_id" = p."id")::int AS "site_count",
              (SELECT sum(s."building_area_m2") FROM "${SCHEMA}"."park_site" s WHERE s."park_id" = p."id")::text AS "sites_area_m2",
              (SELECT max(h."approved_on") FROM "${SCHEMA}"."park_status_history" h WHERE h."park_id" = p."id" AND h."to_status" = 'RECOGNISED')::text AS "recognised_on"
         FROM unnest($1::uuid[]) AS p("id")`,
      [parks.map((park) => park.id)],
    ) as Promise<ParkFacts[]>,
  ]);
  const countyName = new Map(counties.map((county) => [county.code, county.name]));
  const factsOf = new Map(facts.map((row) => [row.park_id, row]));
  return [
    {
      title: '园区名单',
      columns: [
        { key: 'name', header: '园区名称' },
        { key: 'officialName', header: '认定名称' },
        { key: 'countyCode', header: '县区代码' },
        { key: 'countyName', header: '县区' },
        { key: 'status', header: '状态' },
        { key: 'recognisedOn', header: '认定日期', kind: 'date' },
        { key: 'address', header: '地址' },
        { key: 'propertyOwnership', header: '产权归属' },
        { key: 'registeredOn', header: '注册时间', kind: 'date' },
        { key: 'buildingAreaM2', header: '建筑面积（平方米）', kind: 'decimal' },
        { key: 'siteCount', header: '载体数', kind: 'integer' },
        { key: 'sitesAreaM2', header: '载体建筑面积合计（平方米）', kind: 'decimal' },
        { key: 'constructionInvestment', header: '建设投入资金（元）', kind: 'money' },
        { key: 'managementTeamSize', header: '管理团队人数', kind: 'integer' },
        { key: 'constructionMode', header: '载体建设方式' },
      ],
      rows: parks.map((park) => ({
        name: park.name,
        officialName: park.officialName,
        countyCode: park.countyCode,
        countyName: countyName.get(park.countyCode),
        status: STATUS_LABELS[park.status],
        recognisedOn: factsOf.get(park.id)?.recognised_on,
        address: park.address,
        propertyOwnership: park.propertyOwnership,
        registeredOn: park.registeredOn,
        buildingAreaM2: park.buildingAreaM2,
        siteCount: factsOf.get(park.id)?.site_count ?? 0,
        sitesAreaM2: factsOf.get(park.id)?.sites_area_m2,
        constructionInvestment: park.constructionInvestmentFen,
        managementTeamSize: park.managementTeamSize,
        constructionMode: MODE_LABELS[park.constructionMode] ?? park.constructionMode,
      })),
    },
  ];
}

const COUNT_COLUMNS = [
  { key: 'candidate', header: '候选', kind: 'integer' },
  { key: 'recognised', header: '已认定', kind: 'integer' },
  { key: 'revoked', header: '已取消资格', kind: 'integer' },
  { key: 'total', header: '合计', kind: 'integer' },
] as const;

/** 园区统计: the figures `Query.parkStatistics` answers, as two tables. */
async function parkStatistics(dataSource: DataSource, filter: StatisticsFilter): Promise<ExportTable[]> {
  const statistics = await parkStatisticsOf(dataSource, filter);
  const counts = (row: ParkStatusCounts) => ({ candidate: row.candidate, recognised: row.recognised, revoked: row.revoked, total: row.total });
  return [
    {
      title: '园区数量（按县区）',
      columns: [{ key: 'countyCode', header: '县区代码' }, { key: 'countyName', header: '县区' }, ...COUNT_COLUMNS],
      rows: [
        ...statistics.byCounty.map((county) => ({ countyCode: county.countyCode, countyName: county.countyName, ...counts(county.counts) })),
        { countyCode: null, countyName: statistics.countyCode ? '合计' : '全市合计', ...counts(statistics.totals) },
      ],
    },
    {
      title: '历年认定与取消资格',
      columns: [
        { key: 'year', header: '年度', kind: 'integer' },
        { key: 'recognised', header: '认定园区数', kind: 'integer' },
        { key: 'revoked', header: '取消资格园区数', kind: 'integer' },
      ],
      rows: statistics.byYear.map((year) => ({ ...year })),
    },
  ];
}

/** The registry's exports (issue 7): the gateway serves them at /files/registry/exports/<token>. */
export const PARK_EXPORTS: ExportCatalogue = {
  service: 'registry',
  reports: {
    PARKS: { title: '园区名单', authorize: (identity) => void requireListFilter(identity, 'park.read'), build: parkList },
    // The park statistics take a county only (no years).
    STATISTICS: statisticsReport('园区统计', parkStatistics, (params) => ({ countyCode: exportFilters(params).countyCode })),
  },
};
