import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import gql from 'graphql-tag';
import { formatError } from './error-boundary';
import { DateScalar } from './scalars';

// A small schema with what our subgraphs' inputs are made of: nested objects, lists, enums, our scalars.
const typeDefs = gql`
  scalar Date
  enum Mode { NEW RENOVATED }
  input SiteInput { name: String!, areaM2: String!, isCore: Boolean! }
  input ParkInput { name: String!, openedOn: Date!, mode: Mode!, teamSize: Int!, sites: [SiteInput!]! }
  type Query { ok: Boolean }
  type Mutation { register(input: ParkInput!, year: Int!): Boolean }
`;
const REGISTER = 'mutation($input: ParkInput!, $year: Int!) { register(input: $input, year: $year) }';
const valid = { name: '潞州园区', openedOn: '2021-03-18', mode: 'NEW', teamSize: 18, sites: [{ name: '主园区', areaM2: '5200', isCore: true }] };

describe('variables graphql-js cannot coerce', () => {
  const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers: { Date: DateScalar, Mutation: { register: () => true } } }), formatError, includeStacktraceInErrorResponses: false, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function firstError(variables: Record<string, unknown>) {
    const response = await server.executeOperation({ query: REGISTER, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult.errors?.[0];
  }

  it.each([
    ['a string where an Int goes', { input: valid, year: 'MMXXVI' }, 'year', '必须是整数（year）'],
    ['an Int beyond 32 bits', { input: valid, year: 2 ** 31 }, 'year', '超出整数范围（-2147483648 到 2147483647）（year）'],
    ['a number where a String goes, deep in a list', { input: { ...valid, sites: [{ ...valid.sites[0], name: 7 }] }, year: 2026 }, 'input.sites[0].name', '必须是字符串（input.sites[0].name）'],
    ['an enum value that does not exist', { input: { ...valid, mode: 'DROP TABLE' }, year: 2026 }, 'input.mode', '不是允许的取值（input.mode）'],
    ['a missing required field', { input: { ...valid, teamSize: undefined }, year: 2026 }, 'input.teamSize', '缺少必填字段（input.teamSize）'],
    ['a field the type does not have', { input: { ...valid, evil: '<script>' }, year: 2026 }, 'input.evil', '不是可接受的字段（input.evil）'],
    ['null for a non-null field', { input: { ...valid, sites: [null] }, year: 2026 }, 'input.sites[0]', '不能为空（input.sites[0]）'],
    ['a string where an object goes', { input: 'everything', year: 2026 }, 'input', '必须是对象（input）'],
    ['a missing variable', { input: valid }, 'year', '缺少必填参数（year）'],
    ['null for a required variable', { input: valid, year: null }, 'year', '不能为空（year）'],
    ['a day that does not exist (our scalar, its own words)', { input: { ...valid, openedOn: '2026-02-30' }, year: 2026 }, 'input.openedOn', '日期格式必须是 YYYY-MM-DD，且须是真实存在的日期（input.openedOn）'],
  ])('%s: BAD_USER_INPUT naming the field, in Chinese', async (_case, variables, field, message) => {
    const error = await firstError(variables);
    expect(error).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
  });

  it('names the argument a variable fills, not the name the client gave the variable', async () => {
    const response = await server.executeOperation({ query: 'mutation($p: ParkInput!, $y: Int!) { register(input: $p, year: $y) }', variables: { p: { ...valid, openedOn: '2999-01-01' }, y: 'MMXXVI' } });
    const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
    expect(errors?.map((error) => error.extensions?.field).sort()).toEqual(['input.openedOn', 'year']);
  });

  it('never echoes the value back, however big or hostile', async () => {
    const hostile = `<script>alert(1)</script>'; DROP TABLE park; --${'x'.repeat(100_000)}`;
    const error = await firstError({ input: { ...valid, teamSize: hostile }, year: 2026 });
    expect(error?.extensions?.field).toBe('input.teamSize');
    expect(JSON.stringify(error)).not.toMatch(/script|DROP|xxxx/);
  });

  it('finds the path even when the value itself looks like one', async () => {
    const error = await firstError({ input: { ...valid, name: { trick: ' at "year"' } }, year: 2026 });
    expect(error?.extensions?.field).toBe('input.name');
  });
});
