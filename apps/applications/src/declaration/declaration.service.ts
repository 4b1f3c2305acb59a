import { shanghaiDate } from '@cz/calendar';
import { guardedUpdate, recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError } from '@cz/errors';
import { recordEvent } from '@cz/events';
import { authorizeForPark } from '@cz/park-refs';
import { type ApplicationStage, type DeclaredFactsInput, evaluateEligibility, nextStage, STAGE_ACTIONS, STAGE_NAMES } from '@cz/policy';
import { EVENT_TYPES } from '@cz/queue-contracts';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { type ApplicationKind, ApplicationEntity } from '../entities/application.entity';
import { loadPolicyInForce } from '../policy-versions/policy-repository';
import { transitionStage } from '../transitions/transition-stage';
import { authorizeOnApplication } from '../review/panel-access';
import { validateDeclaration } from './declared-facts.validation';
import { DraftFactsEntity } from './draft-facts.entity';
import { MATERIAL_ITEM_NAMES, type MaterialItem, REQUIRED_MATERIAL_ITEMS } from './material.entity';

/** The park edits its facts and materials only while the application is in its hands. */
export const EDITABLE_STAGES: readonly ApplicationStage[] = STAGE_ACTIONS.submit.from;

const KIND_NAMES: Record<ApplicationKind, string> = { RECOGNITION: '认定申报', SUB_PARK: '增设分园区申报' };
const UNIQUE_VIOLATION = '23505';

export function notEditable(stage: ApplicationStage, what: string): ConflictError {
  return new ConflictError(`申报当前处于“${STAGE_NAMES[stage]}”阶段，不能${what}`, { stage });
}

export async function createApplication(context: Context, parkId: string, kind: ApplicationKind, year: number) {
  const { identity, requestId, dataSource, loaders } = context;
  await authorizeForPark(identity, 'application.create', parkId, loaders.parkRefs);
  const now = context.now();
  const currentYear = Number(shanghaiDate(now).slice(0, 4));
  if (year < currentYear - 1 || year > currentYear + 1) throw new BadUserInputError('year', `申报年度必须在 ${currentYear - 1} 到 ${currentYear + 1} 年之间`);
  return dataSource.transaction(async (manager) => {
    // Locking the park's row serialises drafts of one park, so two cannot both pass the open-application check.
    const [park]: Array<{ status: string }> = await manager.query(`SELECT "status" FROM "${SCHEMA}"."park_ref" WHERE "park_id" = $1 FOR UPDATE`, [parkId]);
    if (kind === 'RECOGNITION' && park.status === 'RECOGNISED') throw new BadUserInputError('kind', '园区已认定，不能再申报认定；增设分园区请选择“增设分园区申报”');
    if (kind === 'SUB_PARK' && park.status !== 'RECOGNISED') throw new BadUserInputError('kind', '只有已认定的市级园区才能申报增设分园区（第八条）');
    const [open]: Array<{ id: string }> = await manager.query(
      `SELECT "id" FROM "${SCHEMA}"."application" WHERE "park_id" = $1 AND "kind" = $2 AND "stage" NOT IN ('APPROVED', 'REJECTED') LIMIT 1`,
      [parkId, kind],
    );
    if (open) throw new ConflictError(`该园区已有未办结的${KIND_NAMES[kind]}`, { applicationId: open.id });
    const [created]: Array<{ id: string }> = await manager.query(
      `INSERT INTO "${SCHEMA}"."application" ("park_id", "kind", "stage", "year", "version", "created_at", "updated_at") VALUES ($1, $2, 'DRAFT', $3, 1, $4, $4) RETURNING "id"`,
      [parkId, kind, year, now],
    );
    await recordAudit(manager, SCHEMA, identity, { operation: 'application.create', targetType: 'Application', targetId: created.id, changes: { parkId, kind, year }, requestId });
    return manager.getRepository(ApplicationEntity).findOneByOrFail({ id: created.id });
  });
}

export async function declareFacts(context: Context, applicationId: string, expectedVersion: number, input: DeclaredFactsInput) {
  const { identity, requestId, dataSource } = context;
  const { application } = await authorizeOnApplication(context, 'application.edit', applicationId);
  if (!EDITABLE_STAGES.includes(application.stage)) throw notEditable(application.stage, '修改申报事实');
  const facts = validateDeclaration(input, application.year);
  const now = context.now();
  return dataSource.transaction(async (manager) => {
    const changed = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."application" SET "version" = "version" + 1, "updated_at" = $3
        WHERE "id" = $1 AND "version" = $2 AND "stage" = ANY($4)`,
      [application.id, expectedVersion, now, EDITABLE_STAGES],
    );
    if (changed === 0) {
      const current = await manager.getRepository(ApplicationEntity).findOneByOrFail({ id: application.id });
      if (!EDITABLE_STAGES.includes(current.stage)) throw notEditable(current.stage, '修改申报事实');
      throw new ConflictError('申报已被他人修改，请刷新后重试', { id: application.id, expectedVersion, currentVersion: current.version });
    }
    await manager.query(
      `INSERT INTO "${SCHEMA}"."application_draft_facts" ("application_id", "facts", "updated_at", "updated_by") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("application_id") DO UPDATE SET "facts" = EXCLUDED."facts", "updated_at" = EXCLUDED."updated_at", "updated_by" = EXCLUDED."updated_by"`,
      [application.id, JSON.stringify(facts), now, identity.subject],
    );
    await recordAudit(manager, SCHEMA, identity, {
      operation: 'application.declareFacts',
      targetType: 'Application',
      targetId: application.id,
      changes: { version: [expectedVersion, expectedVersion + 1], sites: facts.sites.length, institutions: facts.institutions.length, publicServices: facts.publicServices },
      requestId,
    });
    return manager.getRepository(ApplicationEntity).findOneByOrFail({ id: application.id });
  });
}

/**
 * Freezes the declared facts with the eligibility results of the policy in force today, moves the
 * application to the county's preliminary review and asks the county bureau to act, all in one
 * transaction. The stage change goes first: of two submits racing, the second waits on the row and
 * then fails the guard, before it writes anything.
 */
export async function submitApplication(context: Context, applicationId: string, expectedVersion: number) {
  const { identity, requestId, dataSource } = context;
  const { application, park } = await authorizeOnApplication(context, 'application.submit', applicationId);
  nextStage('submit', application.stage);
  const now = context.now();
  const today = shanghaiDate(now);
  try {
    return await dataSource.transaction(async (manager) => {
      const draft = await manager.getRepository(DraftFactsEntity).findOneBy({ applicationId: application.id });
      if (!draft) throw new BadUserInputError('declaredFacts', '请先填写申报事实再提交');
      const uploaded: Array<{ item: MaterialItem }> = await manager.query(`SELECT DISTINCT "item" FROM "${SCHEMA}"."application_material" WHERE "application_id" = $1`, [application.id]);
      const missing = REQUIRED_MATERIAL_ITEMS.filter((item) => !uploaded.some((row) => row.item === item));
      if (missing.length > 0) throw new BadUserInputError('materials', `缺少必交材料：${missing.map((item) => MATERIAL_ITEM_NAMES[item]).join('、')}`, { missing });
      const policy = await loadPolicyInForce(manager, park.countyCode, today);
      const eligibility = evaluateEligibility(draft.facts, policy.parameters, today);
      const [{ round }]: Array<{ round: number }> = await manager.query(`SELECT COALESCE(MAX("round"), 0) + 1 AS "round" FROM "${SCHEMA}"."application_submission" WHERE "application_id" = $1`, [application.id]);
      const submitted = await transitionStage(manager, { applicationId: application.id, action: 'submit', identity, requestId, now, expectedVersion, details: { round, policyVersionCode: policy.code } });
      await manager.query(
        `INSERT INTO "${SCHEMA}"."application_submission" ("application_id", "round", "facts", "policy_version_code", "eligibility", "submitted_at", "submitted_by") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [application.id, round, JSON.stringify(draft.facts), policy.code, JSON.stringify(eligibility), now, identity.subject],
      );
      await recordEvent(manager, SCHEMA, EVENT_TYPES.notificationRequested, application.id, {
        dedupeKey: `application:${application.id}:submit:${round}`,
        audience: { role: 'COUNTY_BUREAU', countyCode: park.countyCode },
        category: 'application',
        title: `${park.name}${round === 1 ? '提交' : '重新提交'}了${KIND_NAMES[application.kind]}，请初审`,
        body: `${park.name}于 ${today} 提交了 ${application.year} 年度${KIND_NAMES[application.kind]}（第 ${round} 次提交），请及时进行初审。`,
        link: `/applications/${application.id}`,
      });
      return submitted;
    });
  } catch (error) {
    // Should the guard ever let two submits through, the round's unique key stops the second.
    if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) throw new ConflictError('申报已被提交，请刷新后查看', { id: application.id });
    throw error;
  }
}
