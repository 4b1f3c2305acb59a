import { daysBetween, type ReportingView, reportingViewsMigration, shanghaiDate } from '@cz/db';

/**
 * The applications service's reporting views (issue 7): applications, their stage history, review
 * decisions, publicity periods (the deadlines), objections and policy versions. Left out: every
 * free text (reasons, comments, findings, facts), who acted (subjects, panel members' names),
 * objection filers and their addresses, and the material files.
 */
export const APPLICATIONS_REPORTING_VIEWS: readonly ReportingView[] = [
  {
    name: 'applications_applications',
    comment: '认定和分园区申报（一行一份申报）— One row per recognition or sub-park application, with the park\'s county as this service knows it.',
    columns: {
      application_id: '申报 ID — application id',
      park_id: '园区 ID — park id',
      park_name: '园区名称 — park name',
      county_code: '所在县区代码 — county code',
      kind: '类型：RECOGNITION 认定 / SUB_PARK 分园区 — kind',
      year: '申报年度 — application year',
      stage: '当前阶段 — current stage (DRAFT, COUNTY_REVIEW, CITY_REVIEW, JOINT_EVALUATION, PUBLICITY, AWAITING_APPROVAL, APPROVED, RETURNED, REJECTED)',
      created_at: '创建时间 — when the draft was created',
      submitted_at: '首次提交时间 — first submission',
      submitted_on: '首次提交日期（北京时间）— date of first submission (Beijing time)',
      decided_at: '批复或不予认定时间 — when it was approved or rejected',
      decided_on: '决定日期（北京时间）— date of the decision (Beijing time)',
      days_to_decision: '提交至决定的自然日数 — calendar days from first submission to decision',
      submission_rounds: '提交轮次（退回后重新提交算一轮）— submissions, a resubmission after a return counting one more',
      policy_version_code: '最近一次提交所适用的政策版本 — policy version the latest submission was judged by',
      evaluation_average_score: '联合评审平均分（当前结论）— average joint-evaluation score of the current conclusion',
      updated_at: '最后修改时间 — when the application last changed',
    },
    select: `
      SELECT application."id", application."park_id", ref."name", ref."county_code", application."kind", application."year", application."stage",
             application."created_at", application."submitted_at", ${shanghaiDate('application."submitted_at"')},
             application."decided_at", ${shanghaiDate('application."decided_at"')},
             ${shanghaiDate('application."decided_at"')} - ${shanghaiDate('application."submitted_at"')},
             COALESCE(submissions."rounds", 0), submissions."policy_version_code", conclusion."average_score", application."updated_at"
        FROM "applications"."application" application
        LEFT JOIN "applications"."park_ref" ref ON ref."park_id" = application."park_id"
        LEFT JOIN (SELECT "application_id", count(*)::int AS "rounds", (array_agg("policy_version_code" ORDER BY "round" DESC))[1] AS "policy_version_code"
                     FROM "applications"."application_submission" GROUP BY "application_id") submissions ON submissions."application_id" = application."id"
        LEFT JOIN "applications"."evaluation_conclusion" conclusion ON conclusion."application_id" = application."id" AND conclusion."superseded_at" IS NULL`,
  },
  {
    name: 'applications_stage_history',
    comment: '申报阶段流转（一行一次流转，不含理由和经办人）— One row per stage transition, without its reason or who made it. days_in_stage is how long the application stayed in to_stage: until its next transition, empty while it is still there.',
    columns: {
      transition_id: '流转记录 ID — transition id (increasing)',
      application_id: '申报 ID — application id',
      county_code: '所在县区代码 — county code',
      action: '操作代码（如 submit、countyPass、returnForCorrection）— action code',
      from_stage: '流转前阶段 — stage before',
      to_stage: '流转后阶段 — stage after',
      acting_role: '操作者角色（不含身份）— role of whoever acted (not who)',
      occurred_at: '流转时间 — when it happened',
      occurred_on: '流转日期（北京时间）— date (Beijing time)',
      left_at: '离开 to_stage 的时间 — when the application left to_stage (its next transition)',
      days_in_stage: '在 to_stage 停留的自然日数（两位小数）— calendar days spent in to_stage, two decimals',
    },
    select: `
      SELECT transition."id", transition."application_id", ref."county_code", transition."action", transition."from_stage", transition."to_stage",
             transition."actor_role", transition."occurred_at", ${shanghaiDate('transition."occurred_at"')}, transition."left_at",
             ${daysBetween('transition."occurred_at"', 'transition."left_at"')}
        FROM (SELECT history.*, lead(history."occurred_at") OVER (PARTITION BY history."application_id" ORDER BY history."occurred_at", history."id") AS "left_at"
                FROM "applications"."application_transition" history) transition
        JOIN "applications"."application" application ON application."id" = transition."application_id"
        LEFT JOIN "applications"."park_ref" ref ON ref."park_id" = application."park_id"`,
  },
  {
    name: 'applications_review_decisions',
    comment: '初审和审核决定（不含理由原文和审查人）— County (初审) and city review decisions, with the items reasons were given for but not their text, and the reviewer\'s role but not who.',
    columns: {
      decision_id: '决定 ID — decision id',
      application_id: '申报 ID — application id',
      stage: '作出决定时的阶段 — stage the decision was taken in',
      decision: '结果：PASS 通过 / RETURN 退回 / REJECT 不予认定 — outcome',
      reason_items: '理由所涉事项代码 — item codes the reasons are about',
      reason_count: '理由条数 — number of reasons',
      decided_role: '审查人角色 — role of the reviewer',
      decided_at: '决定时间 — when it was decided',
      decided_on: '决定日期（北京时间）— date (Beijing time)',
    },
    select: `
      SELECT decision."id", decision."application_id", decision."stage", decision."decision",
             ARRAY(SELECT reason->>'item' FROM jsonb_array_elements(decision."reasons") reason), jsonb_array_length(decision."reasons"),
             decision."decided_role", decision."decided_at", ${shanghaiDate('decision."decided_at"')}
        FROM "applications"."review_decision" decision`,
  },
  {
    name: 'applications_publicity_periods',
    comment: '公示期（公示截止日即期限）— Publicity periods: the deadline is the end of due_on, 24:00 Beijing time (due_at). A period closes when the deadline job runs and no objection stands; open_past_due marks one still open after its end.',
    columns: {
      publicity_id: '公示 ID — publicity id',
      posted_on: '发布日期 — day posted (not counted)',
      working_days: '公示工作日数（不少于 5）— working days (at least 5)',
      due_on: '公示最后一个工作日 — last working day of the period',
      due_at: '公示结束时刻 — the instant it ends',
      status: '状态：OPEN 公示中 / CLOSED 已结束 — status',
      closed_at: '结束时间 — when it was closed',
      days_closed_after_due: '结束时间晚于期限的自然日数（两位小数）— calendar days between the end and the close, two decimals',
      open_past_due: '已过期限仍未结束 — still open after its end',
      application_count: '列入公示的申报数 — applications in the period',
    },
    select: `
      SELECT publicity."id", publicity."posted_on", publicity."working_days", publicity."ends_on", publicity."ends_at", publicity."status", publicity."closed_at",
             ${daysBetween('publicity."ends_at"', 'publicity."closed_at"')}, (publicity."status" = 'OPEN' AND publicity."ends_at" < now()),
             (SELECT count(*)::int FROM "applications"."publicity_item" item WHERE item."publicity_id" = publicity."id")
        FROM "applications"."publicity" publicity`,
  },
  {
    name: 'applications_publicity_items',
    comment: '公示期内的申报及其结果 — Applications in each publicity period and where each went.',
    columns: {
      publicity_id: '公示 ID — publicity id',
      application_id: '申报 ID — application id',
      outcome: '结果：AWAITING_APPROVAL 待批复 / RETURNED 退回 / REJECTED 不予认定；空为仍在公示 — outcome, empty while in the period',
      decided_at: '结果产生时间 — when the outcome was decided',
    },
    select: `SELECT item."publicity_id", item."application_id", item."outcome", item."decided_at" FROM "applications"."publicity_item" item`,
  },
  {
    name: 'applications_objections',
    comment: '公示异议（不含异议人、联系方式、理由和处理意见）— Objections filed during publicity, without the filer, their contact or address, the reason or the resolution text.',
    columns: {
      objection_id: '异议 ID — objection id',
      publicity_id: '公示 ID — publicity id',
      application_id: '申报 ID — application id',
      status: '状态：OPEN 待处理 / UPHELD 成立 / DISMISSED 不成立 — status',
      filed_at: '提出时间 — when it was filed',
      resolved_at: '处理时间 — when it was resolved',
      days_to_resolve: '处理用时（自然日，两位小数）— calendar days from filing to resolution, two decimals',
    },
    select: `
      SELECT objection."id", objection."publicity_id", objection."application_id", objection."status", objection."filed_at", objection."resolved_at",
             ${daysBetween('objection."filed_at"', 'objection."resolved_at"')}
        FROM "applications"."objection" objection`,
  },
  {
    name: 'applications_policy_versions',
    comment: '政策版本（市级办法及县区版本，第二十二条）— Policy versions: the city\'s measures and county versions (Art 22); parameters hold the amounts (fen), areas and counts as JSON.',
    columns: {
      code: '版本代码 — version code',
      title: '标题 — title',
      jurisdiction_kind: '适用范围：CITY 市级 / COUNTY 县区 — jurisdiction',
      county_code: '县区代码（县区版本）— county code of a county version',
      effective_from: '生效日期 — effective from (inclusive)',
      effective_to: '失效日期（含当日）— effective to (inclusive), empty while in force',
      parameters: '政策参数（JSON）— policy parameters (JSON)',
      created_at: '创建时间 — when it was created',
    },
    select: `
      SELECT version."code", version."title", version."jurisdiction_kind", version."county_code", version."effective_from", version."effective_to",
             version."parameters", version."created_at"
        FROM "applications"."policy_version" version`,
  },
];

export const ReportingViews1795000000000 = reportingViewsMigration('ReportingViews1795000000000', APPLICATIONS_REPORTING_VIEWS);
