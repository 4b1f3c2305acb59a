import { DEMO_PARKS } from '@cz/demo-data';
import { waitFor } from '@cz/testing';
import { Client } from 'pg';
import { metric, type RunningSystem, startSystem } from './support/system';
import { as, gql } from './support/tokens';

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
      expect(luzhou).toMatchObject({ officialName: '长治潞州人力资源服务产业园', status: 'RECOGNISED', county: { code: '140403', name: '潞州区' }, contactPhone: '138****1234' });
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

    it('confines a county officer to its county in every subgraph, and masks contacts for everyone', async () => {
      const county = await gql<ParksAnswer>(system.gatewayUrl, as.county('140403'), PARKS_WITH_EVERYTHING);
      expect(county.data?.parks.edges.map(({ node }) => node.county.code)).toEqual(['140403']);
      expect(JSON.stringify(county)).not.toContain('13835501234');

      const data = await gql<{ parks: { edges: Array<{ node: { contactPhone: string } }> } }>(system.gatewayUrl, as.dataTeam, `{ parks(first: 10) { edges { node { contactPhone } } } }`);
      expect(data.data?.parks.edges.map(({ node }) => node.contactPhone)).toContain('138****1234');
      expect(JSON.stringify(data)).not.toContain('13835501234');
    });

    it('shows a contact whole only through a reveal with a reason, written to the access log the city bureau reads', async () => {
      const REVEAL = `mutation($parkId: ID!, $reason: String!) { revealParkContact(parkId: $parkId, reason: $reason) { contactName contactPhone } }`;
      const parkId = DEMO_PARKS[0].id;
      const revealed = await gql<{ revealParkContact: { contactName: string; contactPhone: string } }>(system.gatewayUrl, as.county('140403'), REVEAL, { parkId, reason: '核实园区年度报告联系人' });
      expect(revealed.data?.revealParkContact).toEqual({ contactName: DEMO_PARKS[0].contactName, contactPhone: DEMO_PARKS[0].contactPhone });
      const other = await gql(system.gatewayUrl, as.county('140423'), REVEAL, { parkId, reason: '核实园区年度报告联系人' });
      expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');

      const LOG = `query($filter: AuditFilter) { registryAuditLog(filter: $filter, first: 10) { edges { node { actor role countyCode operation targetId outcome changes requestId sourceAddress } } } }`;
      const log = await gql<{ registryAuditLog: { edges: Array<{ node: Record<string, string> }> } }>(system.gatewayUrl, as.city, LOG, { filter: { operation: 'park.contact.reveal', targetId: parkId } });
      const rows = log.data!.registryAuditLog.edges.map(({ node }) => node);
      expect(rows.map((row) => [row.countyCode, row.outcome])).toEqual([
        ['140423', 'DENIED'],
        ['140403', 'SUCCEEDED'],
      ]);
      expect(rows[1]).toMatchObject({ role: 'COUNTY_BUREAU', requestId: expect.any(String), sourceAddress: expect.any(String) });
      expect(JSON.parse(rows[1].changes)).toEqual({ reason: '核实园区年度报告联系人', fields: ['contactName', 'contactPhone'] });
      expect(JSON.stringify(rows)).not.toContain(DEMO_PARKS[0].contactPhone);
      expect((await gql(system.gatewayUrl, as.dataTeam, LOG, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
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
