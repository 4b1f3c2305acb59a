import type { DeadlineOutcome } from '@cz/queue-contracts';
import type { WorkerConfig } from '../config';
import { callService, type ServiceEndpoint } from '../service-call';

/**
 * A service that owns deadlines. Each speaks the same contract (list the open deadlines, run one,
 * and for a fan-out run it for one recipient), under names of its own: two subgraphs of one
 * supergraph cannot both define `DeadlineKind` with different values.
 */
export interface DeadlineSource extends ServiceEndpoint {
  operations: {
    /** The enum type of the service's deadline kinds. */
    kindType: string;
    /** Query field: every open deadline, `{ kind targetId dueAt }`. */
    pending: string;
    /** Mutation field `(kind, targetId)`: runs one deadline. */
    run: string;
    /** Mutation field `(kind, targetId, recipientId)`: serves one recipient of a fan-out; absent where nothing fans out. */
    runFor?: string;
  };
}

export function deadlineSources(config: Pick<WorkerConfig, 'APPLICATIONS_URL' | 'ASSESSMENT_URL'>): DeadlineSource[] {
  return [
    { service: 'applications', url: config.APPLICATIONS_URL, operations: { kindType: 'DeadlineKind', pending: 'pendingDeadlines', run: 'runDeadline' } },
    {
      service: 'assessment',
      url: config.ASSESSMENT_URL,
      operations: { kindType: 'AssessmentDeadlineKind', pending: 'pendingAssessmentDeadlines', run: 'runAssessmentDeadline', runFor: 'runAssessmentDeadlineFor' },
    },
  ];
}

export interface PendingDeadline {
  kind: string;
  targetId: string;
  dueAt: string;
}

export interface DeadlineRun {
  outcome: DeadlineOutcome;
  detail: string | null;
  /** With PENDING_RECIPIENTS: who is still to be served. */
  recipients?: string[];
}

export async function pendingDeadlinesOf(source: DeadlineSource, signingKey: string): Promise<PendingDeadline[]> {
  const field = source.operations.pending;
  const data = await callService<Record<string, PendingDeadline[]>>(source, signingKey, `query { ${field} { kind targetId dueAt } }`);
  return data[field];
}

export async function runDeadlineAt(source: DeadlineSource, signingKey: string, kind: string, targetId: string): Promise<DeadlineRun> {
  const { kindType, run, runFor } = source.operations;
  // Only a source that fans out has the recipients field.
  const fields = runFor ? 'outcome detail recipients' : 'outcome detail';
  const data = await callService<Record<string, DeadlineRun>>(source, signingKey, `mutation($kind: ${kindType}!, $targetId: ID!) { ${run}(kind: $kind, targetId: $targetId) { ${fields} } }`, { kind, targetId });
  return data[run];
}

export async function runDeadlineFor(source: DeadlineSource, signingKey: string, kind: string, targetId: string, recipientId: string): Promise<DeadlineRun> {
  const { kindType, runFor } = source.operations;
  if (!runFor) throw new Error(`${source.service} serves no deadline recipients`);
  const data = await callService<Record<string, DeadlineRun>>(
    source,
    signingKey,
    `mutation($kind: ${kindType}!, $targetId: ID!, $recipientId: ID!) { ${runFor}(kind: $kind, targetId: $targetId, recipientId: $recipientId) { outcome detail } }`,
    { kind, targetId, recipientId },
  );
  return data[runFor];
}
