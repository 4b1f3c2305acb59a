import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { buildSchema, type GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { readConfig } from './config';
import { GatewayRefusal } from './gateway-refusal';
import { SUPERGRAPH_FILE } from './gateway-server';
import { readManifest } from './operation-gate';
import { parseWithinTokenLimit, type QueryLimits, queryLimitRules, queryLimitsOf } from './query-limits';

const schema = buildSchema(`
  directive @tag(name: String) repeatable on FIELD
  type Query { node: Node nodes(first: Int): [Node] }
  type Node { name: String child: Node children(first: Int): [Node] }
`);
const LIMITS: QueryLimits = { maxDepth: 3, maxAliases: 2, maxDirectives: 2, maxTokens: 9, maxCost: 100 };

/** The refusals our rules report for a document (graphql-js's own rules are not asked here). */
function refusals(document: string, limits = LIMITS, against: GraphQLSchema = schema) {
  return validate(against, parse(document), queryLimitRules(limits)).map((error) => {
    expect(error).toBeInstanceOf(GatewayRefusal);
    return (error as GatewayRefusal).code;
  });
}

describe('query limits', () => {
  it('answers depth N and refuses depth N + 1 with QUERY_TOO_DEEP', () => {
    expect(refusals('{ node { child { name } } }')).toEqual([]);
    expect(refusals('{ node { child { child { name } } } }')).toEqual(['QUERY_TOO_DEEP']);
  });

  it('answers N aliases and refuses N + 1 with QUERY_TOO_WIDE', () => {
    expect(refusals('{ a: node { name } b: node { name } }')).toEqual([]);
    expect(refusals('{ a: node { name } b: node { name } c: node { name } }')).toEqual(['QUERY_TOO_WIDE']);
  });

  it('answers N directives and refuses N + 1 with QUERY_TOO_COMPLEX', () => {
    expect(refusals('{ node { name @tag @tag } }')).toEqual([]);
    expect(refusals('{ node { name @tag @tag @tag } }')).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('prices page sizes into the cost and refuses a costly query with QUERY_TOO_COMPLEX', () => {
    expect(refusals('{ nodes(first: 10) { name } }')).toEqual([]);
    expect(refusals('{ nodes(first: 100) { name } }')).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('says in Chinese what the limit is', () => {
    const [error] = validate(schema, parse('{ node { child { child { name } } } }'), queryLimitRules(LIMITS));
    expect(error.message).toBe('查询嵌套层数过多：最多 3 层');
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_DEEP', max: 3 });
  });

  it('gives up parsing as soon as a document has more tokens than allowed', () => {
    expect(parseWithinTokenLimit('{ node { child { name } } }', 9).kind).toBe('Document');
    expect(() => parseWithinTokenLimit('{ node { child { name child } } }', 9)).toThrow(expect.objectContaining({ code: 'QUERY_TOO_LARGE', message: '查询文本过长：最多 9 个词法单元' }));
    // A malformed document is graphql-js's to report, not a limit.
    expect(() => parseWithinTokenLimit('{ node {', 9)).toThrow(/Syntax Error/);
  });
});

describe('the default limits', () => {
  const defaults = queryLimitsOf(readConfig({}));
  let supergraph: GraphQLSchema;

  beforeAll(async () => {
    const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8') });
    supergraph = (await gateway.load()).schema;
    await gateway.stop();
    // Building the API schema from the supergraph takes a few seconds on a busy machine.
  }, 60_000);

  it('pass every operation the frontends registered, each valid against the supergraph', () => {
    for (const document of Object.values(readManifest())) {
      expect(validate(supergraph, parse(document), [...specifiedRules, ...queryLimitRules(defaults)])).toEqual([]);
      expect(() => parseWithinTokenLimit(document, defaults.maxTokens)).not.toThrow();
    }
  });

  it('pass the widest list a frontend pages through, and refuse five of them in one request', () => {
    const hundredParks = (alias: string) => `${alias}: parks(first: 100) { totalCount edges { node {
      id name officialName status contactPhone county { code name }
      applications { id stage year } fundingAwards { id kind amount amountYuan status }
      assessments { year totalScore grade } latestGrade fundBalance } } }`;
    expect(validate(supergraph, parse(`{ ${hundredParks('a')} }`), [...specifiedRules, ...queryLimitRules(defaults)])).toEqual([]);
    // Each copy is cheap to write and costs the subgraphs as much as the first: that is what the cost limit is for.
    expect(refusals(`{ ${['a', 'b', 'c', 'd', 'e'].map(hundredParks).join(' ')} }`, defaults, supergraph)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});
