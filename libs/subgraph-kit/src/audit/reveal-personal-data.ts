import { authorize, type Operation, revealReason, type Target } from '@cz/auth';
import { withAccessLog } from '@cz/db';
import type { EntityManager } from 'typeorm';
import type { LoaderContext } from '../define-subgraph';

export interface RevealRequest<T> {
  /** The service's schema, whose audit_log is the access log. */
  schema: string;
  /** A `*.contact.reveal` operation of the access policy. */
  operation: Operation;
  /** Jurisdiction of the record, for OWN_COUNTY / OWN_PARK scopes; absent when the rule is ALL-only. */
  target?: Target;
  targetType: string;
  targetId: string;
  /** The user's stated purpose (validated: required, 4–200 characters). */
  reason: string;
  /** Names of the fields shown whole; their values never enter the log. */
  fields: readonly string[];
  /** Reads the unmasked values in the access log's transaction. */
  read: (manager: EntityManager) => Promise<T>;
}

/**
 * The one way personal data leaves a service unmasked (Art 17, PIPL): an entitled user asks for it
 * explicitly, with a reason, and gets it only together with a committed access-log row (operation,
 * target, reason, fields — never the values). Everything else reads masked values.
 */
export async function revealPersonalData<T>(context: Pick<LoaderContext<unknown>, 'identity' | 'requestId' | 'dataSource'>, request: RevealRequest<T>): Promise<T> {
  authorize(context.identity, request.operation, request.target);
  const reason = revealReason(request.reason);
  return withAccessLog(
    context.dataSource,
    request.schema,
    context.identity,
    { operation: request.operation, targetType: request.targetType, targetId: request.targetId, changes: { reason, fields: request.fields }, requestId: context.requestId },
    request.read,
  );
}
