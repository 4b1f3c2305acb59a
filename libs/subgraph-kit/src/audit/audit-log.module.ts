import { authorize } from '@cz/auth';
import { AuditLogEntity } from '@cz/db';
import type { ConnectionArgs } from '../pagination';
import type { LoaderContext } from '../define-subgraph';
import type { SubgraphModule } from '../subgraph-module';
import { type AuditFilterInput, auditLogPage } from './audit-log.query';

interface AuditLogArgs extends ConnectionArgs {
  filter?: AuditFilterInput | null;
}

/**
 * The city bureau's view of one service's audit log: `<prefix>AuditLog` over the shared SDL of
 * audit-log.sdl.ts. Each subgraph registers this module with its own prefix.
 */
export function auditLogModule(prefix: string): SubgraphModule {
  return {
    entities: [AuditLogEntity],
    resolvers: {
      Query: {
        [`${prefix}AuditLog`]: (_parent: unknown, { filter, first, after }: AuditLogArgs, { identity, dataSource }: LoaderContext<unknown>) => {
          authorize(identity, 'audit.read');
          return auditLogPage(dataSource, filter, { first, after });
        },
      },
      AuditEntry: {
        changes: (row: AuditLogEntity) => JSON.stringify(row.changes),
      },
    },
  };
}
