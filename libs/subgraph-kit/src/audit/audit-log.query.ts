import { AUDIT_OUTCOMES, type AuditOutcome, AuditLogEntity } from '@cz/db';
import { BadUserInputError } from '@cz/errors';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { type Connection, type ConnectionArgs, paginate } from '../pagination';

/** AuditFilter as GraphQL hands it over (DateTime already parsed). */
export interface AuditFilterInput {
  from?: Date | string | null;
  to?: Date | string | null;
  actor?: string | null;
  operation?: string | null;
  outcome?: AuditOutcome | null;
  targetType?: string | null;
  targetId?: string | null;
}

/** Column and widest value of each text condition (a longer value cannot match any row). */
const TEXT_CONDITIONS = { actor: ['actor', 100], operation: ['operation', 100], targetType: ['target_type', 50], targetId: ['target_id', 64] } as const;

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** Refuses a filter that cannot be meant: an empty period, an unknown outcome, values longer than their column. */
export function checkAuditFilter(filter: AuditFilterInput | null | undefined): void {
  if (!filter) return;
  const from = filter.from ? asDate(filter.from) : undefined;
  const to = filter.to ? asDate(filter.to) : undefined;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) throw new BadUserInputError(from && Number.isNaN(from.getTime()) ? 'filter.from' : 'filter.to', '时间格式必须是 ISO 8601');
  if (from && to && from >= to) throw new BadUserInputError('filter.to', '截止时间必须晚于起始时间');
  for (const [key, [, width]] of Object.entries(TEXT_CONDITIONS) as Array<[keyof typeof TEXT_CONDITIONS, readonly [string, number]]>) {
    const value = filter[key];
    if (typeof value === 'string' && value.length > width) throw new BadUserInputError(`filter.${key}`, `查询条件过长（最多 ${width} 个字符）`, { max: width });
  }
  if (filter.outcome && !(AUDIT_OUTCOMES as readonly string[]).includes(filter.outcome)) throw new BadUserInputError('filter.outcome', '审计结果只能是 SUCCEEDED 或 DENIED');
}

/** Checks a filter and turns it into WHERE conditions on the `audit` alias. */
export function applyAuditFilter(query: SelectQueryBuilder<AuditLogEntity>, filter: AuditFilterInput | null | undefined): SelectQueryBuilder<AuditLogEntity> {
  checkAuditFilter(filter);
  if (!filter) return query;
  if (filter.from) query.andWhere('audit.occurred_at >= :from', { from: asDate(filter.from) });
  if (filter.to) query.andWhere('audit.occurred_at < :to', { to: asDate(filter.to) });
  for (const [key, [column]] of Object.entries(TEXT_CONDITIONS) as Array<[keyof typeof TEXT_CONDITIONS, readonly [string, number]]>) {
    const value = filter[key];
    if (value) query.andWhere(`audit.${column} = :${key}`, { [key]: value });
  }
  if (filter.outcome) query.andWhere('audit.outcome = :outcome', { outcome: filter.outcome });
  return query;
}

export function auditLogQuery(dataSource: DataSource, filter: AuditFilterInput | null | undefined): SelectQueryBuilder<AuditLogEntity> {
  return applyAuditFilter(dataSource.getRepository(AuditLogEntity).createQueryBuilder('audit'), filter);
}

/** One page of a service's audit log, newest first (keyset on occurred_at, id). */
export function auditLogPage(dataSource: DataSource, filter: AuditFilterInput | null | undefined, args: ConnectionArgs): Promise<Connection<AuditLogEntity>> {
  return paginate(auditLogQuery(dataSource, filter), args, { column: 'audit.occurred_at', idColumn: 'audit.id', direction: 'DESC', idOf: (row) => String(row.id) });
}
