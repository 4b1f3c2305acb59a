import { authorize, type Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import { type DeclaredSite, validatePublicServices, validateSites } from '@cz/policy';
import { isUuid } from '@cz/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { ParkEntity } from '../entities/park.entity';
import { type RosterLineInput, validateRoster } from './profile-input.rules';
import { advancePark, announceProfileChange, readInstitutions, readPublicServices, readSites, replaceInstitutions, replacePublicServices, replaceSites } from './profile-writes';

interface Caller {
  identity: Identity;
  requestId: string;
}

/** One part of the profile that a mutation replaces whole. */
interface ProfileSection<T> {
  operation: string;
  field: string;
  read: (manager: EntityManager, parkId: string) => Promise<T>;
  /** The validated new set, written by `write`. */
  after: T;
  write: (manager: EntityManager) => Promise<void>;
}

/** Replacing a park's sites, roster and public services: each a whole set, versioned like the profile. */
export class ParkProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  setSites(caller: Caller, parkId: string, expectedVersion: number, input: readonly DeclaredSite[]): Promise<ParkEntity> {
    const sites = validateSites(input, 'sites');
    return this.replace(caller, parkId, expectedVersion, { operation: 'park.setSites', field: 'sites', read: readSites, after: sites, write: (manager) => replaceSites(manager, parkId, sites) }, (park) => {
      if (park.status === 'RECOGNISED') {
        throw new ConflictError('已认定园区的载体只能通过经批准的增设分园区申报（第八条）变更，不能直接修改', { parkId, status: park.status });
      }
    });
  }

  setInstitutions(caller: Caller, parkId: string, expectedVersion: number, input: readonly RosterLineInput[]): Promise<ParkEntity> {
    const latestRevenueYear = Number(shanghaiDate(this.now()).slice(0, 4));
    const lines = validateRoster(input, 'institutions', latestRevenueYear);
    return this.replace(caller, parkId, expectedVersion, { operation: 'park.setInstitutions', field: 'institutions', read: readInstitutions, after: lines, write: (manager) => replaceInstitutions(manager, parkId, lines, null) });
  }

  setPublicServices(caller: Caller, parkId: string, expectedVersion: number, input: readonly string[]): Promise<ParkEntity> {
    const functions = validatePublicServices(input, 'functions');
    return this.replace(caller, parkId, expectedVersion, { operation: 'park.setPublicServices', field: 'publicServices', read: readPublicServices, after: functions, write: (manager) => replacePublicServices(manager, parkId, functions) });
  }

  /**
   * The guarded version bump comes first: of two editors holding the same version one wins and
   * the other gets CONFLICT before anything is written. The new set, its audit row and the
   * profile event then commit together.
   */
  private replace<T>(caller: Caller, parkId: string, expectedVersion: number, section: ProfileSection<T>, refuse?: (park: ParkEntity) => void): Promise<ParkEntity> {
    return this.dataSource.transaction(async (manager) => {
      const park = isUuid(parkId) ? await manager.getRepository(ParkEntity).findOneBy({ id: parkId }) : null;
      if (!park) throw new NotFoundError('园区不存在', { parkId });
      authorize(caller.identity, 'park.update', { parkId: park.id, countyCode: park.countyCode });
      refuse?.(park);
      if (!(await advancePark(manager, { id: park.id, version: expectedVersion, status: park.status }))) {
        throw new ConflictError('园区档案已被他人修改，请刷新后重试', { parkId, expectedVersion, currentVersion: park.version });
      }
      const before = await section.read(manager, parkId);
      await section.write(manager);
      await recordAudit(manager, SCHEMA, caller.identity, { operation: section.operation, targetType: 'Park', targetId: parkId, changes: { [section.field]: [before, section.after] }, requestId: caller.requestId });
      return announceProfileChange(manager, parkId);
    });
  }
}
