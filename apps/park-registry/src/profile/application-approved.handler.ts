import type { Identity } from '@cz/auth';
import { recordAudit } from '@cz/db';
import { DomainError } from '@cz/errors';
import type { EventHandler } from '@cz/events';
import { officialParkName, validateSite } from '@cz/policy';
import type { ApplicationApprovedPayload, EventEnvelope } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { ParkEntity } from '../entities/park.entity';
import { ParkSiteEntity } from './entities/park-site.entity';
import { ParkStatusChangeEntity } from './entities/park-status-change.entity';
import { validateApprovedFacts } from './profile-input.rules';
import { addSite, advancePark, announceProfileChange, replaceInstitutions, replacePublicServices, replaceSites } from './profile-writes';

type ApprovalEvent = EventEnvelope<'applications.application-approved'>;

/**
 * Art 7(四) and Art 8: an approval recognises the park or adds its sub-park. The inbox applies an
 * event id once; the unique indexes make a second, distinct event for the same application a no-op.
 * Anything unexpected throws, so the job fails with the reason in the consumer's log and is retried.
 */
export const applicationApprovedHandler: EventHandler<'applications.application-approved'> = async (event, manager) => {
  const park = await manager.getRepository(ParkEntity).findOneBy({ id: event.payload.parkId });
  if (!park) throw new Error(`approval ${event.payload.applicationId} names park ${event.payload.parkId}, which the registry does not hold`);
  if (event.payload.kind === 'RECOGNITION') await recognise(manager, event, park);
  else await addSubPark(manager, event, park);
};

const systemActor = (event: ApprovalEvent): Identity => ({ subject: `system:${event.source}`, role: 'SYSTEM', name: '批复事件' });

async function recognise(manager: EntityManager, event: ApprovalEvent, park: ParkEntity): Promise<void> {
  const approval = event.payload;
  // Read after the park: a concurrent event for this application that committed first is seen here.
  if (await recognisedBy(manager, approval.applicationId)) return;
  if (park.status === 'RECOGNISED') throw new Error(`approval ${approval.applicationId} would recognise park ${park.id}, which another approval already recognised`);
  const facts = frozenFacts(approval);
  if (!(await advancePark(manager, park, { officialName: officialParkName(park.name) }))) {
    if (await recognisedBy(manager, approval.applicationId)) return;
    throw new Error(`park ${park.id} changed while approval ${approval.applicationId} was applied; retrying`);
  }
  await replaceSites(manager, park.id, facts.sites);
  await replaceInstitutions(manager, park.id, facts.institutions, approval.applicationId);
  await replacePublicServices(manager, park.id, facts.publicServices);
  await manager.getRepository(ParkStatusChangeEntity).insert({
    parkId: park.id,
    fromStatus: park.status,
    toStatus: 'RECOGNISED',
    reason: `经批复（${approval.approvalDocumentNo}）认定为市级人力资源服务产业园`,
    applicationId: approval.applicationId,
    approvalDocumentNo: approval.approvalDocumentNo,
    approvedOn: approval.approvedOn,
    actor: systemActor(event).subject,
  });
  await recordAudit(manager, SCHEMA, systemActor(event), {
    operation: 'park.recognise',
    targetType: 'Park',
    targetId: park.id,
    changes: { status: [park.status, 'RECOGNISED'], applicationId: approval.applicationId, approvalDocumentNo: approval.approvalDocumentNo, sites: facts.sites.length, institutions: facts.institutions.length },
    requestId: event.id,
  });
  await announceProfileChange(manager, park.id);
}

async function addSubPark(manager: EntityManager, event: ApprovalEvent, park: ParkEntity): Promise<void> {
  const approval = event.payload;
  if (await subParkAddedBy(manager, park.id, approval.applicationId)) return;
  // Art 8 applies to recognised parks only; the recognition may still be on its way, so retry.
  if (park.status !== 'RECOGNISED') throw new Error(`sub-park approval ${approval.applicationId} is for park ${park.id}, which is ${park.status}, not RECOGNISED`);
  const { subPark } = approval;
  if (!subPark) throw new Error(`sub-park approval ${approval.applicationId} carries no sub-park`);
  const site = asHandlerInput(approval, () => validateSite({ ...subPark, isCore: false }, 'subPark'));
  if (!(await advancePark(manager, park))) {
    if (await subParkAddedBy(manager, park.id, approval.applicationId)) return;
    throw new Error(`park ${park.id} changed while sub-park approval ${approval.applicationId} was applied; retrying`);
  }
  await addSite(manager, park.id, site, approval.applicationId);
  await recordAudit(manager, SCHEMA, systemActor(event), {
    operation: 'park.addSubPark',
    targetType: 'Park',
    targetId: park.id,
    changes: { subPark: [null, site], applicationId: approval.applicationId, approvalDocumentNo: approval.approvalDocumentNo },
    requestId: event.id,
  });
  await announceProfileChange(manager, park.id);
}

/** The frozen facts pass the check they passed when declared, so the registry never stores what a form would refuse. */
function frozenFacts(approval: ApplicationApprovedPayload) {
  return asHandlerInput(approval, () => validateApprovedFacts(approval.facts, Number(approval.approvedOn.slice(0, 4))));
}

function asHandlerInput<T>(approval: ApplicationApprovedPayload, validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (error instanceof DomainError) throw new Error(`approval ${approval.applicationId} carries invalid facts: ${String(error.details.field)}: ${error.message}`);
    throw error;
  }
}

async function recognisedBy(manager: EntityManager, applicationId: string): Promise<boolean> {
  return manager.getRepository(ParkStatusChangeEntity).existsBy({ applicationId, toStatus: 'RECOGNISED' });
}

async function subParkAddedBy(manager: EntityManager, parkId: string, applicationId: string): Promise<boolean> {
  return manager.getRepository(ParkSiteEntity).existsBy({ parkId, addedByApplicationId: applicationId });
}
