import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequestStats } from '@cz/db';
import type { SubgraphContext } from '../subgraph-server';

/**
 * The audit invariant, checked on every request: a mutation that wrote to the database wrote an
 * audit row too (recordAudit in its transaction). The statement counter of the request tells
 * writes from audit inserts; a mutation that wrote without auditing is reported (logged as an
 * error, and handed to `onUnaudited`, which the test harness turns into a failing suite), so a new
 * mutation that forgets its audit row is caught by whichever test first runs it.
 */
export function mutationAuditCheck<C extends SubgraphContext>(onUnaudited: (fields: string[]) => void): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response, contextValue }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          const stats = currentRequestStats();
          if (!stats || !stats.writeStatements || stats.auditInserts) return;
          const { data, errors } = response.body.singleResult;
          const failed = new Set((errors ?? []).map((error) => error.path?.[0]));
          const succeeded = Object.keys(data ?? {}).filter((key) => !failed.has(key) && data?.[key] !== null);
          if (succeeded.length === 0) return;
          const fields = succeeded.map((key) => `Mutation.${key}`);
          contextValue.logger.error({ requestId: contextValue.requestId, fields, writes: stats.writeStatements }, 'a mutation changed data without an audit row');
          onUnaudited(fields);
        },
      };
    },
  };
}
