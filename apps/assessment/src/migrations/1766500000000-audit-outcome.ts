import { auditOutcomeMigration } from '@cz/db';

/** The audit log records denied attempts too (outcome) and the client address (issue 6). */
export const AuditOutcome1766500000000 = auditOutcomeMigration('assessment');
