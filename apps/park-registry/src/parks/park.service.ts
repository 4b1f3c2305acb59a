import { authorize, type Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { guardedUpdate, recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError, NotFoundError } from '@cz/errors';
import { recordEvent } from '@cz/events';
import { type ParkProfileChanges, type ParkProfileInput, validateNewParkProfile, validateParkProfile } from '@cz/policy';
import { EVENT_TYPES } from '@cz/queue-contracts';
import { isUuid } from '@cz/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { CountyEntity } from '../entities/county.entity';
import { ParkEntity } from '../entities/park.entity';
import { profileChangedPayload } from './park-events';

/** Fields that are personal information: the audit log records that they changed, not their values. */
const PERSONAL_FIELDS = new Set<keyof ParkProfileInput>(['contactName', 'contactPhone']);

const COLUMN_OF: Record<keyof ParkProfileInput, string> = {
  name: 'name',
  countyCode: 'county_code',
  address: 'address',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  propertyOwnership: 'property_ownership',
  registeredOn: 'registered_on',
  constructionInvestmentFen: 'construction_investment_fen',
  buildingAreaM2: 'building_area_m2',
  managementTeamSize: 'management_team_size',
  constructionMode: 'construction_mode',
  servicesOffered: 'services_offered',
};

interface Caller {
  identity: Identity;
  requestId: string;
}

export class ParkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async register(caller: Caller, input: ParkProfileInput): Promise<ParkEntity> {
    const profile = validateNewParkProfile(input, shanghaiDate(this.now()));
    authorize(caller.identity, 'park.register', { parkId: '', countyCode: profile.countyCode });
    return this.dataSource.transaction(async (manager) => {
      await this.requireCounty(manager, profile.countyCode);
      const parks = manager.getRepository(ParkEntity);
      const { identifiers } = await parks.insert({ ...profile, servicesOffered: [...profile.servicesOffered], status: 'CANDIDATE', officialName: null, version: 1 });
      const saved = await parks.findOneByOrFail({ id: identifiers[0].id as string });
      await recordEvent(manager, SCHEMA, EVENT_TYPES.parkProfileChanged, saved.id, profileChangedPayload(saved));
      await recordAudit(manager, SCHEMA, caller.identity, { operation: 'park.register', targetType: 'Park', targetId: saved.id, changes: auditChanges({}, profile), requestId: caller.requestId });
      return saved;
    });
  }

  /**
   * One guarded UPDATE decides: it succeeds only against the version the caller saw, so of two
   * officers editing at once, one wins and the other gets CONFLICT.
   */
  async updateProfile(caller: Caller, id: string, expectedVersion: number, input: ParkProfileChanges): Promise<ParkEntity> {
    const changes = validateParkProfile(input, shanghaiDate(this.now()));
    return this.dataSource.transaction(async (manager) => {
      const current = isUuid(id) ? await manager.getRepository(ParkEntity).findOneBy({ id }) : null;
      if (!current) throw new NotFoundError('园区不存在', { id });
      authorize(caller.identity, 'park.update', { parkId: current.id, countyCode: current.countyCode });
      if (changes.countyCode !== undefined && changes.countyCode !== current.countyCode) {
        authorize(caller.identity, 'park.relocate', { parkId: current.id, countyCode: current.countyCode });
        await this.requireCounty(manager, changes.countyCode);
      }
      const fields = Object.keys(changes) as Array<keyof ParkProfileInput>;
      if (fields.length === 0) throw new BadUserInputError('input', '没有需要修改的字段');
      const assignments = fields.map((field, index) => `"${COLUMN_OF[field]}" = $${index + 3}`);
      const changed = await guardedUpdate(
        manager,
        `UPDATE "${SCHEMA}"."park" SET ${assignments.join(', ')}, "version" = "version" + 1, "updated_at" = now()
          WHERE "id" = $1 AND "version" = $2`,
        [id, expectedVersion, ...fields.map((field) => changes[field])],
      );
      if (changed === 0) throw new ConflictError('园区档案已被他人修改，请刷新后重试', { id, expectedVersion, currentVersion: current.version });
      const updated = await manager.getRepository(ParkEntity).findOneByOrFail({ id });
      await recordEvent(manager, SCHEMA, EVENT_TYPES.parkProfileChanged, id, profileChangedPayload(updated));
      await recordAudit(manager, SCHEMA, caller.identity, { operation: 'park.updateProfile', targetType: 'Park', targetId: id, changes: auditChanges(current, changes), requestId: caller.requestId });
      return updated;
    });
  }

  private async requireCounty(manager: EntityManager, code: string): Promise<void> {
    if (!(await manager.getRepository(CountyEntity).existsBy({ code }))) throw new BadUserInputError('countyCode', '县区代码不存在', { countyCode: code });
  }
}

function auditChanges(before: Partial<Record<keyof ParkProfileInput, unknown>>, after: Partial<ParkProfileInput>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after) as Array<[keyof ParkProfileInput, unknown]>) {
    if (PERSONAL_FIELDS.has(field)) changes[field] = '[personal data changed]';
    else changes[field] = [before[field] ?? null, value];
  }
  return changes;
}
