import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_DEFAULTS } from '@cz/config';
import { IDENTITY_HEADER, INTERNAL_AUDIENCE, INTERNAL_ISSUER, keyId, signInternalIdentity } from '@cz/identity-tokens';
import { asGateway, errorCode, freePort, postGraphQL, ROOT, RunningProcess, waitFor } from '@cz/testing';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { metric, type RunningSystem, startSystem } from './support/system';
import { as, bearer, gql } from './support/tokens';

/**
 * The security guarantees of README "Security", each shown twice: refused, and next to it the
 * nearest case that is accepted, so every assertion would fail if the protection were missing
 * (or if it refused everything). The system runs with small, known limits so that "N" is visible.
 */
const LIMITS = { QUERY_MAX_DEPTH: '6', QUERY_MAX_ALIASES: '4', QUERY_MAX_TOKENS: '200', QUERY_MAX_COST: '1000', RATE_LIMIT_MUTATIONS: '3/60', RATE_LIMIT_PUBLIC: '2/60' };
/** Nothing but the tests may call a subgraph while they count its requests: the worker's schedules wait a year. */
const QUIET_WORKER = { DEADLINE_SWEEP_PATTERN: '0 0 1 1 *', ASSESSMENT_CYCLE_PATTERN: '0 0 1 1 *', HEARTBEAT_PATTERN: '0 0 1 1 *' };
const NEW_INTERNAL_KEY = 'rotated-internal-identity-key-0123456789abcdef';
const ZERO_ID = '00000000-0000-4000-8000-000000000000';

type SubgraphName = 'registry' | 'applications' | 'funding' | 'assessment' | 'notifications';
const SUBGRAPHS: SubgraphName[] = ['registry', 'applications', 'funding', 'assessment', 'notifications'];

describe('security guarantees, each refused next to the nearest accepted case', () => {
  let system: RunningSystem;
  const subgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${system.ports[name]}/graphql`;
  /** GraphQL requests the subgraphs have received, all together: the proof that a refusal happened at the gateway. */
  const subgraphRequests = async () => (await Promise.all(SUBGRAPHS.map((name) => metric(system.ports[name], 'graphql_requests_total')))).reduce((sum, value) => sum + value, 0);

  /** Starts one more app process on the test system's database and Redis, and waits for its /health. */
  async function startApp(script: string, port: number, env: NodeJS.ProcessEnv): Promise<RunningProcess> {
    const app = new RunningProcess(script, { ...system.env, ...QUIET_WORKER, ...env });
    try {
      await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok ? true : undefined), `${script} on port ${port}`, 30_000);
    } catch (error) {
      await app.stop('SIGTERM');
      throw new Error(`${(error as Error).message}\n${app.text.slice(-2000)}`);
    }
    return app;
  }
  async function startGateway(env: NodeJS.ProcessEnv): Promise<{ url: string; process: RunningProcess }> {
    const port = await freePort();
    return { url: `http://127.0.0.1:${port}/graphql`, process: await startApp('apps/gateway/src/main.ts', port, { GATEWAY_PORT: String(port), ...env }) };
  }

  beforeAll(async () => {
    // TRUST_PROXY: the tests play clients at several addresses through X-Forwarded-For from loopback.
    system = await startSystem('security', { extraEnv: { ...LIMITS, ...QUIET_WORKER, TRUST_PROXY: 'loopback' } });
  });

  afterAll(async () => {
    await system?.stop();
  });

  describe('production mode', () => {
    it('refuses introspection and field suggestions in production, and allows both in development', async () => {
      const production = await startGateway({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(48), INTERNAL_IDENTITY_KEYS: `${'q'.repeat(48)}` });
      try {
        const introspection = await postGraphQL(production.url, `{ __schema { types { name } } }`);
        expect(errorCode(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
        const typo = await postGraphQL(production.url, `{ countys { code } }`);
        expect(errorCode(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(JSON.stringify(typo)).not.toMatch(/Did you mean|counties/);
      } finally {
        await production.process.stop('SIGTERM');
      }
      const development = await postGraphQL<{ __schema: { types: unknown[] } }>(system.gatewayUrl, `{ __schema { types { name } } }`);
      expect(development.data?.__schema.types.length).toBeGreaterThan(10);
      expect((await postGraphQL(system.gatewayUrl, `{ countys { code } }`)).errors?.[0].message).toMatch(/Did you mean "counties"/);
    });
  });

  describe('query limits, before any subgraph is called', () => {
    /** Sends a document as the city bureau; returns the answer and how many requests the subgraphs saw meanwhile. */
    async function send(query: string) {
      const before = await subgraphRequests();
      const response = await gql(system.gatewayUrl, as.city, query);
      return { response, subgraphCalls: (await subgraphRequests()) - before };
    }

    function expectRefused({ response, subgraphCalls }: Awaited<ReturnType<typeof send>>, code: string) {
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe(code);
      expect(response.errors?.[0].message).toMatch(/[\u4e00-\u9fa5]/);
      expect(response.errors?.[0].extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(subgraphCalls).toBe(0);
    }

    it('answers a query 6 levels deep and refuses one 7 levels deep (QUERY_TOO_DEEP)', async () => {
      const six = await send(`{ parks(first: 1) { edges { node { applications { park { id } } } } } }`);
      expect(six.response.errors).toBeUndefined();
      expect(six.subgraphCalls).toBeGreaterThan(0);
      expectRefused(await send(`{ parks(first: 1) { edges { node { applications { park { county { code } } } } } } }`), 'QUERY_TOO_DEEP');
    });

    it('answers 4 aliases and refuses 5 (QUERY_TOO_WIDE)', async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `c${i}: counties { code }`).join(' ')} }`;
      const four = await send(aliases(4));
      expect(four.response.errors).toBeUndefined();
      expect(four.subgraphCalls).toBeGreaterThan(0);
      expectRefused(await send(aliases(5)), 'QUERY_TOO_WIDE');
    });

    it('answers a page of 50 parks and refuses a page of 100 as too costly (QUERY_TOO_COMPLEX)', async () => {
      const page = (first: number) => `{ parks(first: ${first}) { edges { node { id name } } } }`;
      const fifty = await send(page(50));
      expect(fifty.response.errors).toBeUndefined();
      expect(fifty.subgraphCalls).toBeGreaterThan(0);
      expectRefused(await send(page(100)), 'QUERY_TOO_COMPLEX');
    });

    it('answers a document of 200 tokens and refuses one of 201 (QUERY_TOO_LARGE)', async () => {
      // `{ counties {` and `} }` are 5 tokens; a repeated field is one token each.
      const tokens = (n: number) => `{ counties { ${'code '.repeat(n - 5)}} }`;
      const atLimit = await send(tokens(200));
      expect(atLimit.response.errors).toBeUndefined();
      expectRefused(await send(tokens(201)), 'QUERY_TOO_LARGE');
    });

    it('keeps CSRF prevention on: a GET without a preflight header is refused, with one it is answered', async () => {
      const url = `${system.gatewayUrl}?query=${encodeURIComponent('{ counties { code } }')}`;
      expect((await fetch(url)).status).toBe(400);
      expect((await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(200);
    });

    it('refuses a request body over BODY_LIMIT (100 kB) and answers one just under it', async () => {
      expect((await postGraphQL(system.gatewayUrl, `{ counties { code } }`, { padding: 'x'.repeat(200_000) })).status).toBe(413);
      expect((await postGraphQL(system.gatewayUrl, `{ counties { code } }`, { padding: 'x'.repeat(90_000) })).status).toBe(200);
    });
  });

  describe('rate limits, shared through Redis', () => {
    const refuseObjection = `mutation { resolveObjection(objectionId: "${ZERO_ID}", decision: DISMISSED, resolution: "限流测试：不存在的异议") { id } }`;
    const fileObjection = `mutation { fileObjection(input: { publicityId: "${ZERO_ID}", applicationId: "${ZERO_ID}", contact: "e2e@example.test", reason: "限流测试：这条异议的公示并不存在" }) { id } }`;

    /** Posts as a user or the public from an address; reports whether the applications subgraph was asked. */
    async function attempt(query: string, headers: Record<string, string>) {
      const before = await metric(system.ports.applications, 'graphql_requests_total');
      const response = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
      return { status: response.status, retryAfter: response.headers.get('retry-after'), error: body.errors?.[0], forwarded: (await metric(system.ports.applications, 'graphql_requests_total')) - before };
    }

    it('forwards 3 mutations of one person in a minute and refuses the 4th with 429, RATE_LIMITED and Retry-After; another person is not affected', async () => {
      const officer = await bearer({ subject: 'e2e-rate-officer', role: 'CITY_BUREAU' });
      for (let i = 0; i < 3; i += 1) {
        const allowed = await attempt(refuseObjection, officer);
        expect(allowed.forwarded).toBe(1);
        expect(allowed.error?.extensions.code).not.toBe('RATE_LIMITED');
      }
      const refused = await attempt(refuseObjection, officer);
      expect(refused).toMatchObject({ status: 429, forwarded: 0, error: { extensions: { code: 'RATE_LIMITED' } } });
      expect(refused.error?.message).toMatch(/操作过于频繁/);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
      expect(refused.error?.extensions.retryAfterSeconds).toBe(Number(refused.retryAfter));
      // Queries are not mutations: the same person still reads.
      expect((await postGraphQL(system.gatewayUrl, `{ counties { code } }`, {}, officer)).status).toBe(200);
      expect((await attempt(refuseObjection, await bearer({ subject: 'e2e-rate-colleague', role: 'CITY_BUREAU' }))).forwarded).toBe(1);
    });

    it('forwards 2 anonymous objections from one address and refuses the 3rd; another address is not affected', async () => {
      const from = (address: string) => ({ 'x-forwarded-for': address });
      for (let i = 0; i < 2; i += 1) expect((await attempt(fileObjection, from('203.0.113.5'))).forwarded).toBe(1);
      const refused = await attempt(fileObjection, from('203.0.113.5'));
      expect(refused).toMatchObject({ status: 429, forwarded: 0, error: { extensions: { code: 'RATE_LIMITED' } } });
      expect((await attempt(fileObjection, from('203.0.113.6'))).forwarded).toBe(1);
    });
  });

  describe('persisted-operation allow-list (OPERATION_ALLOWLIST=enforce)', () => {
    it('executes an operation the frontends registered, by id or as text, and refuses anything else before any subgraph is called', async () => {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'apps', 'gateway', 'persisted-operations.json'), 'utf8')) as Record<string, string>;
      // An operation that needs no variables, so that it runs as it is.
      const registered = Object.entries(manifest).find(([, document]) => !/\$\w+\s*:\s*[\w[\]]+!/.test(document));
      expect(registered).toBeDefined();
      const [id, document] = registered!;
      const enforcing = await startGateway({ OPERATION_ALLOWLIST: 'enforce' });
      try {
        const officer = await bearer(as.city);
        const byId = await fetch(enforcing.url, { method: 'POST', headers: { 'content-type': 'application/json', ...officer }, body: JSON.stringify({ documentId: `sha256:${id}` }) });
        expect(byId.status).toBe(200);
        expect(((await byId.json()) as { errors?: unknown }).errors).toBeUndefined();
        expect((await postGraphQL(enforcing.url, document, {}, officer)).errors).toBeUndefined();

        const before = await subgraphRequests();
        const unregistered = await postGraphQL(enforcing.url, `{ counties { code name } }`, {}, officer);
        expect(unregistered.status).toBe(403);
        expect(errorCode(unregistered)).toBe('OPERATION_NOT_ALLOWED');
        expect(await subgraphRequests()).toBe(before);
        // The gateway in front of everyone else runs the default (off): the same query is answered there.
        expect((await postGraphQL(system.gatewayUrl, `{ counties { code name } }`, {}, officer)).errors).toBeUndefined();
      } finally {
        await enforcing.process.stop('SIGTERM');
      }
    });
  });

  describe('identity: user tokens at the gateway, gateway-signed identity at the subgraphs', () => {
    it('serves public reference data without a token, and nothing else', async () => {
      const counties = await gql<{ counties: Array<{ name: string }> }>(system.gatewayUrl, null, `{ counties { code name } }`);
      expect(counties.data?.counties.map((county) => county.name)).toEqual(expect.arrayContaining(['潞州区', '沁源县', '长治高新区']));
      const parks = await gql(system.gatewayUrl, null, `{ parks { totalCount } }`);
      expect(errorCode(parks)).toBe('UNAUTHENTICATED');
      expect(parks.data).toBeNull();
    });

    it('answers a valid token, and refuses forged, expired and malformed ones with 401 before any subgraph is asked', async () => {
      const valid = await postGraphQL(system.gatewayUrl, `{ parks { totalCount } }`, {}, await bearer(as.city));
      expect(valid.errors).toBeUndefined();
      const before = await subgraphRequests();
      const forged = await postGraphQL(system.gatewayUrl, `{ parks { totalCount } }`, {}, await bearer(as.city, 'an-attacker-secret-that-is-long-enough-0123456789'));
      const expired = await postGraphQL(system.gatewayUrl, `{ parks { totalCount } }`, {}, await bearer(as.city, LOCAL_DEFAULTS.jwtSecret, Math.floor(Date.now() / 1000) - 60));
      const garbage = await postGraphQL(system.gatewayUrl, `{ parks { totalCount } }`, {}, { authorization: 'Bearer not.a.jwt' });
      for (const response of [forged, expired, garbage]) {
        expect(response.status).toBe(401);
        expect(errorCode(response)).toBe('UNAUTHENTICATED');
      }
      expect(await subgraphRequests()).toBe(before);
    });

    it('ignores an identity header a client sends to the gateway, though the same header would pass at the subgraph', async () => {
      const stolen = await signInternalIdentity(as.city, 'stolen', LOCAL_DEFAULTS.internalIdentityKey);
      const throughGateway = await postGraphQL(system.gatewayUrl, `{ parks { totalCount } }`, {}, { [IDENTITY_HEADER]: stolen });
      expect(errorCode(throughGateway)).toBe('UNAUTHENTICATED');
      const atSubgraph = await postGraphQL<{ parks: { totalCount: number } }>(subgraphUrl('registry'), `{ parks { totalCount } }`, {}, { [IDENTITY_HEADER]: stolen });
      expect(atSubgraph.data?.parks.totalCount).toBeGreaterThan(0);
    });

    it('refuses a direct call to any subgraph with a user token, and accepts the gateway-signed identity', async () => {
      for (const name of SUBGRAPHS) {
        const direct = await postGraphQL(subgraphUrl(name), `{ _service { sdl } }`, {}, await bearer(as.city));
        expect(direct.status).toBe(401);
        const signed = await asGateway<{ _service: { sdl: string } }>(subgraphUrl(name), as.city, `{ _service { sdl } }`);
        expect(signed.data?._service.sdl).toContain('type');
      }
    });

    it('refuses an internal identity that is expired, for another audience or issuer, or signed with an unknown key', async () => {
      const key = new TextEncoder().encode(LOCAL_DEFAULTS.internalIdentityKey);
      const token = (claims: { audience?: string; issuer?: string; expiresAt?: number; signingKey?: string } = {}) =>
        new SignJWT({ role: 'CITY_BUREAU', rid: 'e2e-internal' })
          .setProtectedHeader({ alg: 'HS256', kid: keyId(claims.signingKey ?? LOCAL_DEFAULTS.internalIdentityKey) })
          .setSubject('e2e-city')
          .setIssuer(claims.issuer ?? INTERNAL_ISSUER)
          .setAudience(claims.audience ?? INTERNAL_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime(claims.expiresAt ?? '60s')
          .sign(claims.signingKey ? new TextEncoder().encode(claims.signingKey) : key);
      const status = async (identity: string) => (await postGraphQL(subgraphUrl('registry'), `{ parks { totalCount } }`, {}, { [IDENTITY_HEADER]: identity })).status;
      expect(await status(await token())).toBe(200);
      expect(await status(await token({ expiresAt: Math.floor(Date.now() / 1000) - 5 }))).toBe(401);
      expect(await status(await token({ audience: 'another-service' }))).toBe(401);
      expect(await status(await token({ issuer: 'cz-hr-parks' }))).toBe(401);
      expect(await status(await token({ signingKey: NEW_INTERNAL_KEY }))).toBe(401);
    });

    it('rotates the internal identity key in the README’s three steps without refusing a request, and refuses the old key after', async () => {
      const OLD = LOCAL_DEFAULTS.internalIdentityKey;
      const registryPort = await freePort();
      const gatewayPort = await freePort();
      const registryUrl = `http://127.0.0.1:${registryPort}/graphql`;
      const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
      const registry = (keys: string) => startApp('apps/park-registry/src/main.ts', registryPort, { REGISTRY_PORT: String(registryPort), INTERNAL_IDENTITY_KEYS: keys });
      const gateway = (keys: string) => startApp('apps/gateway/src/main.ts', gatewayPort, { GATEWAY_PORT: String(gatewayPort), REGISTRY_URL: registryUrl, INTERNAL_IDENTITY_KEYS: keys });
      const answered = async () => (await gql<{ parks: { totalCount: number } }>(gatewayUrl, as.city, `{ parks { totalCount } }`)).data?.parks.totalCount;
      const signedWith = async (key: string) => (await asGateway(registryUrl, as.city, `{ parks { totalCount } }`, {}, key)).status;
      const running: RunningProcess[] = [];
      try {
        // Before: everything on the old key.
        running.push(await registry(OLD), await gateway(OLD));
        expect(await answered()).toBeGreaterThan(0);

        // 1. The subgraph accepts old and new; the gateway still signs with the old key.
        await running.shift()!.stop('SIGTERM');
        running.unshift(await registry(`${OLD},${NEW_INTERNAL_KEY}`));
        expect(await answered()).toBeGreaterThan(0);
        expect(await signedWith(OLD)).toBe(200);
        expect(await signedWith(NEW_INTERNAL_KEY)).toBe(200);

        // 2. The gateway signs with the new key.
        await running.pop()!.stop('SIGTERM');
        running.push(await gateway(NEW_INTERNAL_KEY));
        expect(await answered()).toBeGreaterThan(0);

        // 3. The old key is dropped: the gateway works on, a token signed with the old key is refused.
        await running.shift()!.stop('SIGTERM');
        running.unshift(await registry(NEW_INTERNAL_KEY));
        expect(await answered()).toBeGreaterThan(0);
        expect(await signedWith(NEW_INTERNAL_KEY)).toBe(200);
        expect(await signedWith(OLD)).toBe(401);
      } finally {
        for (const app of running) await app.stop('SIGTERM');
      }
    });
  });

  describe('masking: users see a code and a request id, the log has the cause under that id', () => {
    it('masks a down subgraph and logs the cause under the request id', async () => {
      const closed = await freePort();
      const gateway = await startGateway({ FUNDING_URL: `http://127.0.0.1:${closed}/graphql` });
      try {
        const query = `{ parks(first: 1) { edges { node { name fundingAwards { amount } } } } }`;
        expect((await gql(system.gatewayUrl, as.city, query)).errors).toBeUndefined();
        const response = await gql(gateway.url, as.city, query);
        const error = response.errors?.[0];
        expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(JSON.stringify(response)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${closed}|ECONNREFUSED|stack`));
        const requestId = error?.extensions?.requestId as string;
        expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
        await waitFor(async () => (gateway.process.output.some((line) => line.includes(requestId) && line.includes('ECONNREFUSED')) ? true : undefined), 'the gateway log line with the request id');
      } finally {
        await gateway.process.stop('SIGTERM');
      }
    });

    it('masks an SQL error of a subgraph and logs the SQL error under the request id', async () => {
      const query = `{ parks(first: 1) { edges { node { officialName } } } }`;
      expect((await gql(system.gatewayUrl, as.city, query)).errors).toBeUndefined();
      const db = new Client({ connectionString: system.database.url });
      await db.connect();
      try {
        // A schema that no longer matches the code: the kind of error only the log may tell.
        await db.query(`ALTER TABLE registry.park RENAME COLUMN official_name TO official_name_e2e`);
        const response = await gql(system.gatewayUrl, as.city, query);
        const error = response.errors?.[0];
        expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(error?.message).toBe('服务内部错误，请稍后重试');
        expect(JSON.stringify(response)).not.toMatch(/official_name|column|SELECT|registry\.|stack/i);
        const requestId = error?.extensions?.requestId as string;
        expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
        await waitFor(async () => (system.process.output.some((line) => line.startsWith('[park-registry]') && line.includes(requestId) && /official_name.*does not exist/.test(line)) ? true : undefined), 'the registry log line with the SQL error and the request id');
      } finally {
        await db.query(`ALTER TABLE registry.park RENAME COLUMN official_name_e2e TO official_name`);
        await db.end();
      }
      expect((await gql(system.gatewayUrl, as.city, query)).errors).toBeUndefined();
    });
  });

  describe('audit log', () => {
    it('lets the services’ own database connection append audit rows in every schema, and never update, delete or truncate them', async () => {
      const db = new Client({ connectionString: system.database.url });
      await db.connect();
      try {
        const schemas = (await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'audit_log' ORDER BY 1`)).rows.map((row) => row.table_schema as string);
        expect(schemas).toEqual(expect.arrayContaining(['applications', 'assessment', 'funding', 'notifications', 'registry']));
        for (const schema of schemas) {
          const [{ id }] = (await db.query(`INSERT INTO "${schema}".audit_log (actor, role, operation, target_type, target_id) VALUES ('e2e-audit', 'CITY_BUREAU', 'e2e.append', 'Test', 'x') RETURNING id`)).rows;
          await expect(db.query(`UPDATE "${schema}".audit_log SET actor = 'someone else' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
          await expect(db.query(`DELETE FROM "${schema}".audit_log WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
          await expect(db.query(`TRUNCATE "${schema}".audit_log`)).rejects.toThrow(/append-only/);
          expect((await db.query(`SELECT actor FROM "${schema}".audit_log WHERE id = $1`, [id])).rows).toEqual([{ actor: 'e2e-audit' }]);
        }
      } finally {
        await db.end();
      }
    });
  });
});
