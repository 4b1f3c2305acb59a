import { AsyncLocalStorage } from 'node:async_hooks';
import { type AfterQueryEvent, type EntitySubscriberInterface, EventSubscriber, type Logger as TypeOrmLogger } from 'typeorm';

/** Per-request counters; the subgraph kit opens one per GraphQL request. */
export interface RequestStats {
  sqlStatements: number;
  /** INSERT / UPDATE / DELETE statements that changed at least one row, audit rows aside (the audit check of mutations). */
  writeStatements?: number;
  /** Audit rows inserted. */
  auditInserts?: number;
}

const AUDIT_INSERT = /^\s*INSERT\s+INTO\s+"[^"]+"\."audit_log"/i;
const WRITE_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** The counters of the request being served, if any. */
export function currentRequestStats(): RequestStats | undefined {
  return requestStats.getStore();
}

const requestStats = new AsyncLocalStorage<RequestStats>();

/** Process-wide totals, exported on /metrics so operators (and the batching test) can see them. */
export const statementTotals = { inRequests: 0, all: 0 };

export function withRequestStats<T>(stats: RequestStats, fn: () => T): T {
  return requestStats.run(stats, fn);
}

/**
 * Counts every statement TypeORM sends. Statements issued while serving a GraphQL request are
 * counted separately, so the number per request can be watched as lists grow (N+1 detection).
 */
export class StatementCountingLogger implements TypeOrmLogger {
  constructor(private readonly onError?: (message: string) => void) {}

  logQuery(): void {
    statementTotals.all += 1;
    const stats = requestStats.getStore();
    if (stats) {
      stats.sqlStatements += 1;
      statementTotals.inRequests += 1;
    }
  }

  logQueryError(error: string | Error): void {
    // The SQL text and parameters may hold personal data: log only the database's message.
    this.onError?.(typeof error === 'string' ? error : error.message);
  }

  logQuerySlow(): void {
    // Slow statements are PostgreSQL's to report (log_min_duration_statement), with their plans.
  }
  logSchemaBuild(): void {
    // Schemas are built by migrations only, which report what they applied.
  }
  logMigration(): void {
    // Reported by `migrate` as a list of applied migration names.
  }
  log(): void {
    // TypeORM's informational chatter is not worth a log line.
  }
}

/**
 * Counts, per request, the statements that changed rows (from the database's own answer: command
 * and row count, so a guarded UPDATE that matched nothing or an INSERT … ON CONFLICT DO NOTHING
 * that inserted nothing is no write), and the audit rows inserted.
 */
@EventSubscriber()
export class WriteCountingSubscriber implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    const stats = requestStats.getStore();
    const result = event.rawResults as { command?: string; rowCount?: number | null } | undefined;
    if (!stats || !event.success || !result?.command || !WRITE_COMMANDS.has(result.command) || !result.rowCount) return;
    if (AUDIT_INSERT.test(event.query)) stats.auditInserts = (stats.auditInserts ?? 0) + 1;
    else stats.writeStatements = (stats.writeStatements ?? 0) + 1;
  }
}
