import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Identity } from '@cz/auth';
import { createInternalIdentityVerifier, IDENTITY_HEADER } from '@cz/identity-tokens';
import type { Clock } from '@cz/runtime';

/**
 * For the worker's own tests only: a GraphQL endpoint speaking the deadline contract of a
 * deadline-owning service (pendingDeadlines, runDeadline), so the worker is tested over real HTTP
 * without importing another app. It verifies the identity header of every call as a subgraph
 * does, and records what it was asked. The end-to-end test runs the real applications service.
 */
export interface StubDeadline {
  kind: string;
  targetId: string;
  dueAt: Date;
}

export interface RecordedCall {
  operation: 'pendingDeadlines' | 'runDeadline';
  identity: Identity;
  variables: Record<string, unknown>;
}

export class StubDeadlineService {
  readonly calls: RecordedCall[] = [];
  /** Calls whose identity header did not verify; a correct worker leaves this empty. */
  readonly rejected: string[] = [];
  /** Target ids whose deadline an open objection holds. */
  readonly blocked = new Set<string>();
  /** Target ids whose next runDeadline answers with an error, as a service in trouble would. */
  readonly failNext = new Set<string>();
  private readonly deadlines = new Map<string, StubDeadline>();

  private readonly server: Server;
  private readonly verify: ReturnType<typeof createInternalIdentityVerifier>;
  url = '';

  private constructor(
    identityKeys: string[],
    private readonly clock: Clock,
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
  static async start(identityKeys: string[], clock: Clock): Promise<StubDeadlineService> {
    const stub = new StubDeadlineService(identityKeys, clock);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    stub.url = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/graphql`;
    return stub;
  }

  /** Opens a deadline, or moves it when it is already open. */
  open(deadline: StubDeadline): void {
    this.deadlines.set(`${deadline.kind}|${deadline.targetId}`, deadline);
  }

  runsOf(targetId: string): RecordedCall[] {
    return this.calls.filter((call) => call.operation === 'runDeadline' && call.variables.targetId === targetId);
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
    // The service allows 'deadline.run' to SYSTEM only.
    if (identity.role !== 'SYSTEM') throw Object.assign(new Error('无权操作'), { code: 'FORBIDDEN' });
    const operation = query.includes('runDeadline') ? 'runDeadline' : 'pendingDeadlines';
    this.calls.push({ operation, identity, variables });
    if (operation === 'pendingDeadlines') {
      return { data: { pendingDeadlines: [...this.deadlines.values()].map((d) => ({ kind: d.kind, targetId: d.targetId, dueAt: d.dueAt.toISOString() })) } };
    }
    return { data: { runDeadline: this.run(String(variables.kind), String(variables.targetId), this.clock()) } };
  }

  /** The contract's semantics: idempotent, NOT_DUE before the stored due time, BLOCKED while held. */
  private run(kind: string, targetId: string, now: Date): { outcome: string; detail: string | null } {
    if (this.failNext.delete(targetId)) throw new Error('database unavailable');
    const deadline = this.deadlines.get(`${kind}|${targetId}`);
    if (!deadline) return { outcome: 'ALREADY_DONE', detail: null };
    if (now < deadline.dueAt) return { outcome: 'NOT_DUE', detail: `due at ${deadline.dueAt.toISOString()}` };
    if (this.blocked.has(targetId)) return { outcome: 'BLOCKED', detail: 'an objection is open' };
    this.deadlines.delete(`${kind}|${targetId}`);
    return { outcome: 'DONE', detail: null };
  }
}
