import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Identity } from '@cz/auth';
import { createInternalIdentityVerifier, IDENTITY_HEADER } from '@cz/identity-tokens';
import type { Clock } from '@cz/runtime';

/**
 * For the worker's own tests only: a GraphQL endpoint speaking the deadline contract of a
 * deadline-owning service (pending, run, and for fan-outs run-for-one-recipient, under the names
 * the service gives them), and the assessment service's cycle opening, so the worker is tested
 * over real HTTP without importing another app. It verifies the identity header of every call as
 * a subgraph does, and records what it was asked. The end-to-end tests run the real services.
 */
export interface StubDeadline {
  kind: string;
  targetId: string;
  dueAt: Date;
  /** A fan-out deadline: these recipients are each to be served once before it is DONE. */
  recipients?: string[];
}

export interface RecordedCall {
  /** The operation's field name, e.g. runDeadline or runAssessmentDeadlineFor. */
  operation: string;
  identity: Identity;
  variables: Record<string, unknown>;
}

/** The field names of a service's deadline contract. */
export interface StubOperations {
  pending: string;
  run: string;
  runFor?: string;
}

export const APPLICATIONS_OPERATIONS: StubOperations = { pending: 'pendingDeadlines', run: 'runDeadline' };
export const ASSESSMENT_OPERATIONS: StubOperations = { pending: 'pendingAssessmentDeadlines', run: 'runAssessmentDeadline', runFor: 'runAssessmentDeadlineFor' };
const OPEN_DUE_CYCLE = 'openDueAssessmentCycle';

export class StubDeadlineService {
  readonly calls: RecordedCall[] = [];
  /** When each call of `calls` arrived (epoch ms). */
  readonly callTimes: number[] = [];
  /** Calls whose identity header did not verify; a correct worker leaves this empty. */
  readonly rejected: string[] = [];
  /** Target ids whose deadline an open objection holds. */
  readonly blocked = new Set<string>();
  /** Target ids whose next runDeadline answers with an error, as a service in trouble would. */
  readonly failNext = new Set<string>();
  /** Recipient ids whose next run-for answers with an error. */
  readonly failNextFor = new Set<string>();
  /** Every recipient served, in order, as `<targetId>/<recipientId>`; a recipient served twice appears twice. */
  readonly served: string[] = [];
  /** What openDueAssessmentCycle answers. */
  cycleOpening: { outcome: string; detail: string | null; cycle: { id: string; year: number } | null } = { outcome: 'NOT_DUE', detail: null, cycle: null };
  private readonly deadlines = new Map<string, StubDeadline>();

  private readonly server: Server;
  private readonly verify: ReturnType<typeof createInternalIdentityVerifier>;
  url = '';

  private constructor(
    identityKeys: string[],
    private readonly clock: Clock,
    private readonly operations: StubOperations,
  ) {
    this.verify = createInternalIdentityVerifier(identityKeys);
    this.server = createServer((req, res) => {
      const reply = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      this.answer(req)
        .then(reply)
        .catch((error: Error & { code?: string }) => reply({ errors: [{ message: error.message, extensions: { code: error.code ?? 'INTERNAL_SERVER_ERROR' } }] }));
    });
  }

  /** Listens on a free port; `identityKeys` are the keys a subgraph would accept, `clock` its now. */
  static async start(identityKeys: string[], clock: Clock, operations: StubOperations = APPLICATIONS_OPERATIONS): Promise<StubDeadlineService> {
    const stub = new StubDeadlineService(identityKeys, clock, operations);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    stub.url = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/graphql`;
    return stub;
  }

  /** Opens a deadline, or moves it when it is already open. */
  open(deadline: StubDeadline): void {
    this.deadlines.set(`${deadline.kind}|${deadline.targetId}`, deadline);
  }

  runsOf(targetId: string): RecordedCall[] {
    return this.calls.filter((call) => call.operation === this.operations.run && call.variables.targetId === targetId);
  }

  runsForOf(targetId: string): RecordedCall[] {
    return this.calls.filter((call) => call.operation === this.operations.runFor && call.variables.targetId === targetId);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async answer(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { query, variables = {} } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
    let identity: Identity;
    try {
      identity = (await this.verify(String(req.headers[IDENTITY_HEADER] ?? ''))).identity;
    } catch (error) {
      this.rejected.push((error as Error).message);
      throw Object.assign(new Error('未认证'), { code: 'UNAUTHENTICATED' });
    }
    // The service allows 'deadline.run' (and the cycle opening) to SYSTEM only.
    if (identity.role !== 'SYSTEM') throw Object.assign(new Error('无权操作'), { code: 'FORBIDDEN' });
    const { pending, run, runFor } = this.operations;
    // Longest name first: runAssessmentDeadlineFor contains runAssessmentDeadline.
    const operation = [OPEN_DUE_CYCLE, ...(runFor ? [runFor] : []), run].find((name) => query.includes(`${name}(`) || query.includes(`${name} {`)) ?? pending;
    this.calls.push({ operation, identity, variables });
    this.callTimes.push(Date.now());
    if (operation === OPEN_DUE_CYCLE) return { data: { [operation]: this.cycleOpening } };
    if (operation === pending) {
      return { data: { [pending]: [...this.deadlines.values()].map((d) => ({ kind: d.kind, targetId: d.targetId, dueAt: d.dueAt.toISOString() })) } };
    }
    if (operation === runFor) return { data: { [runFor]: this.runFor(String(variables.kind), String(variables.targetId), String(variables.recipientId), this.clock()) } };
    return { data: { [run]: this.run(String(variables.kind), String(variables.targetId), this.clock()) } };
  }

  /** The contract's semantics: idempotent, NOT_DUE before the stored due time, BLOCKED while held. */
  private run(kind: string, targetId: string, now: Date): { outcome: string; detail: string | null; recipients?: string[] } {
    if (this.failNext.delete(targetId)) throw new Error('database unavailable');
    const deadline = this.deadlines.get(`${kind}|${targetId}`);
    if (!deadline) return { outcome: 'ALREADY_DONE', detail: null, ...(this.operations.runFor ? { recipients: [] } : {}) };
    if (now < deadline.dueAt) return { outcome: 'NOT_DUE', detail: `due at ${deadline.dueAt.toISOString()}` };
    if (this.blocked.has(targetId)) return { outcome: 'BLOCKED', detail: 'an objection is open' };
    const remaining = (deadline.recipients ?? []).filter((recipient) => !this.served.includes(`${targetId}/${recipient}`));
    if (remaining.length > 0) return { outcome: 'PENDING_RECIPIENTS', detail: `${remaining.length} to serve`, recipients: remaining };
    this.deadlines.delete(`${kind}|${targetId}`);
    return { outcome: 'DONE', detail: null, ...(this.operations.runFor ? { recipients: [] } : {}) };
  }

  /** Serves one recipient once: a second call for it changes nothing. */
  private runFor(kind: string, targetId: string, recipientId: string, now: Date): { outcome: string; detail: string | null } {
    if (this.failNextFor.delete(recipientId)) throw new Error('mail relay unavailable');
    const deadline = this.deadlines.get(`${kind}|${targetId}`);
    if (!deadline || !deadline.recipients?.includes(recipientId)) return { outcome: 'ALREADY_DONE', detail: 'not a recipient' };
    if (now < deadline.dueAt) return { outcome: 'NOT_DUE', detail: null };
    if (this.served.includes(`${targetId}/${recipientId}`)) return { outcome: 'ALREADY_DONE', detail: null };
    this.served.push(`${targetId}/${recipientId}`);
    return { outcome: 'DONE', detail: null };
  }
}
