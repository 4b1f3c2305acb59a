import type { Identity } from '@cz/auth';
import { asGateway, errorCode, startTestSubgraph, statementsDuring, statisticsRefusals, type TestSubgraph } from '@cz/testing';
import { registryService } from '../service';

const LUZHOU = '140403';
const LICHENG = '140426';
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const luzhouOfficer: Identity = { subject: 'county-03', role: 'COUNTY_BUREAU', countyCode: LUZHOU };

const COUNTS = 'candidate recognised revoked total';
const PARK_STATISTICS = `query($countyCode: String) { parkStatistics(countyCode: $countyCode) {
  countyCode totals { ${COUNTS} } byCounty { countyCode countyName counts { ${COUNTS} } } byYear { year recognised revoked } } }`;

type Status = 'CANDIDATE' | 'RECOGNISED' | 'REVOKED';
interface Counts {
  candidate: number;
  recognised: number;
  revoked: number;
  total: number;
}
interface Statistics {
  countyCode: string | null;
  totals: Counts;
  byCounty: Array<{ countyCode: string; countyName: string; counts: Counts }>;
  byYear: Array<{ year: number; recognised: number; revoked: number }>;
}

/** A park as the test seeds it: where it is now, and the years (Beijing) of its recognition and revocation. */
interface ModelPark {
  county: string;
  status: Status;
  recognisedYear?: number;
  revokedYear?: number;
  /** The revocation's instant, when its Beijing year differs from its UTC year. */
  revokedAt?: string;
}

/**
 * Deterministic variety: nine of the thirteen counties have parks (four have none), every status,
 * recognitions spread over 2018–2023 with 2020 left empty, revocations two years after recognition,
 * one of them at 00:30 Beijing on 1 January (still the previous year in UTC).
 */
function generateParks(count: number, counties: readonly string[], offset = 0): ModelPark[] {
  const years = [2018, 2019, 2021, 2022, 2023];
  return Array.from({ length: count }, (_, index): ModelPark => {
    const n = index + offset;
    const county = counties[(n * 7) % 9];
    const status: Status = (['CANDIDATE', 'RECOGNISED', 'RECOGNISED', 'REVOKED', 'CANDIDATE'] as const)[n % 5];
    if (status === 'CANDIDATE') return { county, status };
    const recognisedYear = years[(n * 3 + Math.floor(n / 5)) % years.length];
    if (status === 'RECOGNISED') return { county, status, recognisedYear };
    const revokedYear = recognisedYear + 2;
    return { county, status, recognisedYear, revokedYear, ...(n % 2 === 0 ? { revokedAt: `${revokedYear - 1}-12-31T16:30:00Z` } : {}) };
  });
}

function expectedStatistics(model: readonly ModelPark[], counties: ReadonlyArray<{ code: string; name: string }>, countyCode: string | null): Statistics {
  const parks = model.filter((park) => countyCode === null || park.county === countyCode);
  const tally = (of: readonly ModelPark[]): Counts => ({
    candidate: of.filter((park) => park.status === 'CANDIDATE').length,
    recognised: of.filter((park) => park.status === 'RECOGNISED').length,
    revoked: of.filter((park) => park.status === 'REVOKED').length,
    total: of.length,
  });
  const changeYears = parks.flatMap((park) => [park.recognisedYear, park.revokedYear]).filter((year): year is number => year !== undefined);
  const byYear = [];
  for (let year = Math.min(...changeYears); changeYears.length > 0 && year <= Math.max(...changeYears); year += 1) {
    byYear.push({ year, recognised: parks.filter((park) => park.recognisedYear === year).length, revoked: parks.filter((park) => park.revokedYear === year).length });
  }
  return {
    countyCode,
    totals: tally(parks),
    byCounty: counties.filter((county) => countyCode === null || county.code === countyCode).map((county) => ({ countyCode: county.code, countyName: county.name, counts: tally(parks.filter((park) => park.county === county.code)) })),
    byYear,
  };
}

describe('park statistics computed in SQL (real PostgreSQL and Redis)', () => {
  let registry: TestSubgraph;
  let counties: Array<{ code: string; name: string }>;
  const model: ModelPark[] = [];

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => registry.service.dataSource.query(text, params);
  const statistics = (identity: Identity, variables: { countyCode?: string } = {}) => asGateway<{ parkStatistics: Statistics }>(registry.url, identity, PARK_STATISTICS, variables);

  /** Factory: parks and their status history rows, written straight into the registry's tables. */
  async function seed(parks: readonly ModelPark[]): Promise<void> {
    const ids = await sql<{ id: string }>(
      `INSERT INTO registry.park (name, official_name, county_code, address, status, contact_name, contact_phone, property_ownership, registered_on,
                                  construction_investment_fen, building_area_m2, management_team_size, construction_mode)
       SELECT '统计园区' || n, CASE WHEN status = 'CANDIDATE' THEN NULL ELSE '长治统计园区' || n END, county, '长治市统计路 ' || n || ' 号', status,
              '张三', '13800000000', '国有', '2017-01-01', 100000000, 4000, 10, 'NEW'
         FROM unnest($1::varchar[], $2::varchar[]) WITH ORDINALITY AS seeded(county, status, n) ORDER BY n RETURNING id`,
      [parks.map((park) => park.county), parks.map((park) => park.status)],
    );
    const history = parks.flatMap((park, index) => [
      ...(park.recognisedYear ? [{ park: ids[index].id, from: 'CANDIDATE', to: 'RECOGNISED', approvedOn: `${park.recognisedYear}-06-30`, at: `${park.recognisedYear}-07-01T02:00:00Z` }] : []),
      ...(park.revokedYear ? [{ park: ids[index].id, from: 'RECOGNISED', to: 'REVOKED', approvedOn: null, at: park.revokedAt ?? `${park.revokedYear}-04-15T02:00:00Z` }] : []),
    ]);
    await sql(
      `INSERT INTO registry.park_status_history (park_id, from_status, to_status, reason, approval_document_no, approved_on, actor, occurred_at)
       SELECT park, from_status, to_status, '统计测试', CASE WHEN approved_on IS NULL THEN NULL ELSE '长人社〔' || extract(year FROM approved_on) || '〕1号' END, approved_on, 'test', at
         FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::date[], $5::timestamptz[]) AS row(park, from_status, to_status, approved_on, at)`,
      [history.map((row) => row.park), history.map((row) => row.from), history.map((row) => row.to), history.map((row) => row.approvedOn), history.map((row) => row.at)],
    );
    model.push(...parks);
  }

  beforeAll(async () => {
    registry = await startTestSubgraph(registryService);
    counties = await sql<{ code: string; name: string }>(`SELECT code, name FROM registry.county ORDER BY code`);
    await seed(generateParks(40, counties.map((county) => county.code)));
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('gives the city bureau, finance and the data team every county with its parks by status, and the yearly trend', async () => {
    const expected = expectedStatistics(model, counties, null);
    // The generator's variety, spot-checked: empty counties, every status, a year without changes, a Beijing new-year revocation.
    expect(expected.byCounty.filter((county) => county.counts.total === 0).length).toBe(4);
    expect(expected.totals).toEqual({ candidate: 16, recognised: 16, revoked: 8, total: 40 });
    expect(expected.byYear.find((year) => year.year === 2020)?.recognised).toBe(0);
    for (const identity of [city, finance, dataTeam]) {
      const response = await statistics(identity);
      expect(response.errors).toBeUndefined();
      expect(response.data?.parkStatistics).toEqual(expected);
    }
  });

  it('narrows to one county on request, and holds a county bureau to its own', async () => {
    expect((await statistics(dataTeam, { countyCode: LICHENG })).data?.parkStatistics).toEqual(expectedStatistics(model, counties, LICHENG));
    const own = await statistics(luzhouOfficer);
    expect(own.errors).toBeUndefined();
    expect(own.data?.parkStatistics).toEqual(expectedStatistics(model, counties, LUZHOU));
    expect((await statistics(luzhouOfficer, { countyCode: LUZHOU })).data?.parkStatistics).toEqual(expectedStatistics(model, counties, LUZHOU));
    expect(errorCode(await statistics(luzhouOfficer, { countyCode: LICHENG }))).toBe('FORBIDDEN');
  });

  it('answers a county without parks with zeros and an empty trend', async () => {
    const empty = counties.find((county) => !model.some((park) => park.county === county.code))!;
    const response = await statistics(city, { countyCode: empty.code });
    expect(response.data?.parkStatistics).toEqual({
      countyCode: empty.code,
      totals: { candidate: 0, recognised: 0, revoked: 0, total: 0 },
      byCounty: [{ countyCode: empty.code, countyName: empty.name, counts: { candidate: 0, recognised: 0, revoked: 0, total: 0 } }],
      byYear: [],
    });
  });

  it('refuses parks and reviewers, and names the field of a malformed or unknown county code', async () => {
    expect(await statisticsRefusals(statistics, dataTeam, [{ countyCode: '1404' }, { countyCode: '149999' }])).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      ['BAD_USER_INPUT', 'countyCode', true],
      ['BAD_USER_INPUT', 'countyCode', true],
    ]);
  });

  it('runs the same number of SQL statements however many parks there are', async () => {
    const statementsNow = () => statementsDuring(async () => expect((await statistics(dataTeam)).data?.parkStatistics).toEqual(expectedStatistics(model, counties, null)));
    const forty = await statementsNow();
    await seed(generateParks(60, counties.map((county) => county.code), 40));
    expect(await statementsNow()).toBe(forty);
    expect(forty).toBe(2);
  });
});
