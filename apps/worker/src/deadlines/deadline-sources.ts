import type { ServiceName } from '@cz/queue-contracts';
import { callSubgraph } from '@cz/subgraph-client';
import type { WorkerConfig } from '../config';

/**
 * A service that owns deadlines. Each speaks the same contract (`pendingDeadlines`, `runDeadline`
 * with its own DeadlineKind values), so another service joins by one line in `deadlineSources`.
 */
export interface DeadlineSource {
  service: ServiceName;
  url: string;
}

export function deadlineSources(config: Pick<WorkerConfig, 'APPLICATIONS_URL'>): DeadlineSource[] {
  return [{ service: 'applications', url: config.APPLICATIONS_URL }];
}

/** `callSubgraph` as SYSTEM (aborted after CALL_TIMEOUT_MS, so a service that never answers cannot hold the job), with the cause of a network failure (ECONNREFUSED…) in the message. */
export async function callDeadlineSource<T>(source: DeadlineSource, signingKey: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  try {
    return await callSubgraph<T>(source.url, signingKey, query, variables);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause) throw new Error(`${source.service} (${source.url}): ${(error as Error).message}: ${cause.code ?? cause.message}`, { cause: error });
    throw error;
  }
}
