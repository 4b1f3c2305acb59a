import { type ReportingView, reportingViewsMigration } from '@cz/db';

/** Every money column says the same thing, so a reader never has to guess the unit. */
const FEN = '整数，单位分（1 元 = 100 分）— integer fen (1 yuan = 100 fen)';

/**
 * Funding's reporting views (issue 7): awards with their ledger totals, the ledger itself, yearly
 * targets, employment reports, subsidy worksheets and Art 12 references. Left out: descriptions,
 * evidence, reasons, voucher numbers, idempotency keys, enterprise names and credit codes, and who
 * recorded anything — free text and identities that could hold personal data.
 */
export const FUNDING_REPORTING_VIEWS: readonly ReportingView[] = [
  {
    name: 'funding_awards',
    comment: `奖补资金（认定一次性奖励和年度运营补助）及其台账合计 — Recognition awards (Art 9) and operating subsidies (Art 10) with their ledger totals from funding.award_ledger_totals: balance = paid − spent. Money is ${FEN}.`,
    columns: {
      award_id: '奖补 ID — award id',
      park_id: '园区 ID — park id',
      park_name: '园区名称 — park name',
      county_code: '所在县区代码 — county code',
      kind: '类型：RECOGNITION_AWARD 认定一次性奖励 / OPERATING_SUBSIDY 运营补助 — kind',
      year: '资金年度 — funding year',
      status: '状态：PENDING 待考核 / APPROVED 已核准 / HELD 暂缓 / PAID 已拨付 / CANCELLED 已取消 — status',
      amount_fen: `核定金额，${FEN}；低于门槛的补助为 0 — amount; 0 for a subsidy below the threshold`,
      granted_fen: `已下达，${FEN} — granted per the ledger`,
      paid_fen: `已拨付，${FEN} — paid per the ledger`,
      spent_fen: `已使用（不含退回的支出），${FEN} — spent, returned spending excluded`,
      balance_fen: `结余 = 已拨付 − 已使用，${FEN} — balance = paid − spent`,
      policy_version_code: '金额所依据的政策版本 — policy version the amount came from',
      source_application_id: '引起认定奖励的申报 ID — the approved application behind a recognition award',
      created_at: '创建时间 — when the award was created',
      updated_at: '最后修改时间 — when it last changed',
    },
    select: `
      SELECT award."id", award."park_id", ref."name", ref."county_code", award."kind", award."year", award."status", award."amount_fen",
             COALESCE(totals."granted_fen", 0)::bigint, COALESCE(totals."paid_fen", 0)::bigint, COALESCE(totals."spent_fen", 0)::bigint,
             (COALESCE(totals."paid_fen", 0) - COALESCE(totals."spent_fen", 0))::bigint,
             award."policy_version_code", award."source_application_id", award."created_at", award."updated_at"
        FROM "funding"."funding_award" award
        LEFT JOIN "funding"."park_ref" ref ON ref."park_id" = award."park_id"
        LEFT JOIN "funding"."award_ledger_totals" totals ON totals."award_id" = award."id"`,
  },
  {
    name: 'funding_ledger',
    comment: `资金台账（只增不改）— The append-only ledger, one row per entry. Sum effect_fen grouped by award and total_affected to get granted, paid and spent exactly as funding_awards does: a CORRECTION reverses one entry in full, a RETURNed spending counts 0. Money is ${FEN}.`,
    columns: {
      entry_id: '台账记录 ID — entry id (increasing)',
      award_id: '奖补 ID — award id',
      park_id: '园区 ID — park id',
      county_code: '所在县区代码 — county code',
      award_kind: '奖补类型 — kind of the award',
      award_year: '奖补年度 — year of the award',
      kind: '记录类型：GRANT 下达 / PAYMENT 拨付 / SPENDING 使用 / CORRECTION 冲正 — entry kind',
      amount_fen: `金额（正数），${FEN} — amount, always positive`,
      reverses_entry_id: '冲正所冲销的记录 ID — the entry a correction reverses',
      category: '资金用途（第十一条；冲正取被冲销记录的用途）— Art 11 use: RENT_SUBSIDY, RENOVATION, PROPERTY_MANAGEMENT, PUBLIC_VENUES, PARK_OPERATION (a correction takes the reversed entry\'s)',
      spending_review: '支出审核结果：ACCEPT 通过 / RETURN 退回；空为未审核 — review of a spending, empty while unreviewed',
      reviewed_at: '审核时间 — when the spending was reviewed',
      total_affected: '影响的合计：GRANTED 已下达 / PAID 已拨付 / SPENT 已使用 — which total the entry moves',
      effect_fen: `对该合计的影响（冲正为负，退回的支出为 0），${FEN} — signed effect on that total`,
      occurred_on: '发生日期 — date of the movement',
      recorded_role: '记账人角色（不含身份）— role of whoever recorded it (not who)',
      recorded_at: '记账时间 — when it was recorded',
    },
    select: `
      SELECT entry."id", entry."award_id", award."park_id", ref."county_code", award."kind", award."year", entry."kind", entry."amount_fen", entry."reverses_entry_id",
             COALESCE(entry."category", reversed."category"), review."decision", review."reviewed_at",
             CASE COALESCE(reversed."kind", entry."kind") WHEN 'GRANT' THEN 'GRANTED' WHEN 'PAYMENT' THEN 'PAID' WHEN 'SPENDING' THEN 'SPENT' END,
             -- The rules of funding.award_ledger_totals, per entry: the test sums both and compares.
             (CASE WHEN entry."kind" = 'CORRECTION' THEN -entry."amount_fen"
                   WHEN entry."kind" = 'SPENDING' AND review."decision" = 'RETURN' THEN 0
                   ELSE entry."amount_fen" END)::bigint,
             entry."occurred_on", entry."recorded_role", entry."recorded_at"
        FROM "funding"."ledger_entry" entry
        JOIN "funding"."funding_award" award ON award."id" = entry."award_id"
        LEFT JOIN "funding"."park_ref" ref ON ref."park_id" = award."park_id"
        LEFT JOIN "funding"."ledger_entry" reversed ON reversed."id" = entry."reverses_entry_id"
        LEFT JOIN "funding"."spending_review" review ON review."entry_id" = entry."id"`,
  },
  {
    name: 'funding_targets',
    comment: '全市年度就业目标任务（第十条）— The city\'s yearly employment targets (Art 10): the subsidy threshold is a share of their sum (see funding_subsidy_computations).',
    columns: {
      year: '年度 — year',
      urban_new_employment: '城镇新增就业目标（人）— urban new employment target, persons',
      rural_labour_transfer: '农村劳动力转移就业目标（人）— rural labour transfer target, persons',
      total_target: '目标合计（人）— sum of both targets, persons',
      version: '修改版本号 — revision number',
      entered_at: '首次录入时间 — when first entered',
      updated_at: '最后修改时间 — when last changed',
    },
    select: `
      SELECT target."year", target."urban_new_employment", target."rural_labour_transfer", target."urban_new_employment" + target."rural_labour_transfer",
             target."version", target."entered_at", target."updated_at"
        FROM "funding"."yearly_target" target`,
  },
  {
    name: 'funding_employment',
    comment: '园区年度促进就业人数报告（不含佐证和退回理由）— Each park\'s yearly employment-promotion report (Art 10), without its evidence text or return reason; only VERIFIED counts toward a subsidy.',
    columns: {
      report_id: '报告 ID — report id',
      park_id: '园区 ID — park id',
      county_code: '所在县区代码 — county code',
      year: '年度 — year',
      employment_promoted: '促进就业人数 — persons helped into employment, as reported',
      status: '状态：REPORTED 已上报 / VERIFIED 已核实 / RETURNED 已退回 — status',
      evidence_file_count: '佐证文件数 — evidence files cited',
      reported_at: '上报时间 — when reported',
      verified_at: '核实时间 — when verified',
    },
    select: `
      SELECT report."id", report."park_id", ref."county_code", report."year", report."employment_promoted", report."status",
             (SELECT count(*)::int FROM "funding"."employment_report_evidence" evidence WHERE evidence."report_id" = report."id"),
             report."reported_at", report."verified_at"
        FROM "funding"."employment_report" report
        LEFT JOIN "funding"."park_ref" ref ON ref."park_id" = report."park_id"`,
  },
  {
    name: 'funding_subsidy_computations',
    comment: `运营补助计算底稿（第十条）— The worksheet of each operating subsidy (Art 10): threshold = ⌈percent × targets⌉ persons, base + per person above it, capped. Money is ${FEN}.`,
    columns: {
      award_id: '奖补 ID — award id',
      park_id: '园区 ID — park id',
      county_code: '所在县区代码 — county code',
      year: '资金年度 — funding year',
      targets_total: '目标合计（人）— targets used, persons',
      threshold_percent: '门槛比例（%）— threshold, percent of the targets',
      threshold_persons: '门槛人数 — threshold, persons',
      employment_promoted: '经核实的促进就业人数 — verified persons',
      eligible: '是否达到门槛 — whether the threshold was reached',
      capped: '是否封顶 — whether the cap applied',
      amount_fen: `补助金额，${FEN} — subsidy amount`,
      policy_date: '所依据政策的日期（当年 12 月 31 日）— date whose policy version applied (31 December of the year)',
      computed_at: '计算时间 — when it was computed',
    },
    select: `
      SELECT computation."award_id", award."park_id", ref."county_code", award."year",
             (computation."computation"->>'targetsTotal')::int, (computation."computation"->>'thresholdPercent')::numeric, (computation."computation"->>'thresholdPersons')::int,
             computation."employment_promoted", (computation."computation"->>'eligible')::boolean, (computation."computation"->>'capped')::boolean,
             (computation."computation"->>'amountFen')::bigint, computation."policy_date", computation."computed_at"
        FROM "funding"."subsidy_computation" computation
        JOIN "funding"."funding_award" award ON award."id" = computation."award_id"
        LEFT JOIN "funding"."park_ref" ref ON ref."park_id" = award."park_id"`,
  },
  {
    name: 'funding_enterprise_subsidies',
    comment: `入驻企业享受的其他政策补贴（第十二条，仅登记不计算；不含企业名称、信用代码和政策名称）— Art 12 references: subsidies resident enterprises applied for under other policies, recorded not computed; without enterprise names, credit codes or the typed policy name. Money is ${FEN}.`,
    columns: {
      reference_id: '登记 ID — reference id',
      park_id: '园区 ID — park id',
      county_code: '所在县区代码 — county code',
      subsidy_kind: '补贴类型：TALENT 人才 / EMPLOYMENT_ENTREPRENEURSHIP 就业创业 / LOAN_INTEREST 贷款贴息 / JOB_REFERRAL 职业介绍 / OTHER 其他 — kind',
      amount_fen: `申请或获批金额，${FEN} — amount applied for or granted`,
      status: '状态：APPLIED 已申请 / GRANTED 已获批 / REJECTED 未获批 / WITHDRAWN 已撤回 — status',
      applied_on: '申请日期 — applied on',
      decided_on: '决定日期 — decided on',
      recorded_at: '登记时间 — when recorded',
    },
    select: `
      SELECT subsidy."id", subsidy."park_id", ref."county_code", subsidy."subsidy_kind", subsidy."amount_fen", subsidy."status",
             subsidy."applied_on", subsidy."decided_on", subsidy."recorded_at"
        FROM "funding"."enterprise_subsidy_reference" subsidy
        LEFT JOIN "funding"."park_ref" ref ON ref."park_id" = subsidy."park_id"`,
  },
];

export const ReportingViews1795000000000 = reportingViewsMigration('ReportingViews1795000000000', FUNDING_REPORTING_VIEWS);
