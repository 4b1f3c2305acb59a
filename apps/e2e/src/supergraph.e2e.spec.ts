import { LOCAL_DEFAULTS } from '@cz/config';
import { DEMO_PARKS } from '@cz/demo-data';
import { IDENTITY_HEADER, signInternalIdentity } from '@cz/identity-tokens';
import { errorCode, freePort, postGraphQL, RunningProcess, waitFor } from '@cz/testing';
import { Client } from 'pg';
import { metric, type RunningSystem, startSystem } from './support/system';
import { as, bearer, gql } from './support/tokens';

const PARKS_WITH_EVERYTHING = `query($first: Int) {
  parks(first: $first) {
    totalCount
    edges { node {
      id name officialName status contactPhone
      county { code name }
      applications { id stage year }
      fundingAwards { id kind amount amountYuan status }
      assessments { year totalScore grade }
      latestGrade
      fundBalance
    } }
  }
}`;

interface ParkNode {
  id: string;
  name: string;
  officialName: string | null;
  status: string;
  contactPhone: string;
  county: { code: string; name: string };
  applications: Array<{ id: string; stage: string; year: number }>;
  fundingAwards: Array<{ kind: string; amount: string; amountYuan: string; status: string }>;
  assessments: Array<{ year: number; totalScore: string; grade: string }>;
  latestGrade: string | null;
  fundBalance: string;
}
type ParksAnswer = { parks: { totalCount: number; edges: Array<{ node: ParkNode }> } };

describe('the supergraph, started with npm start, over HTTP', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem('e2e');
  });

  afterAll(async () => {
    await system?.stop();
  });

  describe('one query across all four subgraphs', () => {
    it('returns the seeded demo data from registry, applications, funding and assessment', async () => {
      const response = await gql<ParksAnswer>(system.gatewayUrl, as.city, PARKS_WITH_EVERYTHING, { first: 10 });
      expect(response.errors).toBeUndefined();
      const parks = new Map(response.data!.parks.edges.map(({ node }) => [node.id, node]));
      expect(parks.size).toBe(DEMO_PARKS.length);

      const luzhou = parks.get(DEMO_PARKS[0].id)!;
      expect(luzhou).toMatchObject({ officialName: '长治潞州人力资源服务产业园', status: 'RECOGNISED', county: { code: '140403', name: '潞州区' }, contactPhone: '13835501234' });
      expect(luzhou.applications).toEqual([expect.objectContaining({ stage: 'APPROVED', year: 2023 })]);
      expect(luzhou.fundingAwards).toEqual([expect.objectContaining({ kind: 'RECOGNITION_AWARD', amount: '80000000', amountYuan: '800,000.00' })]);
      expect(luzhou.assessments.map((a) => [a.year, a.totalScore, a.grade])).toEqual([
        [2025, '88.00', 'QUALIFIED'],
        [2024, '92.50', 'EXCELLENT'],
      ]);
      expect(luzhou.latestGrade).toBe('QUALIFIED');
      // Paid in full by finance, nothing spent yet: the balance is the award.
      expect(luzhou.fundBalance).toBe('80000000');

      const qinyuan = parks.get(DEMO_PARKS[3].id)!;
      expect(qinyuan).toMatchObject({ officialName: null, status: 'CANDIDATE', fundingAwards: [], assessments: [], latestGrade: null });
      expect(qinyuan.applications).toEqual([expect.objectContaining({ stage: 'DRAFT' })]);
    });

    it('confines a county officer to its county in every subgraph, and masks contacts for the data team', async () => {
      const county = await gql<ParksAnswer>(system.gatewayUrl, as.county('140403'), PARKS_WITH_EVERYTHING);
      expect(county.data?.parks.edges.map(({ node }) => node.county.code)).toEqual(['140403']);

      const data = await gql<{ parks: { edges: Array<{ node: { contactPhone: string } }> } }>(system.gatewayUrl, as.dataTeam, `{ parks(first: 10) { edges { node { contactPhone } } } }`);
      expect(data.data?.parks.edges.map(({ node }) => node.contactPhone)).toContain('138****1234');
      expect(JSON.stringify(data)).not.toContain('13835501234');
    });
  });

  describe('refusals', () => {
    it('serves public reference data to anyone, and nothing else without a token', async () => {
      const counties = await gql<{ counties: Array<{ name: string }> }>(system.gatewayUrl, null, `{ counties { code name } }`);
      expect(counties.data?.counties.map((county) => county.name)).toEqual(expect.arrayContaining(['潞州区', '沁源县', '长治高新区']));
      const parks = await gql(system.gatewayUrl, null, `{ parks { totalCount } }`);
      expect(errorCode(parks)).toBe('UNAUTHENTICATED');
      expect(parks.data).toBeNull();
    });

    it('refuses forged, expired and malformed tokens with 401 before any subgraph is asked', async () => {
      const before = await metric(system.ports.registry, 'graphql_requests_total');
      const forged = await postGraphQL(system.gatewayUrl, `{ counties { code } }`, {}, await bearer(as.city, 'an-attacker-secret-that-is-long-enough-0123456789'));
      const expired = await postGraphQL(system.gatewayUrl, `{ counties { code } }`, {}, await bearer(as.city, LOCAL_DEFAULTS.jwtSecret, Math.floor(Date.now() / 1000) - 60));
      const garbage = await postGraphQL(system.gatewayUrl, `{ counties { code } }`, {}, { authorization: 'Bearer not.a.jwt' });
      for (const response of [forged, expired, garbage]) {
        expect(response.status).toBe(401);
        expect(errorCode(response)).toBe('UNAUTHENTICATED');
      }
      expect(await metric(system.ports.registry, 'graphql_requests_total')).toBe(before);
    });

    it('ignores an identity header sent by a client, even a validly signed one', async () => {
      const stolen = await signInternalIdentity(as.city, 'r', LOCAL_DEFAULTS.internalIdentityKey);
      const response = await postGraphQL(system.gatewayUrl, `{ parks { totalCount } }`, {}, { [IDENTITY_HEADER]: stolen });
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    });

    it('refuses a direct request to a subgraph', async () => {
      for (const port of [system.ports.registry, system.ports.applications, system.ports.funding, system.ports.assessment]) {
        const response = await postGraphQL(`http://127.0.0.1:${port}/graphql`, `{ _service { sdl } }`, {}, await bearer(as.city));
        expect(response.status).toBe(401);
      }
    });
  });

  describe('domain events', () => {
    it('carries a park profile change from the registry to the other subgraphs', async () => {
      const xiangyuan = DEMO_PARKS[2];
      const applicationsOf = async (countyCode: string) =>
        (await gql<{ applications: { edges: Array<{ node: { park: { id: string } } }> } }>(system.gatewayUrl, as.county(countyCode), `{ applications(first: 50) { edges { node { park { id } } } } }`)).data?.applications.edges.map(({ node }) => node.park.id) ?? [];
      expect(await applicationsOf('140423')).toContain(xiangyuan.id);

      const moved = await gql(system.gatewayUrl, as.city, `mutation($id: ID!) { updateParkProfile(id: $id, expectedVersion: 1, input: { countyCode: "140425" }) { version county { name } } }`, { id: xiangyuan.id });
      expect(moved.data).toEqual({ updateParkProfile: { version: 2, county: { name: '平顺县' } } });

      await waitFor(async () => ((await applicationsOf('140425')).includes(xiangyuan.id) ? true : undefined), 'the applications subgraph to learn the new county');
      expect(await applicationsOf('140423')).not.toContain(xiangyuan.id);
    });
  });

  describe('batching', () => {
    it('runs as many SQL statements for 50 parks as for 5', async () => {
      const db = new Client({ connectionString: system.database.url });
      await db.connect();
      try {
        // Factories: 46 more parks in the registry and their records in every other service.
        const template = (await db.query(`SELECT * FROM registry.park WHERE id = $1`, [DEMO_PARKS[0].id])).rows[0];
        const ids: string[] = (
          await db.query(
            `INSERT INTO registry.park (name, official_name, county_code, address, status, contact_name, contact_phone, property_ownership, registered_on, construction_investment_fen, building_area_m2, management_team_size, construction_mode, services_offered)
             SELECT $1 || n, $2 || n, county_code, address, status, contact_name, contact_phone, property_ownership, registered_on, construction_investment_fen, building_area_m2, management_team_size, construction_mode, services_offered
               FROM registry.park, generate_series(1, 46) AS n WHERE id = $3 RETURNING id`,
            ['批量园区', '长治批量园区', template.id],
          )
        ).rows.map((row) => row.id);
        for (const schema of ['applications', 'funding', 'assessment']) {
          await db.query(`INSERT INTO ${schema}.park_ref (park_id, name, county_code, status, source_version) SELECT unnest($1::uuid[]), '批量园区', '140403', 'RECOGNISED', 1`, [ids]);
        }
        await db.query(`INSERT INTO applications.application (park_id, kind, stage, year, submitted_at, decided_at) SELECT unnest($1::uuid[]), 'RECOGNITION', 'APPROVED', 2024, '2024-03-01T09:00:00+08:00', '2024-06-01T09:00:00+08:00'`, [ids]);
        await db.query(`INSERT INTO funding.funding_award (park_id, kind, year, amount_fen, status) SELECT unnest($1::uuid[]), 'RECOGNITION_AWARD', 2024, 80000000, 'PAID'`, [ids]);
        await db.query(`INSERT INTO assessment.assessment (park_id, year, status, total_score, grade) SELECT unnest($1::uuid[]), 2025, 'FINAL', 75.5, 'QUALIFIED'`, [ids]);
      } finally {
        await db.end();
      }

      const subgraphPorts = [system.ports.registry, system.ports.applications, system.ports.funding, system.ports.assessment];
      const statementsFor = async (first: number) => {
        const before = await Promise.all(subgraphPorts.map((port) => metric(port, 'graphql_sql_statements_total')));
        const response = await gql<ParksAnswer>(system.gatewayUrl, as.city, PARKS_WITH_EVERYTHING, { first });
        expect(response.errors).toBeUndefined();
        expect(response.data!.parks.edges).toHaveLength(first);
        expect(response.data!.parks.edges.every(({ node }) => node.applications.length === 1)).toBe(true);
        const after = await Promise.all(subgraphPorts.map((port) => metric(port, 'graphql_sql_statements_total')));
        return after.reduce((sum, value, index) => sum + value - before[index], 0);
      };
      const five = await statementsFor(5);
      const fifty = await statementsFor(50);
      console.log(`SQL statements per request: ${five} for 5 parks, ${fifty} for 50 parks`);
      expect(fifty).toBe(five);
    });
  });

  describe('gateway hardening', () => {
    it('masks a down subgraph and logs the cause under the request id', async () => {
      const port = await freePort();
      const closed = await freePort();
      const gateway = new RunningProcess('apps/gateway/src/main.ts', { ...system.env, GATEWAY_PORT: String(port), FUNDING_URL: `http://127.0.0.1:${closed}/graphql` });
      try {
        const url = `http://127.0.0.1:${port}/graphql`;
        await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok ? true : undefined), 'the second gateway');
        const response = await gql(url, as.city, `{ parks(first: 1) { edges { node { name fundingAwards { amount } } } } }`);
        const error = response.errors?.[0];
        expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(JSON.stringify(response)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${closed}|ECONNREFUSED|stack`));
        const requestId = error?.extensions?.requestId as string;
        expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
        await waitFor(async () => (gateway.output.some((line) => line.includes(requestId) && line.includes('ECONNREFUSED')) ? true : undefined), 'the gateway log line with the request id');
      } finally {
        await gateway.stop('SIGTERM');
      }
    });

    it('turns off introspection and field suggestions in production', async () => {
      const port = await freePort();
      const production = { JWT_SECRET: 'p'.repeat(48), INTERNAL_IDENTITY_KEYS: 'q'.repeat(48) };
      const gateway = new RunningProcess('apps/gateway/src/main.ts', { ...system.env, ...production, NODE_ENV: 'production', GATEWAY_PORT: String(port) });
      try {
        const url = `http://127.0.0.1:${port}/graphql`;
        await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok ? true : undefined), 'the production gateway');
        const introspection = await postGraphQL(url, `{ __schema { types { name } } }`);
        expect(errorCode(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
        const typo = await postGraphQL(url, `{ countys { code } }`);
        expect(errorCode(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(JSON.stringify(typo)).not.toMatch(/Did you mean/);
        // The same typo in development helps the developer.
        expect(JSON.stringify(await postGraphQL(system.gatewayUrl, `{ countys { code } }`))).toMatch(/Did you mean/);
      } finally {
        await gateway.stop('SIGTERM');
      }
    });

    it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
      const response = await fetch(`${system.gatewayUrl}?query=${encodeURIComponent('{ counties { code } }')}`);
      expect(response.status).toBe(400);
    });

    it('refuses an oversized request body', async () => {
      const response = await postGraphQL(system.gatewayUrl, `{ counties { code } }`, { padding: 'x'.repeat(200_000) });
      expect(response.status).toBe(413);
    });
  });

  describe('Ctrl-C', () => {
    it('stops every process cleanly', async () => {
      const code = await system.process.stop('SIGINT');
      expect(code).toBe(0);
      for (const port of Object.values(system.ports)) {
        await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      }
    });
  });
});
