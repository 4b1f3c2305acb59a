import { SYSTEM_IDENTITY } from '@cz/auth';
import { endOfShanghaiDay } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { claimDone, isDone } from './cycle-deadlines';
import { CITY_BUREAU, countyBureau, cycleLink, notify } from './cycle-notifications';
import { type CycleParkRow, cycleParks, lockCycle } from './cycle-rows';
import { answer, type DeadlineRun, notDue } from './deadline-run';

/** Statuses past the initial review: graded and final, or graded unqualified and in rectification. */
const REVIEWED = ['FINAL', 'RECTIFYING', 'REASSESSING'];

const parkList = (parks: readonly CycleParkRow[]) => parks.map((park) => park.parkName).join('、');

function byCounty(parks: readonly CycleParkRow[]): Map<string, CycleParkRow[]> {
  const counties = new Map<string, CycleParkRow[]>();
  for (const park of parks) counties.set(park.countyCode, [...(counties.get(park.countyCode) ?? []), park]);
  return counties;
}

/**
 * SUBMISSION_OVERDUE at 24:00 of the submission deadline: each county bureau with parks that have
 * not submitted is told which, and the city bureau gets the whole list; once, by the done claim.
 */
export async function runSubmissionOverdue(cycleId: string, { dataSource, now, requestId }: Context): Promise<DeadlineRun> {
  return dataSource.transaction(async (manager) => {
    const cycle = await lockCycle(manager, cycleId);
    if (await isDone(manager, 'SUBMISSION_OVERDUE', cycle.id)) return answer('ALREADY_DONE', '逾期情况已上报');
    const dueAt = endOfShanghaiDay(cycle.submissionDeadline);
    if (now() < dueAt) return notDue(dueAt);
    const overdue = await cycleParks(manager, cycle.id, ['OPEN']);
    const detail = overdue.length === 0 ? '所有园区均已按期提交自评' : `逾期未提交自评：${overdue.length} 个园区`;
    if (!(await claimDone(manager, 'SUBMISSION_OVERDUE', cycle.id, detail, requestId))) return answer('ALREADY_DONE', '逾期情况已上报');
    if (overdue.length === 0) return answer('DONE', detail);

    await recordAudit(manager, SCHEMA, SYSTEM_IDENTITY, { operation: 'assessment.cycle.submission-overdue', targetType: 'AssessmentCycle', targetId: cycle.id, changes: { overdueAssessments: overdue.map((park) => park.assessmentId) }, requestId });
    for (const [countyCode, parks] of byCounty(overdue)) {
      await notify(manager, cycle.id, {
        dedupeKey: `assessment-cycle:${cycle.id}:submission-overdue:county:${countyCode}`,
        audience: countyBureau(countyCode),
        title: '考核自评逾期未提交',
        body: `${cycle.year} 年度考核评估的自评已于 ${cycle.submissionDeadline} 24:00 截止，本辖区以下 ${parks.length} 个园区未提交：${parkList(parks)}。请督促。`,
        link: cycleLink(cycle.id),
      });
    }
    await notify(manager, cycle.id, {
      dedupeKey: `assessment-cycle:${cycle.id}:submission-overdue:city`,
      audience: CITY_BUREAU,
      title: '考核自评逾期未提交',
      body: `${cycle.year} 年度考核评估的自评已于 ${cycle.submissionDeadline} 24:00 截止，${overdue.length} 个园区未提交：${parkList(overdue)}。`,
      link: cycleLink(cycle.id),
    });
    return answer('DONE', detail);
  });
}

/** REVIEW_OVERDUE at 24:00 of the review deadline: the city bureau learns which assessments are not yet graded. */
export async function runReviewOverdue(cycleId: string, { dataSource, now, requestId }: Context): Promise<DeadlineRun> {
  return dataSource.transaction(async (manager) => {
    const cycle = await lockCycle(manager, cycleId);
    if (await isDone(manager, 'REVIEW_OVERDUE', cycle.id)) return answer('ALREADY_DONE', '评审逾期情况已上报');
    const dueAt = endOfShanghaiDay(cycle.reviewDeadline);
    if (now() < dueAt) return notDue(dueAt);
    const late = await cycleParks(manager, cycle.id, REVIEWED, true);
    const detail = late.length === 0 ? '所有考核评估均已按期评审' : `逾期未完成评审：${late.length} 个园区`;
    if (!(await claimDone(manager, 'REVIEW_OVERDUE', cycle.id, detail, requestId))) return answer('ALREADY_DONE', '评审逾期情况已上报');
    if (late.length === 0) return answer('DONE', detail);

    await recordAudit(manager, SCHEMA, SYSTEM_IDENTITY, { operation: 'assessment.cycle.review-overdue', targetType: 'AssessmentCycle', targetId: cycle.id, changes: { lateAssessments: late.map((park) => park.assessmentId) }, requestId });
    await notify(manager, cycle.id, {
      dedupeKey: `assessment-cycle:${cycle.id}:review-overdue:city`,
      audience: CITY_BUREAU,
      title: '考核评审逾期未完成',
      body: `${cycle.year} 年度考核评估的评审已于 ${cycle.reviewDeadline} 24:00 截止，${late.length} 个园区尚未完成评审定级：${parkList(late)}。`,
      link: cycleLink(cycle.id),
    });
    return answer('DONE', detail);
  });
}
