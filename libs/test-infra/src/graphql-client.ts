import type { Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { IDENTITY_HEADER, signInternalIdentity } from '@cz/identity-tokens';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** POSTs a GraphQL operation over real HTTP. */
export async function postGraphQL<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** Calls a subgraph directly as the gateway would, with a signed identity. */
export async function asGateway<T = Record<string, unknown>>(url: string, identity: Identity, query: string, variables: Record<string, unknown> = {}, key: string = LOCAL_DEFAULTS.internalIdentityKey): Promise<GraphQLResponse<T>> {
  const token = await signInternalIdentity(identity, `test-${Date.now()}`, key);
  return postGraphQL<T>(url, query, variables, { [IDENTITY_HEADER]: token });
}

/** The `extensions.code` of the first error, for concise assertions. */
export function errorCode(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.code;
}
