import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** Per-request counters; the subgraph kit opens one per GraphQL request. */
export interface RequestStats {
  sqlStatements: number;
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
