import { authorize } from '@cz/auth';
import { shanghaiDate, type WorkingCalendar } from '@cz/calendar';
import { loadWorkingCalendar } from '@cz/calendar-copy';
import { recordAudit } from '@cz/db';
import { BadUserInputError } from '@cz/errors';
import { cycleDeadlines, cycleOpeningDay } from '@cz/policy';
import { isUuid } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { AssessmentCycleEntity } from '../entities/assessment-cycle.entity';
import { DEFAULT_TEMPLATE_ID } from '../migrations/1765000000000-assessment-cycles';
import type { CycleOpeningOutcome } from '../generated/graphql';
import { assessmentLink, CITY_BUREAU, cycleLink, notify, parkOperator } from './cycle-notifications';
import { cycleSettings } from './cycle-settings';

export interface CycleOpeningResult {
  outcome: CycleOpeningOutcome;
  cycle: AssessmentCycleEntity | null;
  detail: string | null;
}

const cycleOfYear = (manager: EntityManager, year: number) => manager.getRepository(AssessmentCycleEntity).findOneBy({ year });

const alreadyOpen = (cycle: AssessmentCycleEntity): CycleOpeningResult => ({ outcome: 'ALREADY_OPEN', cycle, detail: `${cycle.year} 年度考核已于 ${cycle.openedOn} 开启` });

/**
 * The scheduler's call (Art 18: in Q1, for the previous year): opens last year's cycle once its
 * opening day has come by the service's clock and calendar. Asking again, or late, is harmless.
 */
export async function openDueCycle(context: Context): Promise<CycleOpeningResult> {
  authorize(context.identity, 'assessment.cycle.open');
  const today = shanghaiDate(context.now());
  const year = Number(today.slice(0, 4)) - 1;
  return context.dataSource.transaction(async (manager) => {
    const existing = await cycleOfYear(manager, year);
    if (existing) return alreadyOpen(existing);
    const calendar = await loadWorkingCalendar(manager, SCHEMA);
    const openingDay = cycleOpeningDay(calendar, year, cycleSettings().ASSESSMENT_CYCLE_OPENS_ON);
    if (today < openingDay) return { outcome: 'NOT_DUE', cycle: null, detail: `${year} 年度考核将于 ${openingDay} 开启` };
    return openCycle(manager, context, calendar, year, DEFAULT_TEMPLATE_ID, today);
  });
}

/** The city bureau opens last year's cycle by hand (early, or when the job could not). */
export async function openCycleByHand(context: Context, year: number, templateId: string | null | undefined): Promise<CycleOpeningResult> {
  authorize(context.identity, 'assessment.cycle.open');
  const today = shanghaiDate(context.now());
  const assessable = Number(today.slice(0, 4)) - 1;
  // Art 18: each year's cycle assesses the year before; the table refuses any other pairing too.
  if (year !== assessable) throw new BadUserInputError('year', `只能开启上一年度（${assessable} 年度）的考核`, { year });
  return context.dataSource.transaction(async (manager) => {
    const existing = await cycleOfYear(manager, year);
    if (existing) return alreadyOpen(existing);
    const template = templateId ?? DEFAULT_TEMPLATE_ID;
    const found: unknown[] = isUuid(template) ? await manager.query(`SELECT 1 FROM "${SCHEMA}"."assessment_template" WHERE "id" = $1`, [template]) : [];
    if (found.length === 0) throw new BadUserInputError('templateId', '指标模板不存在', { templateId: template });
    return openCycle(manager, context, await loadWorkingCalendar(manager, SCHEMA), year, template, today);
  });
}

/**
 * One transaction: the cycle with its deadlines, an assessment for every recognised park (an
 * assessment already recorded for the park and year joins the cycle), the audit row, and a notice
 * to each park and to the city bureau. The year's unique key decides between concurrent openings:
 * the one that loses waits for the winner, then answers ALREADY_OPEN with the winner's cycle.
 */
async function openCycle(manager: EntityManager, { identity, requestId }: Context, calendar: WorkingCalendar, year: number, templateId: string, openedOn: string): Promise<CycleOpeningResult> {
  const { ASSESSMENT_SUBMISSION_WORKING_DAYS: submissionDays, ASSESSMENT_REVIEW_WORKING_DAYS: reviewDays } = cycleSettings();
  const deadlines = cycleDeadlines(calendar, openedOn, submissionDays, reviewDays);
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO "${SCHEMA}"."assessment_cycle" ("year", "template_id", "opened_on", "submission_deadline", "review_deadline", "reminder_days", "opened_by", "submission_working_days", "review_working_days")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT ("year") DO NOTHING RETURNING "id"`,
    [year, templateId, openedOn, deadlines.submissionDeadline, deadlines.reviewDeadline, JSON.stringify(deadlines.reminders), identity.subject, submissionDays, reviewDays],
  );
  if (inserted.length === 0) {
    const winner = await cycleOfYear(manager, year);
    if (!winner) throw new Error(`cycle ${year} vanished while it was being opened`);
    return alreadyOpen(winner);
  }
  const cycleId = inserted[0].id;

  const parks: Array<{ id: string; park_id: string; name: string }> = await manager.query(
    `WITH joined AS (
       INSERT INTO "${SCHEMA}"."assessment" AS existing ("park_id", "year", "status", "cycle_id")
       SELECT "park_id", $1, 'OPEN', $2 FROM "${SCHEMA}"."park_ref" WHERE "status" = 'RECOGNISED'
       ON CONFLICT ("park_id", "year") DO UPDATE SET "cycle_id" = EXCLUDED."cycle_id", "version" = existing."version" + 1, "updated_at" = now()
       WHERE existing."cycle_id" IS NULL
       RETURNING "id", "park_id")
     SELECT joined."id", joined."park_id", park."name" FROM joined JOIN "${SCHEMA}"."park_ref" park ON park."park_id" = joined."park_id" ORDER BY park."name", joined."park_id"`,
    [year, cycleId],
  );

  await recordAudit(manager, SCHEMA, identity, {
    operation: 'assessment.cycle.open',
    targetType: 'AssessmentCycle',
    targetId: cycleId,
    changes: { year: [null, year], templateId: [null, templateId], openedOn: [null, openedOn], ...deadlines, parks: parks.length },
    requestId,
  });

  const period = `自评材料须于 ${deadlines.submissionDeadline} 24:00 前提交，评审于 ${deadlines.reviewDeadline} 前完成`;
  for (const park of parks) {
    await notify(manager, cycleId, {
      dedupeKey: `assessment-cycle:${cycleId}:opened:${park.park_id}`,
      audience: parkOperator(park.park_id),
      title: `${year} 年度考核评估已开始`,
      body: `${park.name}：${year} 年度市级人力资源服务产业园考核评估已开始，${period}。`,
      link: assessmentLink(park.id),
    });
  }
  await notify(manager, cycleId, {
    dedupeKey: `assessment-cycle:${cycleId}:opened:city`,
    audience: CITY_BUREAU,
    title: `${year} 年度考核评估已开启`,
    body: `${year} 年度考核评估已于 ${openedOn} 开启，共 ${parks.length} 个已认定园区参加；${period}。`,
    link: cycleLink(cycleId),
  });

  const cycle = await manager.getRepository(AssessmentCycleEntity).findOneByOrFail({ id: cycleId });
  return { outcome: 'OPENED', cycle, detail: `${year} 年度考核已开启，${parks.length} 个园区参加` };
}

