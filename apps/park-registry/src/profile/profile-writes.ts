import { guardedUpdate } from '@cz/db';
import { recordEvent } from '@cz/events';
import type { DeclaredSite, PublicServiceFunction } from '@cz/policy';
import { EVENT_TYPES, type ParkStatus } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { ParkEntity } from '../entities/park.entity';
import { profileChangedPayload } from '../parks/park-events';
import { ParkPublicServiceEntity } from './entities/park-public-service.entity';
import { ParkSiteEntity } from './entities/park-site.entity';
import { ResidentInstitutionEntity } from './entities/resident-institution.entity';
import { inArticleOrder, type RosterLine } from './profile-input.rules';

/**
 * The one guarded UPDATE of a profile change: it holds only against the version and status the
 * caller saw, and bumps the version other services compare. False means a concurrent change won.
 */
export async function advancePark(manager: EntityManager, seen: { id: string; version: number; status: ParkStatus }, recognition?: { officialName: string }): Promise<boolean> {
  const changed = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."park" SET "version" = "version" + 1, "updated_at" = now(),
       "status" = CASE WHEN $4::varchar IS NULL THEN "status" ELSE 'RECOGNISED' END,
       "official_name" = COALESCE($4::varchar, "official_name")
     WHERE "id" = $1 AND "version" = $2 AND "status" = $3`,
    [seen.id, seen.version, seen.status, recognition?.officialName ?? null],
  );
  return changed === 1;
}

/** After the guarded UPDATE: the park as it now is, announced to the services that keep a copy. */
export async function announceProfileChange(manager: EntityManager, parkId: string): Promise<ParkEntity> {
  const park = await manager.getRepository(ParkEntity).findOneByOrFail({ id: parkId });
  await recordEvent(manager, SCHEMA, EVENT_TYPES.parkProfileChanged, park.id, profileChangedPayload(park));
  return park;
}

export async function readSites(manager: EntityManager, parkId: string): Promise<DeclaredSite[]> {
  const rows = await manager.getRepository(ParkSiteEntity).find({ where: { parkId }, order: { isCore: 'DESC', createdAt: 'ASC', name: 'ASC' } });
  return rows.map(({ name, address, buildingAreaM2, isCore }) => ({ name, address, buildingAreaM2, isCore }));
}

/** Replaces the whole set; sites entered or recognised this way belong to no Art 8 application. */
export async function replaceSites(manager: EntityManager, parkId: string, sites: readonly DeclaredSite[]): Promise<void> {
  await manager.query(`DELETE FROM "${SCHEMA}"."park_site" WHERE "park_id" = $1`, [parkId]);
  if (sites.length > 0) await manager.getRepository(ParkSiteEntity).insert(sites.map((site) => ({ ...site, parkId, addedByApplicationId: null })));
}

/** Art 8: a sub-park added by its approved application (a unique index allows it once). */
export async function addSite(manager: EntityManager, parkId: string, site: DeclaredSite, addedByApplicationId: string): Promise<void> {
  await manager.getRepository(ParkSiteEntity).insert({ ...site, parkId, addedByApplicationId });
}

export async function readInstitutions(manager: EntityManager, parkId: string): Promise<RosterLine[]> {
  const rows = await manager.getRepository(ResidentInstitutionEntity).find({ where: { parkId }, order: { name: 'ASC' } });
  return rows.map(({ name, creditCode, licenceKind, licenceNo, licenceValidUntil, operating, revenueFen, revenueYear }) => ({ name, creditCode, licenceKind, licenceNo, licenceValidUntil, operating, revenueFen, revenueYear }));
}

export async function replaceInstitutions(manager: EntityManager, parkId: string, lines: readonly RosterLine[], sourceApplicationId: string | null): Promise<void> {
  await manager.query(`DELETE FROM "${SCHEMA}"."resident_institution" WHERE "park_id" = $1`, [parkId]);
  if (lines.length > 0) await manager.getRepository(ResidentInstitutionEntity).insert(lines.map((line) => ({ ...line, parkId, sourceApplicationId })));
}

export async function readPublicServices(manager: EntityManager, parkId: string): Promise<PublicServiceFunction[]> {
  const rows = await manager.getRepository(ParkPublicServiceEntity).findBy({ parkId });
  return inArticleOrder(rows.map((row) => row.function));
}

export async function replacePublicServices(manager: EntityManager, parkId: string, functions: readonly PublicServiceFunction[]): Promise<void> {
  await manager.query(`DELETE FROM "${SCHEMA}"."park_public_service" WHERE "park_id" = $1`, [parkId]);
  if (functions.length > 0) await manager.getRepository(ParkPublicServiceEntity).insert(functions.map((fn) => ({ parkId, function: fn })));
}
