import type { ServiceName } from '@cz/queue-contracts';
import { callSubgraph } from '@cz/subgraph-client';

/** A subgraph the worker calls. */
export interface ServiceEndpoint {
  service: ServiceName;
  url: string;
}

/** `callSubgraph` as SYSTEM (aborted after CALL_TIMEOUT_MS, so a service that never answers cannot hold the job), with the cause of a network failure (ECONNREFUSED…) in the message. */
export async function callService<T>(endpoint: ServiceEndpoint, signingKey: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  try {
    return await callSubgraph<T>(endpoint.url, signingKey, query, variables);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause) throw new Error(`${endpoint.service} (${endpoint.url}): ${(error as Error).message}: ${cause.code ?? cause.message}`, { cause: error });
    throw error;
  }
}
