import { randomUUID } from 'node:crypto';
import { type Identity, SYSTEM_IDENTITY } from '@cz/auth';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signInternalIdentity } from '@cz/identity-tokens';

export class SubgraphCallError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
    this.name = 'SubgraphCallError';
  }
}

/**
 * Calls one subgraph directly, as the gateway would, with a signed identity (by default the
 * scheduled jobs' SYSTEM identity). Returns `data`, or throws with the errors' messages and codes.
 */
/** How long a call may take before it is aborted (the request itself, not only the wait). */
export const CALL_TIMEOUT_MS = 30_000;

export async function callSubgraph<T>(url: string, signingKey: string, query: string, variables: Record<string, unknown> = {}, identity: Identity = SYSTEM_IDENTITY, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
  const requestId = randomUUID();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signInternalIdentity(identity, requestId, signingKey), [REQUEST_ID_HEADER]: requestId },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) {
    throw new SubgraphCallError(`${url}: ${body.errors.map((error) => error.message).join('; ')} (request ${requestId})`, body.errors.map((error) => error.extensions?.code ?? 'UNKNOWN'));
  }
  if (!response.ok || body.data === undefined) throw new SubgraphCallError(`${url} answered ${response.status} (request ${requestId})`, []);
  return body.data;
}
