import type { Identity } from '@cz/auth';
import { DEMO_PARKS } from '@cz/demo-data';
import type { GraphQLInputObjectType } from 'graphql';
import { type FuzzExample, fuzzMutation, type MutationFuzzOptions, mutationNames, startTestSubgraph, subgraphSchema, type TestSubgraph } from '@cz/testing';
import { SCHEMA } from './config';
import { registryService } from './service';

const city: Identity = { subject: 'city-fuzz', role: 'CITY_BUREAU' };
const schema = subgraphSchema(registryService);
// A recognised park's profile, and a candidate's sites and institutions (a recognised park changes those only by application).
const [luzhouPark, , xiangyuanPark] = DEMO_PARKS;

// A new park: the demo candidate's approval form (the fields RegisterParkInput has) under another name.
const formFields = Object.keys((schema.getType('RegisterParkInput') as GraphQLInputObjectType).getFields());
const form = { ...Object.fromEntries(Object.entries(DEMO_PARKS[3]).filter(([field]) => formFields.includes(field))), name: '模糊测试人力资源服务产业园' };

describe('park registry: generated bad input at every mutation (fast-check, real PostgreSQL)', () => {
  let registry: TestSubgraph;
  const parkVersion = async (id = luzhouPark.id) => (await registry.service.dataSource.query(`SELECT version FROM "${SCHEMA}".park WHERE id = $1`, [id]))[0].version as number;
  const calendarVersion = async () => (await registry.service.dataSource.query(`SELECT version FROM "${SCHEMA}".calendar_year WHERE year = 2027`))[0]?.version as number | undefined;

  /** A valid call of each mutation by the city bureau, on the demo data; the fuzzer spoils one value at a time. */
  const examples: Record<string, () => Promise<FuzzExample> | FuzzExample> = {
    registerPark: () => ({ variables: { input: form } }),
    updateParkProfile: async () => ({ variables: { id: luzhouPark.id, expectedVersion: await parkVersion(), input: { address: '长治市潞州区英雄北路 168 号', managementTeamSize: 19 } } }),
    setCalendarYear: async () => ({ variables: { year: 2027, expectedVersion: await calendarVersion(), input: { covered: true, holidays: [{ date: '2027-01-01', name: '元旦' }], makeUpWorkdays: [{ date: '2027-02-14', name: '春节' }] } } }),
    setParkSites: async () => ({ variables: { parkId: xiangyuanPark.id, expectedVersion: await parkVersion(xiangyuanPark.id), sites: [{ name: '核心园区', address: '襄垣县古韩镇建设路 9 号', buildingAreaM2: '3050.00', isCore: true }] } }),
    setResidentInstitutions: async () => ({
      variables: {
        parkId: xiangyuanPark.id,
        expectedVersion: await parkVersion(xiangyuanPark.id),
        institutions: [{ name: '人力资源服务机构1', creditCode: '91140431MA00000010', licenceKind: 'LICENCE', licenceNo: '（晋）人服证字〔2024〕第1号', licenceValidUntil: '2029-12-31', operating: true, revenueFen: '350000000', revenueYear: 2025 }],
      },
    }),
    setPublicServices: async () => ({ variables: { parkId: xiangyuanPark.id, expectedVersion: await parkVersion(xiangyuanPark.id), functions: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING'] } }),
  };

  beforeAll(async () => {
    registry = await startTestSubgraph(registryService, { seedDemo: true });
  });
  afterAll(async () => {
    await registry.close();
  });

  const options = (mutation: string): MutationFuzzOptions => ({ url: registry.url, schema, dataSource: registry.service.dataSource, dbSchema: SCHEMA, identity: city, example: examples[mutation], numRuns: 60 });

  it.each(mutationNames(schema))('%s: refuses garbage clearly, with no 500, no trace and nothing written', async (mutation) => {
    const result = await fuzzMutation(mutation, options(mutation));
    // A mutation added later is fuzzed too, with arguments generated from its types alone.
    expect(result.example).toBe(examples[mutation] ? 'OK' : undefined);
    expect(result.runs).toBeGreaterThan(0);
  }, 60_000);
});
