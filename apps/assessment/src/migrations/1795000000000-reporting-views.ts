import { type ReportingView, reportingViewsMigration, sqlLiteral } from '@cz/db';
import { DIMENSION_NAMES } from '@cz/policy';

/** The end of a deadline day: 24:00 Beijing time, i.e. 00:00+08 of the next day. */
const endOfDay = (dateColumn: string) => `((${dateColumn} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** The first columns of the indicator and dimension views: whose scores, in which phase. */
const SCORED_PHASE_COLUMNS = {
      assessment_id: '考核 ID — assessment id',
      park_id: '园区 ID — park id',
      county_code: '所在县区代码 — county code',
      year: '考核年度 — year assessed',
      phase: '评分环节：INITIAL 初评 / REASSESSMENT 复评 — phase',
};

/**
 * The assessment service's reporting views (issue 7): cycles, assessments with grades, indicator
 * scores and the Art 19 dimension scores derived from them. Left out: self-assessment narratives
 * and figures, justifications, reasons, requirements, reports, reviewers and who scored.
 */
export const ASSESSMENT_REPORTING_VIEWS: readonly ReportingView[] = [
  {
    name: 'assessment_cycles',
    comment: '年度考核周期（第十八条）— Yearly assessment cycles (Art 18): year is the year assessed; the cycle runs in Q1 of the next year. Deadlines end at 24:00 Beijing time.',
    columns: {
      cycle_id: '周期 ID — cycle id',
      year: '考核年度 — year assessed',
      template_id: '指标模板 ID — indicator template id',
      template_code: '指标模板代码 — indicator template code',
      opened_on: '开始日期 — opened on',
      submission_deadline: '自评提交截止日 — self-assessment deadline',
      review_deadline: '评审截止日 — review deadline',
      status: '状态：OPEN 进行中 / CLOSED 已结束 — status',
      assessment_count: '参加考核的园区数 — parks assessed in the cycle',
      created_at: '创建时间 — when it was created',
    },
    select: `
      SELECT cycle."id", cycle."year", cycle."template_id", template."code", cycle."opened_on", cycle."submission_deadline", cycle."review_deadline", cycle."status",
             (SELECT count(*)::int FROM "assessment"."assessment" assessment WHERE assessment."cycle_id" = cycle."id"), cycle."created_at"
        FROM "assessment"."assessment_cycle" cycle
        JOIN "assessment"."assessment_template" template ON template."id" = cycle."template_id"`,
  },
  {
    name: 'assessment_assessments',
    comment: '园区年度考核（一园一年一行）— One row per park and year assessed. grade is the final grade once status is FINAL: the re-assessment\'s when a rectification was ordered (Art 20), else the initial one.',
    columns: {
      assessment_id: '考核 ID — assessment id',
      park_id: '园区 ID — park id',
      park_name: '园区名称 — park name',
      county_code: '所在县区代码 — county code',
      year: '考核年度 — year assessed',
      cycle_id: '周期 ID（周期建立前的历史为空）— cycle id, empty for history from before cycles',
      status: '环节：OPEN 待自评 / SELF_ASSESSED 已自评 / CHECKED 县区已审 / SCORED 已评分 / RECTIFYING 整改中 / REASSESSING 复评中 / FINAL 已定级 — phase',
      initial_total_score: '初评总分 — total score of the initial grading',
      initial_grade: '初评等次 — grade of the initial grading',
      total_score: '当前总分（定级后为最终总分）— current total score, final once FINAL',
      grade: '当前等次：EXCELLENT 优秀 / QUALIFIED 合格 / UNQUALIFIED 不合格 — current grade, final once FINAL',
      graded_phase: '当前等次来自：INITIAL 初评 / REASSESSMENT 整改后复评 — which grading the current grade comes from',
      commended: '是否通报表扬并推荐申报省级（优秀）— commended and recommended to the province (excellent)',
      rectification_ordered: '是否责令整改 — whether a rectification was ordered',
      rectification_deadline: '整改期限 — rectification deadline',
      rectification_status: '整改状态：OPEN 整改中 / SUBMITTED 已报告 / CLOSED 已结束 — rectification status',
      rectification_overdue: '整改逾期未报告 — flagged because the rectification deadline passed without a report',
      submitted_at: '自评提交时间 — when the self-assessment was submitted',
      submitted_late: '自评晚于截止日提交 — self-assessment submitted after its deadline',
      submission_overdue: '已过截止日仍未提交自评 — deadline passed and still not submitted',
      checked_at: '县区审核时间 — when the county bureau accepted it',
      finalised_at: '定级时间 — when the grade became final',
      created_at: '创建时间 — when the assessment was created',
      updated_at: '最后修改时间 — when it last changed',
    },
    select: `
      SELECT assessment."id", assessment."park_id", ref."name", ref."county_code", assessment."year", assessment."cycle_id", assessment."status",
             assessment."initial_total_score", assessment."initial_grade", assessment."total_score", assessment."grade",
             CASE WHEN assessment."grade" IS NULL THEN NULL WHEN assessment."status" = 'FINAL' AND rectification."id" IS NOT NULL THEN 'REASSESSMENT' ELSE 'INITIAL' END,
             assessment."commended", rectification."id" IS NOT NULL, rectification."deadline", rectification."status", rectification."overdue_flagged_at" IS NOT NULL,
             assessment."submitted_at", assessment."submitted_at" > ${endOfDay('cycle."submission_deadline"')},
             (assessment."status" = 'OPEN' AND now() > ${endOfDay('cycle."submission_deadline"')}),
             assessment."checked_at", assessment."finalised_at", assessment."created_at", assessment."updated_at"
        FROM "assessment"."assessment" assessment
        LEFT JOIN "assessment"."park_ref" ref ON ref."park_id" = assessment."park_id"
        LEFT JOIN "assessment"."assessment_cycle" cycle ON cycle."id" = assessment."cycle_id"
        LEFT JOIN "assessment"."rectification" rectification ON rectification."assessment_id" = assessment."id"`,
  },
  {
    name: 'assessment_indicator_scores',
    comment: '指标得分（不含评分理由和评分人）— The score of each indicator in each phase, with the indicator as the cycle\'s template defines it; points = score ÷ max_score × weight. Without justifications or who scored.',
    columns: {
      ...SCORED_PHASE_COLUMNS,
      indicator_code: '指标编号 — indicator code',
      dimension: '考核维度（第十九条）：ECONOMIC_DEVELOPMENT / ROLE_PLAYED / OPERATIONS_MANAGEMENT — Art 19 dimension',
      indicator_name: '指标名称 — indicator name',
      score: '得分 — score given',
      max_score: '满分 — maximum score',
      weight: '权重（分）— weight, points of the 100',
      points: '折算分 = 得分 ÷ 满分 × 权重（两位小数）— points = score ÷ max × weight, two decimals',
      scored_at: '评分时间 — when scored',
    },
    select: `
      SELECT score."assessment_id", assessment."park_id", ref."county_code", assessment."year", score."phase", score."indicator_code",
             indicator."dimension", indicator."name", score."score", indicator."maxScore", indicator."weight",
             round(score."score" / indicator."maxScore" * indicator."weight", 2), score."scored_at"
        FROM "assessment"."indicator_score" score
        JOIN "assessment"."assessment" assessment ON assessment."id" = score."assessment_id"
        LEFT JOIN "assessment"."park_ref" ref ON ref."park_id" = assessment."park_id"
        LEFT JOIN "assessment"."assessment_cycle" cycle ON cycle."id" = assessment."cycle_id"
        -- Each template's indicators unpacked once and hash-joined, rather than its JSON parsed again for every score.
        LEFT JOIN (SELECT template."id" AS "template_id", item.*
                     FROM "assessment"."assessment_template" template
                    CROSS JOIN LATERAL jsonb_to_recordset(template."content"->'indicators') AS item("code" text, "dimension" text, "name" text, "maxScore" numeric, "weight" numeric)) indicator
               ON indicator."template_id" = cycle."template_id" AND indicator."code" = score."indicator_code"`,
  },
  {
    name: 'assessment_dimension_scores',
    comment: '考核维度得分（第十九条）— Points per Art 19 dimension of each assessment and phase: the sum over its indicators of score ÷ max × weight, rounded once to two decimals as the total is.',
    columns: {
      ...SCORED_PHASE_COLUMNS,
      dimension: '考核维度代码 — dimension code',
      dimension_name: '考核维度名称 — dimension name',
      points: '维度得分（两位小数）— points in the dimension, two decimals',
      max_points: '已评分指标的权重合计（全部评分后即维度满分）— sum of the weights of the indicators scored: the dimension\'s maximum once all are scored',
      share_percent: '得分率（%，两位小数）— points as a percentage of the maximum, two decimals',
      indicators_scored: '已评分指标数 — indicators scored',
    },
    // Built on the indicator view (created just before it), so the template lookup is written once;
    // grouped on the narrow key first, which keeps the sort of a city's scores in memory.
    select: `
      SELECT dimension."assessment_id", assessment."park_id", ref."county_code", assessment."year", dimension."phase", dimension."dimension", names."name",
             round(dimension."points", 2), dimension."max_points", round(100 * dimension."points" / NULLIF(dimension."max_points", 0), 2), dimension."indicators_scored"
        FROM (SELECT indicator."assessment_id", indicator."phase", indicator."dimension", sum(indicator."score" / indicator."max_score" * indicator."weight") AS "points",
                     sum(indicator."weight") AS "max_points", count(*)::int AS "indicators_scored"
                FROM "reporting"."assessment_indicator_scores" indicator
               WHERE indicator."dimension" IS NOT NULL
               GROUP BY indicator."assessment_id", indicator."phase", indicator."dimension") dimension
        JOIN "assessment"."assessment" assessment ON assessment."id" = dimension."assessment_id"
        LEFT JOIN "assessment"."park_ref" ref ON ref."park_id" = assessment."park_id"
        LEFT JOIN (VALUES ${Object.entries(DIMENSION_NAMES).map(([code, name]) => `(${sqlLiteral(code)}, ${sqlLiteral(name)})`).join(', ')}) AS names("code", "name") ON names."code" = dimension."dimension"`,
  },
];

export const ReportingViews1795000000000 = reportingViewsMigration('ReportingViews1795000000000', ASSESSMENT_REPORTING_VIEWS);
