import { shanghaiDate } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { ConflictError } from '@cz/errors';
import { authorizeForPark } from '@cz/park-refs';
import { QueryFailedError } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { EnterpriseSubsidyEntity } from './enterprise-subsidy.entity';
import { type EnterpriseSubsidyInput, validateSubsidyInput } from './enterprise-subsidy-input.rules';
import { subsidiesQuery } from './enterprise-subsidy-references';

const BUSINESS_KEY = 'enterprise_subsidy_business_key_idx';

function isDuplicate(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === BUSINESS_KEY;
}

/** 登记 (Art 12): a reference with status APPLIED and its audit row, in one transaction; the amount is as reported. */
export async function recordEnterpriseSubsidy(context: Context, parkId: string, input: EnterpriseSubsidyInput): Promise<EnterpriseSubsidyEntity> {
  await authorizeForPark(context.identity, 'funding.references.manage', parkId, context.loaders.parkRefs);
  const valid = validateSubsidyInput(input, shanghaiDate(context.now()));
  let id: string;
  try {
    id = await context.dataSource.transaction(async (manager) => {
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO "${SCHEMA}"."enterprise_subsidy_reference"
           ("park_id", "enterprise_name", "enterprise_credit_code", "policy_name", "subsidy_kind", "amount_fen", "applied_on", "note", "recorded_by")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "id"`,
        [parkId, valid.enterpriseName, valid.enterpriseCreditCode, valid.policyName, valid.kind, valid.amountFen.toString(), valid.appliedOn, valid.note, context.identity.subject],
      );
      await recordAudit(manager, SCHEMA, context.identity, {
        operation: 'funding.references.manage',
        targetType: 'EnterpriseSubsidyReference',
        targetId: row.id,
        changes: { parkId, ...valid, amountFen: valid.amountFen.toString(), status: 'APPLIED' },
        requestId: context.requestId,
      });
      return row.id;
    });
  } catch (error) {
    if (isDuplicate(error)) {
      throw new ConflictError('该企业在同一日期按同一政策申报的同类补贴已登记', { enterpriseCreditCode: valid.enterpriseCreditCode, policyName: valid.policyName, appliedOn: valid.appliedOn });
    }
    throw error;
  }
  return subsidiesQuery(context.dataSource).where('subsidy.id = :id', { id }).getOneOrFail();
}
