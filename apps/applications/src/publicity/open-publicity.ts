import { authorize } from '@cz/auth';
import { endOfShanghaiDay, shanghaiDate } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError } from '@cz/errors';
import { STAGE_NAMES } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { ApplicationStage } from '../entities/application.entity';
import type { OpenPublicityInput } from '../generated/graphql';
import { loadPolicyInForce } from '../policy-versions/policy-repository';
import { isEvaluationConcluded } from '../review/evaluation-status';
import { transitionStage } from '../transitions/transition-stage';
import { queryItems } from './publicity-items';
import { validApplicationIds, validPostedOn, validText, validWorkingDaysShape } from './publicity-input.rules';
import { notify, parkAudiences, publicityLink } from './publicity-notifications';
import { PublicityEntity } from './publicity.entity';
import { loadWorkingCalendar } from './working-calendar-copy';

interface Candidate {
  id: string;
  stage: ApplicationStage;
  county_code: string | null;
}

/**
 * Each application must be in joint evaluation with the evaluation concluded. The rows are locked,
 * so a concurrent opening (or return) of the same application waits and then sees the new stage.
 */
async function checkCandidates(manager: EntityManager, applicationIds: string[]): Promise<string[]> {
  const rows: Candidate[] = await manager.query(
    `SELECT a."id", a."stage", r."county_code" FROM "${SCHEMA}"."application" a LEFT JOIN "${SCHEMA}"."park_ref" r ON r."park_id" = a."park_id"
      WHERE a."id" = ANY($1) FOR UPDATE OF a`,
    [applicationIds],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const counties = new Set<string>();
  for (const applicationId of applicationIds) {
    const row = byId.get(applicationId);
    if (!row) throw new BadUserInputError('applicationIds', `申报不存在：${applicationId}`, { applicationId });
    if (row.stage !== 'JOINT_EVALUATION') throw new ConflictError(`申报 ${applicationId} 处于“${STAGE_NAMES[row.stage]}”阶段，只有联合评审阶段的申报可以公示`, { applicationId, stage: row.stage });
    if (!(await isEvaluationConcluded(manager, applicationId))) throw new ConflictError(`申报 ${applicationId} 的联合评审尚未结束，不能公示`, { applicationId });
    if (!row.county_code) throw new ConflictError(`申报 ${applicationId} 的园区信息尚未同步，请稍后重试`, { applicationId });
    counties.add(row.county_code);
  }
  return [...counties];
}

/** Art 7(三) as each county's policy version on the day of posting sets it (Art 22); the strictest applies. */
async function minimumWorkingDays(manager: EntityManager, counties: string[], postedOn: string): Promise<number> {
  let minimum = 0;
  for (const county of counties) minimum = Math.max(minimum, (await loadPolicyInForce(manager, county, postedOn)).parameters.publicityMinWorkingDays);
  return minimum;
}

export async function openPublicity(input: OpenPublicityInput, { identity, requestId, now: clock, dataSource }: Context): Promise<PublicityEntity> {
  authorize(identity, 'publicity.manage');
  const now = clock();
  const title = validText('title', '公示标题', input.title, { min: 1, max: 200, multiline: false });
  const applicationIds = validApplicationIds(input.applicationIds);
  const postedOn = validPostedOn(input.postedOn ?? shanghaiDate(now), shanghaiDate(now));
  const requested = input.workingDays === null || input.workingDays === undefined ? undefined : validWorkingDaysShape(input.workingDays);

  return dataSource.transaction(async (manager) => {
    const counties = await checkCandidates(manager, applicationIds);
    const minimum = await minimumWorkingDays(manager, counties, postedOn);
    const workingDays = requested ?? minimum;
    if (workingDays < minimum) throw new BadUserInputError('workingDays', `公示期不得少于 ${minimum} 个工作日`, { minimum });
    // A year the calendar does not cover is refused (CalendarNotCoveredError), never guessed.
    const endsOn = (await loadWorkingCalendar(manager)).addWorkingDays(postedOn, workingDays, 'workingDays');

    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO "${SCHEMA}"."publicity" ("title", "posted_on", "working_days", "ends_on", "ends_at", "status", "opened_by", "created_at")
       VALUES ($1, $2, $3, $4, $5, 'OPEN', $6, $7) RETURNING "id"`,
      [title, postedOn, workingDays, endsOn, endOfShanghaiDay(endsOn), identity.subject, now],
    );
    await manager.query(`INSERT INTO "${SCHEMA}"."publicity_item" ("publicity_id", "application_id") SELECT $1, unnest($2::uuid[])`, [id, applicationIds]);
    await recordAudit(manager, SCHEMA, identity, { operation: 'publicity.open', targetType: 'Publicity', targetId: id, changes: { title, postedOn, workingDays, endsOn, applicationIds }, requestId });

    for (const item of await queryItems(manager, [id])) {
      await transitionStage(manager, { applicationId: item.applicationId, action: 'openPublicity', identity, requestId, now, details: { publicityId: id } });
      for (const { suffix, audience } of parkAudiences(item.parkId, item.countyCode)) {
        await notify(manager, id, {
          // One key per audience, so a notifications service keyed on the key alone still reaches both.
          dedupeKey: `publicity:${id}:open:${item.applicationId}:${suffix}`,
          audience,
          title: '申报进入公示',
          body: `${item.parkName}的申报已进入公示，公示期至 ${endsOn} 24:00。`,
          link: publicityLink(id),
        });
      }
    }
    return manager.findOneByOrFail(PublicityEntity, { id });
  });
}
