import { authorize, type Operation, scopeOf, type Target } from '@cz/auth';
import { NotFoundError } from '@cz/errors';
import type { ParkRefEntity } from '@cz/park-refs';
import { isUuid } from '@cz/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { ApplicationEntity } from '../entities/application.entity';
import { PanelMemberEntity } from './entities/panel-member.entity';
import { applicationRowsLoader } from './review-loaders';

/**
 * The subjects assigned to each application's panel, in one statement: what a REVIEWER's
 * ASSIGNED scope is checked against (`target.assignedSubjects`). Unknown ids map to [].
 */
export async function assignedSubjectsOf(manager: EntityManager | DataSource, applicationIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows: Array<{ application_id: string; subject: string }> = await manager.query(
    `SELECT "application_id", "subject" FROM "${SCHEMA}"."application_panel_member" WHERE "application_id" = ANY($1) ORDER BY "assigned_at", "subject"`,
    [applicationIds.filter(isUuid)],
  );
  const subjects = new Map<string, string[]>(applicationIds.map((id) => [id, []]));
  for (const row of rows) subjects.get(row.application_id)?.push(row.subject);
  return subjects;
}

/** Per request: each application's panel members, in order of assignment. */
export const panelMembersLoader = applicationRowsLoader(PanelMemberEntity, [['assigned_at', 'ASC'], ['subject', 'ASC']]);

/** Per request, batched with every other panel read: the subjects assigned to one application. */
export async function assignedSubjectsLoaded(context: Context, applicationId: string): Promise<string[]> {
  return (await panelMembersLoader(context).load(applicationId)).map((member) => member.subject);
}

/**
 * Authorises `operation` on an application: its park's county from park_ref, and for a role whose
 * scope is ASSIGNED, the application's panel. NOT_FOUND when the application does not exist.
 */
export async function authorizeOnApplication(context: Context, operation: Operation, applicationId: string): Promise<{ application: ApplicationEntity; park: ParkRefEntity }> {
  const application = isUuid(applicationId) ? await context.loaders.applicationById.load(applicationId) : null;
  if (!application) throw new NotFoundError('申报不存在', { applicationId });
  const ref = await context.loaders.parkRefs.load(application.parkId);
  if (!ref) throw new NotFoundError('园区不存在或尚未同步', { parkId: application.parkId });
  const target: Target = { parkId: ref.parkId, countyCode: ref.countyCode };
  if (scopeOf(context.identity.role, operation) === 'ASSIGNED') target.assignedSubjects = await assignedSubjectsLoaded(context, application.id);
  authorize(context.identity, operation, target);
  return { application, park: ref };
}
