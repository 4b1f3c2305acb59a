import { type ReportingView, reportingViewsMigration, shanghaiDate } from '@cz/db';

/**
 * The registry's reporting views (issue 7): counties, parks without their contact person, sites,
 * resident institutions without names or credit codes, public service functions, status history
 * without reasons or actors.
 */
export const REGISTRY_REPORTING_VIEWS: readonly ReportingView[] = [
  {
    name: 'registry_counties',
    comment: '县（市、区）和开发区 — Counties, districts and development zones of Changzhi (GB/T 2260 codes; zones by statistical code). Join any view on county_code.',
    columns: {
      county_code: '县区代码 — county code (6 digits)',
      county_name: '县区名称 — county name',
      kind: '类型：DISTRICT 区 / COUNTY 县 / DEVELOPMENT_ZONE 开发区 — kind of division',
    },
    select: `SELECT county."code", county."name", county."kind" FROM "registry"."county" county`,
  },
  {
    name: 'registry_parks',
    comment: '产业园区（一行一个园区，不含联系人和电话）— One row per park, without its contact person or phone. recognised_on/revoked_on come from the status history and are empty for parks recorded without one (the demo data).',
    columns: {
      park_id: '园区 ID — park id',
      name: '园区名称 — park name',
      official_name: '认定名称（冠“长治”）— official name once recognised, else empty',
      county_code: '所在县区代码 — county code',
      county_name: '所在县区名称 — county name',
      status: '状态：CANDIDATE 申报中 / RECOGNISED 已认定 / REVOKED 已取消资格 — status',
      registered_on: '园区登记日期 — date the park was registered',
      recognised_on: '认定批复日期 — date of the latest recognition approval',
      revoked_on: '取消资格日期（北京时间）— date of revocation (Beijing time)',
      building_area_m2: '申报建筑面积（平方米）— declared building area, m²',
      site_count: '园区场地数（核心园区 + 分园区）— number of sites (core site and sub-parks)',
      core_site_area_m2: '核心园区建筑面积（平方米）— building area of the core site, m²',
      total_site_area_m2: '各场地建筑面积合计（平方米）— building area of all sites, m²',
      institution_count: '入驻人力资源服务机构数 — resident HR service institutions',
      operating_institution_count: '其中正常经营的机构数 — of which operating',
      public_service_count: '具备的公共服务功能数（满分 4）— public service functions offered (of 4)',
      construction_investment_fen: '建设投资（分，整数）— construction investment in integer fen (1 yuan = 100 fen)',
      management_team_size: '管理团队人数 — management team size',
      construction_mode: '建设方式：NEW 新建 / RENOVATED 改建 — construction mode',
      created_at: '记录创建时间 — when the record was created',
      updated_at: '最后修改时间 — when the record last changed',
    },
    select: `
      SELECT park."id", park."name", park."official_name", park."county_code", county."name", park."status", park."registered_on",
             recognition."approved_on", revocation."revoked_on", park."building_area_m2",
             COALESCE(sites."site_count", 0), sites."core_site_area_m2", sites."total_site_area_m2",
             COALESCE(institutions."institution_count", 0), COALESCE(institutions."operating_count", 0), COALESCE(services."service_count", 0),
             park."construction_investment_fen", park."management_team_size", park."construction_mode", park."created_at", park."updated_at"
        FROM "registry"."park" park
        JOIN "registry"."county" county ON county."code" = park."county_code"
        LEFT JOIN (SELECT "park_id", count(*)::int AS "site_count", sum("building_area_m2") FILTER (WHERE "is_core") AS "core_site_area_m2", sum("building_area_m2") AS "total_site_area_m2"
                     FROM "registry"."park_site" GROUP BY "park_id") sites ON sites."park_id" = park."id"
        LEFT JOIN (SELECT "park_id", count(*)::int AS "institution_count", (count(*) FILTER (WHERE "operating"))::int AS "operating_count"
                     FROM "registry"."resident_institution" GROUP BY "park_id") institutions ON institutions."park_id" = park."id"
        LEFT JOIN (SELECT "park_id", count(*)::int AS "service_count" FROM "registry"."park_public_service" GROUP BY "park_id") services ON services."park_id" = park."id"
        LEFT JOIN LATERAL (SELECT history."approved_on" FROM "registry"."park_status_history" history
                            WHERE history."park_id" = park."id" AND history."to_status" = 'RECOGNISED'
                            ORDER BY history."occurred_at" DESC, history."id" DESC LIMIT 1) recognition ON true
        LEFT JOIN LATERAL (SELECT ${shanghaiDate('history."occurred_at"')} AS "revoked_on" FROM "registry"."park_status_history" history
                            WHERE history."park_id" = park."id" AND history."to_status" = 'REVOKED' AND park."status" = 'REVOKED'
                            ORDER BY history."occurred_at" DESC, history."id" DESC LIMIT 1) revocation ON true`,
  },
  {
    name: 'registry_status_history',
    comment: '园区状态变更记录（不含理由和经办人）— Every change of a park\'s status (candidate → recognised → revoked), without the written reason or who made it.',
    columns: {
      history_id: '记录 ID — row id (increasing)',
      park_id: '园区 ID — park id',
      county_code: '所在县区代码 — county code',
      from_status: '变更前状态 — status before',
      to_status: '变更后状态 — status after',
      application_id: '引起认定的申报 ID — the approved application behind a recognition',
      approval_document_no: '批复文号 — approval document number (public)',
      approved_on: '批复日期 — approval date',
      occurred_at: '变更时间 — when the status changed',
      occurred_on: '变更日期（北京时间）— date of the change (Beijing time)',
    },
    select: `
      SELECT history."id", history."park_id", park."county_code", history."from_status", history."to_status", history."application_id",
             history."approval_document_no", history."approved_on", history."occurred_at", ${shanghaiDate('history."occurred_at"')}
        FROM "registry"."park_status_history" history
        JOIN "registry"."park" park ON park."id" = history."park_id"`,
  },
  {
    name: 'registry_park_sites',
    comment: '园区场地（核心园区和分园区，不含地址）— Sites of each park: the core site and sub-parks (Art 6, 8), without addresses.',
    columns: {
      site_id: '场地 ID — site id',
      park_id: '园区 ID — park id',
      is_core: '是否核心园区 — whether this is the core site',
      building_area_m2: '建筑面积（平方米）— building area, m²',
      source_application_id: '增设该分园区的申报 ID（第八条）— the approved sub-park application that added it (Art 8)',
      created_at: '记录创建时间 — when the site was recorded',
    },
    select: `SELECT site."id", site."park_id", site."is_core", site."building_area_m2", site."added_by_application_id", site."created_at" FROM "registry"."park_site" site`,
  },
  {
    name: 'registry_resident_institutions',
    comment: '入驻人力资源服务机构（不含名称、信用代码和证号）— Resident HR service institutions, without names, credit codes or licence numbers. Revenue in integer fen, including pass-through payments (含代收代付).',
    columns: {
      institution_id: '机构记录 ID — institution row id',
      park_id: '园区 ID — park id',
      county_code: '所在县区代码 — county code of the park',
      licence_kind: '资质：LICENCE 许可证 / FILING 备案凭证 — licence or filing certificate',
      licence_valid_until: '资质有效期至 — licence valid until',
      operating: '是否正常经营 — whether it operates',
      revenue_year: '营业收入所属年度 — year of the revenue figure',
      revenue_fen: '营业收入（分，整数，含代收代付）— revenue in integer fen, pass-through included',
      source_application_id: '来源申报 ID — the application whose frozen facts listed it',
      created_at: '记录创建时间 — when the row was recorded',
    },
    select: `
      SELECT institution."id", institution."park_id", park."county_code", institution."licence_kind", institution."licence_valid_until", institution."operating",
             institution."revenue_year", institution."revenue_fen", institution."source_application_id", institution."created_at"
        FROM "registry"."resident_institution" institution
        JOIN "registry"."park" park ON park."id" = institution."park_id"`,
  },
  {
    name: 'registry_park_public_services',
    comment: '园区具备的公共服务功能 — Public service functions each park offers (Art 6: all four are required).',
    columns: {
      park_id: '园区 ID — park id',
      function: '功能：EMPLOYMENT_ENTREPRENEURSHIP 就业创业 / VOCATIONAL_TRAINING 职业培训 / SOCIAL_SECURITY 社会保障 / PERSONNEL_TALENT 人事人才 — function',
    },
    select: `SELECT service."park_id", service."function" FROM "registry"."park_public_service" service`,
  },
];

export const ReportingViews1795000000000 = reportingViewsMigration('ReportingViews1795000000000', REGISTRY_REPORTING_VIEWS);
