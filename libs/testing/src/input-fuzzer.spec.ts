import { buildSubgraphSchema } from '@apollo/subgraph';
import * as fc from 'fast-check';
import gql from 'graphql-tag';
import { answerProblems } from './input-fuzz-runner';
import { fuzzDocument, inputFieldNames, inputFuzzCases, mutationNames } from './input-fuzzer';

const schema = buildSubgraphSchema({
  typeDefs: gql`
    scalar Date
    enum Mode { NEW RENOVATED }
    input SiteInput { name: String!, isCore: Boolean! }
    input ParkInput { name: String!, openedOn: Date, mode: Mode!, sites: [SiteInput!]! }
    type Park { id: ID!, name: String! }
    type Query { ok: Boolean }
    type Mutation { register(input: ParkInput!, year: Int!): Park!, touch: Int! }
  `,
});
const example = { input: { name: '潞州园区', openedOn: '2021-03-18', mode: 'NEW', sites: [{ name: '主园区', isCore: true }] }, year: 2026 };

/** Paths (a.b.0.c) at which two JSON values differ, stopping at the first difference down each branch. */
function differences(a: unknown, b: unknown, path: string[] = []): string[] {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b) ? [] : [path.join('.')];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) => differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key]));
}

describe('input fuzzer', () => {
  it('enumerates the mutations and sends every argument as a variable of the same name', () => {
    expect(mutationNames(schema)).toEqual(['register', 'touch']);
    expect(fuzzDocument(schema, 'register')).toBe('mutation Fuzz($input: ParkInput!, $year: Int!) { register(input: $input, year: $year) { __typename } }');
    expect(fuzzDocument(schema, 'touch')).toBe('mutation Fuzz { touch }');
  });

  it('spoils one argument or input field of a valid example at a time, or the variables as a whole', () => {
    fc.assert(
      fc.property(inputFuzzCases(schema, 'register'), (fuzzCase) => {
        const variables = JSON.parse(JSON.stringify(fuzzCase.variables(example)) ?? 'null');
        if (fuzzCase.label.startsWith('whole variables')) return;
        // Every difference lies under the one slot the label names (the garbage may also happen to equal the example's value).
        const changed = differences(example, variables);
        const [slot] = fuzzCase.label.split(' ← ');
        expect(changed.every((path) => path.startsWith(slot))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('takes as the field at fault any argument, input field, or field of the returned item', () => {
    expect([...inputFieldNames(schema, 'register')].sort()).toEqual(['id', 'input', 'isCore', 'mode', 'name', 'openedOn', 'sites', 'year']);
  });
});

describe('what bad input must get', () => {
  const names = inputFieldNames(schema, 'register');
  const answer = (status: number, errors: Array<{ message: string; extensions: Record<string, unknown> }>) => ({ status, text: JSON.stringify({ errors }), body: { data: null, errors } });

  it('accepts a clear refusal naming the field, in Chinese', () => {
    expect(answerProblems(answer(400, [{ message: '必须是整数（year）', extensions: { code: 'BAD_USER_INPUT', field: 'year' } }]), names)).toEqual([]);
    expect(answerProblems(answer(200, [{ message: '园区场地须填写 1 到 20 处', extensions: { code: 'BAD_USER_INPUT', field: 'sites[0].name' } }]), names)).toEqual([]);
  });

  it.each([
    ['a 500', answer(500, [{ message: '服务内部错误', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]), /HTTP 500|INTERNAL_SERVER_ERROR/],
    ['SQL text', answer(200, [{ message: '出错：relation "park" does not exist', extensions: { code: 'BAD_USER_INPUT', field: 'year' } }]), /SQL text/],
    ['a stack frame', answer(200, [{ message: '错误 at Object.<anonymous> (/srv/app/main.ts:3:9)', extensions: { code: 'CONFLICT' } }]), /stack trace/],
    ['an English message', answer(400, [{ message: 'Int cannot represent non-integer value', extensions: { code: 'BAD_USER_INPUT', field: 'year' } }]), /not in Chinese/],
    ['an input error naming nothing the mutation takes', answer(200, [{ message: '无效', extensions: { code: 'BAD_USER_INPUT', field: 'password' } }]), /naming no argument/],
    ['an HTML page', { status: 413, text: '<pre>PayloadTooLargeError</pre>' }, /not JSON/],
  ])('flags %s', (_case, given, problem) => {
    expect(answerProblems(given, names).join('\n')).toMatch(problem);
  });
});
