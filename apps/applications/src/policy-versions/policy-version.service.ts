import { authorize, type Identity } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError, NotFoundError } from '@cz/errors';
import { recordEvent } from '@cz/events';
import type { PolicyJurisdiction, PolicyVersion } from '@cz/policy';
import { EVENT_TYPES } from '@cz/queue-contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { CreatePolicyVersionInput } from '../generated/graphql';
import { toPolicyVersion } from './policy-repository';
import { isPolicyVersionCode, validateNewPolicyVersion } from './policy-version-input.rules';
import { PolicyVersionEntity } from './policy-version.entity';

interface Caller {
  identity: Identity;
  requestId: string;
  /** Asia/Shanghai date of the service clock. */
  today: string;
}

/**
 * Serialises every change to one jurisdiction's versions until the transaction ends. A row lock
 * would not do: a county's first version has no rows to lock.
 */
async function lockJurisdiction(manager: EntityManager, jurisdiction: PolicyJurisdiction): Promise<void> {
  const key = jurisdiction.kind === 'COUNTY' ? `COUNTY.${jurisdiction.countyCode}` : 'CITY';
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${SCHEMA}.policy_version.${key}`]);
}

const period = (from: string, to: string | null) => `${from} 至 ${to ?? '长期'}`;

/**
 * Funding computes Art 10 subsidies from its own copy of the versions; the whole version travels,
 * so the copy is an upsert by code and a replayed or reordered event leaves it right.
 */
function announce(manager: EntityManager, version: PolicyVersion): Promise<string> {
  return recordEvent(manager, SCHEMA, EVENT_TYPES.policyVersionChanged, version.code, { version });
}

export class PolicyVersionService {
  constructor(private readonly dataSource: DataSource) {}

  /** CONFLICT when the period overlaps another version of the same jurisdiction, or the code is taken. */
  async create(caller: Caller, input: CreatePolicyVersionInput): Promise<PolicyVersion> {
    authorize(caller.identity, 'policy.manage');
    const version = validateNewPolicyVersion(input, caller.today);
    const countyCode = version.jurisdiction.kind === 'COUNTY' ? version.jurisdiction.countyCode : null;
    return this.dataSource.transaction(async (manager) => {
      await lockJurisdiction(manager, version.jurisdiction);
      const [overlapping] = await manager.query<Array<{ code: string; from: string; to: string | null }>>(
        `SELECT "code", to_char("effective_from", 'YYYY-MM-DD') AS "from", to_char("effective_to", 'YYYY-MM-DD') AS "to"
           FROM "${SCHEMA}"."policy_version"
          WHERE "jurisdiction_kind" = $1 AND "county_code" IS NOT DISTINCT FROM $2
            AND daterange("effective_from", "effective_to", '[]') && daterange($3::date, $4::date, '[]')
          ORDER BY "effective_from" LIMIT 1`,
        [version.jurisdiction.kind, countyCode, version.effectiveFrom, version.effectiveTo],
      );
      if (overlapping) {
        throw new ConflictError(`有效期与同一适用范围的政策版本 ${overlapping.code}（${period(overlapping.from, overlapping.to)}）重叠，请先终止该版本`, { overlappingVersion: overlapping.code });
      }
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PolicyVersionEntity)
        .values({ code: version.code, title: version.title, jurisdictionKind: version.jurisdiction.kind, countyCode, effectiveFrom: version.effectiveFrom, effectiveTo: version.effectiveTo, parameters: version.parameters, createdBy: caller.identity.subject })
        .orIgnore()
        .returning('code')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) throw new ConflictError(`政策版本编号 ${version.code} 已存在`, { versionCode: version.code });
      await recordAudit(manager, SCHEMA, caller.identity, { operation: 'policy.createVersion', targetType: 'PolicyVersion', targetId: version.code, changes: { created: version }, requestId: caller.requestId });
      await announce(manager, version);
      return version;
    });
  }

  /**
   * Sets the last day in force. Only shortens: a later end could overlap a successor, and an end
   * before today would rewrite which rules applied to days already past.
   */
  async end(caller: Caller, code: string, effectiveTo: string): Promise<PolicyVersion> {
    authorize(caller.identity, 'policy.manage');
    return this.dataSource.transaction(async (manager) => {
      const current = isPolicyVersionCode(code) ? await manager.getRepository(PolicyVersionEntity).findOneBy({ code }) : null;
      if (!current) throw new NotFoundError('政策版本不存在', { versionCode: code });
      if (effectiveTo < caller.today) throw new BadUserInputError('effectiveTo', '失效日期不能早于今天', { today: caller.today });
      if (effectiveTo < current.effectiveFrom) throw new BadUserInputError('effectiveTo', '失效日期不能早于生效日期', { effectiveFrom: current.effectiveFrom });
      if (current.effectiveTo !== null && effectiveTo > current.effectiveTo) throw new BadUserInputError('effectiveTo', `该版本已定于 ${current.effectiveTo} 失效，不能延后`, { currentEffectiveTo: current.effectiveTo });
      const changed = await guardedUpdate(
        manager,
        `UPDATE "${SCHEMA}"."policy_version" SET "effective_to" = $2 WHERE "code" = $1 AND "effective_to" IS NOT DISTINCT FROM $3::date`,
        [code, effectiveTo, current.effectiveTo],
      );
      if (changed === 0) throw new ConflictError('政策版本已被他人修改，请刷新后重试', { versionCode: code });
      await recordAudit(manager, SCHEMA, caller.identity, { operation: 'policy.endVersion', targetType: 'PolicyVersion', targetId: code, changes: { effectiveTo: [current.effectiveTo, effectiveTo] }, requestId: caller.requestId });
      const ended = toPolicyVersion({ ...current, effectiveTo });
      await announce(manager, ended);
      return ended;
    });
  }
}
