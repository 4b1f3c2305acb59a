import { auditLogExportModule } from '@cz/exports';
import { auditLogModule } from '@cz/subgraph-kit';

/** The notifications service's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [auditLogModule('notifications'), auditLogExportModule('notifications', 'notifications')];
