import { type AssessmentPhase, computeAssessmentTotal, consequencesOf, cycleDeadlines, cycleOpeningDay, DEFAULT_ASSESSMENT_TEMPLATE, type Grade, revocationDue } from '@cz/policy';
import { demoChildId } from '../demo-child-id';
import { CITY_REVIEWER, type CityContext, countyOfficer, SYSTEM_SCHEDULER } from './context';
import type { AssessmentRows } from './model';
import { type ParkPlan, SCALED_KINDS } from './parks';
import type { Random } from './random';
import { actAfter, addDays, addMinutes, addWorkingDays, at, type Day, dayOfInstant, endOfDay, type Instant, later, officeTime, workingCalendar } from './time';

/** The working days a cycle gives (the service's defaults: ASSESSMENT_SUBMISSION/REVIEW_WORKING_DAYS). */
const SUBMISSION_WORKING_DAYS = 20;
const REVIEW_WORKING_DAYS = 15;

const REVIEWERS = ['刘卫东', '陈静', '杨帆', '赵志刚', '孙丽娟', '周建平', '吴海燕', '郑凯', '冯晓梅', '韩磊', '秦文斌', '常雅琴'].map((name, index) => ({ subject: `assessment-reviewer-${String(index + 1).padStart(2, '0')}`, name }));

/** One yearly cycle (Art 18), opened on the first working day of the next year. */
export interface CyclePlan {
  id: string;
  year: number;
  openedOn: Day;
  submissionDeadline: Day;
  reviewDeadline: Day;
  reminders: Record<string, Day>;
  /** The last thing done in the cycle, for its `updated_at`. */
  lastActivity: Instant;
  assessments: number;
}

export function planCycles(root: string, firstYear: number, lastYear: number): CyclePlan[] {
  return Array.from({ length: lastYear - firstYear + 1 }, (_, offset) => {
    const year = firstYear + offset;
    const openedOn = cycleOpeningDay(workingCalendar(), year, { kind: 'FIRST_WORKING_DAY' });
    const deadlines = cycleDeadlines(workingCalendar(), openedOn, SUBMISSION_WORKING_DAYS, REVIEW_WORKING_DAYS);
    return { id: demoChildId(root, SCALED_KINDS.cycle, year), year, openedOn, submissionDeadline: deadlines.submissionDeadline, reviewDeadline: deadlines.reviewDeadline, reminders: deadlines.reminders, lastActivity: at(openedOn, 1), assessments: 0 };
  });
}

export function cycleRows(cycles: readonly CyclePlan[]): AssessmentRows['assessmentCycle'] {
  return cycles
    .filter((cycle) => cycle.assessments > 0)
    .map((cycle) => ({
      id: cycle.id,
      year: cycle.year,
      openedOn: cycle.openedOn,
      submissionDeadline: cycle.submissionDeadline,
      reviewDeadline: cycle.reviewDeadline,
      reminderDays: cycle.reminders,
      // Past cycles are closed, so the worker's sweep has nothing of theirs left to remind or escalate.
      status: 'CLOSED' as const,
      openedBy: SYSTEM_SCHEDULER.subject,
      version: 2,
      createdAt: at(cycle.openedOn, 1),
      updatedAt: cycle.lastActivity,
      submissionWorkingDays: SUBMISSION_WORKING_DAYS,
      reviewWorkingDays: REVIEW_WORKING_DAYS,
    }));
}

/** A grading as the assessment-graded event announced it (funding's status follows these). */
export interface Grading {
  phase: AssessmentPhase;
  totalScore: string;
  grade: Grade;
  outcome: 'FINAL' | 'RECTIFICATION_ORDERED';
  rectificationDeadline: Day | null;
  at: Instant;
}

/** A park's assessed year: its gradings in order (none when it never submitted). */
export interface AssessedYear {
  year: number;
  assessmentId: string;
  cycleId: string;
  gradings: Grading[];
}

export interface AssessmentOutcome {
  years: AssessedYear[];
  /** Art 20(二): when the registry revoked the park after two unqualified years in a row. */
  revokedAt: Instant | null;
  revocationYears: [number, number] | null;
}

const scoreText = (value: number) => value.toFixed(2);

/** Each indicator scored as a share of its maximum around the year's quality, in half points. */
function scoreSheet(random: Random, quality: number): Record<string, string> {
  return Object.fromEntries(
    DEFAULT_ASSESSMENT_TEMPLATE.indicators.map((indicator) => {
      const max = Number(indicator.maxScore);
      const share = random.around(quality, 0.12, 0.15, 1);
      return [indicator.code, scoreText(Math.round(share * max * 2) / 2)];
    }),
  );
}

/**
 * A recognised park's yearly assessments (Art 18–20) in every cycle that opens while it is
 * recognised: self-assessment, the county's check, three reviewers scoring each indicator of the
 * default template (a few late, a few rescored by the lead), the total and grade computed by
 * libs/policy, and for an unqualified first grade a rectification and a re-assessment. A park
 * marked as declining fails two years running and is revoked.
 */
export function simulateAssessments(random: Random, context: CityContext, park: ParkPlan, recognisedOn: Day, cycles: readonly CyclePlan[], employment: (year: number) => number): AssessmentOutcome {
  const rows = context.city.assessment;
  const eligible = cycles.filter((cycle) => cycle.openedOn > recognisedOn);
  const declineFrom = random.chance(0.07) && eligible.length >= 2 ? eligible[random.int(1, eligible.length - 1)].year : null;
  const finalGrades: Record<number, Grade | undefined> = {};
  const years: AssessedYear[] = [];
  const county = countyOfficer(park.county.code);
  const operator = park.operator;

  for (const cycle of eligible) {
    const assessmentId = demoChildId(park.id, SCALED_KINDS.assessment, cycle.year);
    const createdAt = at(cycle.openedOn, 1, 5);
    cycle.assessments += 1;
    const year: AssessedYear = { year: cycle.year, assessmentId, cycleId: cycle.id, gradings: [] };
    years.push(year);
    const base = { id: assessmentId, parkId: park.id, year: cycle.year, cycleId: cycle.id, createdAt };
    // A park now and then misses the submission deadline; the service refuses a late self-assessment.
    if (random.chance(0.015)) {
      rows.assessment.push({ ...base, status: 'OPEN', totalScore: null, grade: null, version: 1, updatedAt: createdAt, submittedAt: null, checkedAt: null, checkedBy: null, initialTotalScore: null, initialGrade: null, commended: false, finalisedAt: null });
      continue;
    }
    const declining = declineFrom !== null && (cycle.year === declineFrom || cycle.year === declineFrom + 1);
    const quality = declining ? random.around(0.45, 0.05) : random.around(park.quality, 0.12, 0.3, 1);

    const submittedAt = officeTime(random, addWorkingDays(cycle.openedOn, random.int(3, SUBMISSION_WORKING_DAYS)));
    for (const indicator of DEFAULT_ASSESSMENT_TEMPLATE.indicators) {
      const figures =
        indicator.code === 'E1'
          ? [
              { name: '入驻机构数量', value: String(park.institutions.length), unit: '家' },
              { name: '营业收入（含代收代付）', value: String(Math.round(park.institutions.reduce((sum, institution) => sum + Number(institution.revenueFen), 0) / 1_000_000)), unit: '万元' },
            ]
          : indicator.code === 'R3'
            ? [{ name: '促进就业人数', value: String(employment(cycle.year)), unit: '人' }]
            : [{ name: '佐证材料', value: String(random.int(2, 12)), unit: '份' }];
      rows.selfAssessmentEntry.push({ assessmentId, indicatorCode: indicator.code, figures, narrative: `${cycle.year} 年度${indicator.name}：${indicator.description}，详见佐证材料。`, updatedBy: operator, updatedAt: addMinutes(submittedAt, -random.int(30, 3000)) });
    }
    const checkedAt = actAfter(random, submittedAt, 2, 8);
    const reviewers = random.shuffle(REVIEWERS).slice(0, 3);
    const assignedAt = actAfter(random, checkedAt, 1, 3);
    reviewers.forEach((reviewer, index) => rows.assessmentReviewer.push({ assessmentId, ...reviewer, lead: index === 0, assignedBy: CITY_REVIEWER.subject, assignedAt }));

    /** One phase's scores: each indicator by one reviewer, now and then rescored by the lead with a reason. */
    const score = (phase: AssessmentPhase, phaseQuality: number, from: Instant, deadline: Day): { total: ReturnType<typeof computeAssessmentTotal>; doneAt: Instant } => {
      const sheet = scoreSheet(random, phaseQuality);
      let doneAt = from;
      for (const indicator of DEFAULT_ASSESSMENT_TEMPLATE.indicators) {
        const reviewer = random.pick(reviewers);
        const late = random.chance(0.05);
        const day = late ? addWorkingDays(deadline, random.int(1, 4)) : addWorkingDays(dayOfInstant(from), random.int(1, 4));
        const scoredAt = officeTime(random, day > deadline && !late ? deadline : day);
        const justification = `依据自评材料和佐证材料评定${indicator.name}得分`;
        const rescored = random.chance(0.03);
        const first = rescored ? scoreText(Math.max(0, Number(sheet[indicator.code]) - 1)) : sheet[indicator.code];
        rows.scoreChange.push({ assessmentId, phase, indicatorCode: indicator.code, changedBy: reviewer.subject, changedRole: 'REVIEWER', lead: reviewer === reviewers[0], changedAt: scoredAt, scoreBefore: null, scoreAfter: first, justification, reason: null });
        let final = { scoredBy: reviewer.subject, scoredAt };
        if (rescored) {
          const rescoredAt = actAfter(random, scoredAt, 1, 2);
          rows.scoreChange.push({ assessmentId, phase, indicatorCode: indicator.code, changedBy: reviewers[0].subject, changedRole: 'REVIEWER', lead: true, changedAt: rescoredAt, scoreBefore: first, scoreAfter: sheet[indicator.code], justification, reason: '评审组合议后调整' });
          final = { scoredBy: reviewers[0].subject, scoredAt: rescoredAt };
        }
        rows.indicatorScore.push({ assessmentId, phase, indicatorCode: indicator.code, score: sheet[indicator.code], justification, ...final });
        doneAt = later(doneAt, final.scoredAt);
      }
      return { total: computeAssessmentTotal(DEFAULT_ASSESSMENT_TEMPLATE, sheet), doneAt };
    };

    const initial = score('INITIAL', quality, assignedAt, cycle.reviewDeadline);
    const gradedAt = actAfter(random, initial.doneAt, 1, 3);
    const initialConsequence = consequencesOf('INITIAL', initial.total.grade);
    let final = { total: initial.total, at: gradedAt, phase: 'INITIAL' as AssessmentPhase };
    let version = 4;
    if (initialConsequence.outcome === 'RECTIFICATION_ORDERED') {
      const orderedOn = dayOfInstant(gradedAt);
      const deadline = addDays(orderedOn, random.int(30, 45));
      year.gradings.push({ phase: 'INITIAL', totalScore: initial.total.totalScore, grade: initial.total.grade, outcome: 'RECTIFICATION_ORDERED', rectificationDeadline: deadline, at: gradedAt });
      const late = random.chance(0.12);
      const overdueFlaggedAt = late ? addMinutes(endOfDay(deadline), 5) : null;
      const reportedAt = late ? actAfter(random, endOfDay(deadline), 1, 8) : officeTime(random, addDays(deadline, -random.int(1, 15)));
      const reassessment = score('REASSESSMENT', declining ? random.around(0.48, 0.04) : random.chance(0.8) ? random.around(0.74, 0.05) : random.around(0.5, 0.04), reportedAt, dayOfInstant(actAfter(random, reportedAt, 10, 15)));
      final = { total: reassessment.total, at: actAfter(random, reassessment.doneAt, 1, 3), phase: 'REASSESSMENT' };
      version = 6;
      rows.rectification.push({
        id: demoChildId(assessmentId, SCALED_KINDS.rectification),
        assessmentId,
        orderedOn,
        deadline,
        requirements: '针对考核评估中失分较多的指标制定整改方案，完善运营管理制度，按期提交整改报告及佐证材料',
        status: 'CLOSED',
        report: '已按整改要求完善园区运营管理制度和公共服务体系，整改情况及佐证材料附后。',
        submittedAt: reportedAt,
        overdueFlaggedAt,
        version: late ? 4 : 3,
        createdAt: gradedAt,
        updatedAt: final.at,
      });
    }
    const grade = final.total.grade;
    year.gradings.push({ phase: final.phase, totalScore: final.total.totalScore, grade, outcome: 'FINAL', rectificationDeadline: null, at: final.at });
    finalGrades[cycle.year] = grade;
    rows.assessment.push({
      ...base,
      status: 'FINAL',
      totalScore: final.total.totalScore,
      grade,
      version,
      updatedAt: final.at,
      submittedAt,
      checkedAt,
      checkedBy: county.subject,
      initialTotalScore: initial.total.totalScore,
      initialGrade: initial.total.grade,
      commended: consequencesOf(final.phase, grade).commended,
      finalisedAt: final.at,
    });
    cycle.lastActivity = later(cycle.lastActivity, final.at);
    if (revocationDue(cycle.year, grade, finalGrades)) {
      return { years, revokedAt: addMinutes(final.at, 2), revocationYears: [cycle.year - 1, cycle.year] };
    }
  }
  return { years, revokedAt: null, revocationYears: null };
}

