import type { Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { IDENTITY_HEADER, signInternalIdentity } from '@cz/identity-tokens';
import { asGateway } from '@cz/test-infra';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import * as fc from 'fast-check';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { fuzzDocument, inputFieldNames, inputFuzzCases } from './input-fuzzer';

/**
 * Runs the input fuzzer against a live subgraph over real HTTP and states, for every answer, what
 * bad input must get: a clear refusal (or a success, when the garbage was in fact valid), never a
 * 500, a stack trace or SQL text, and — when refused — not one row changed.
 */

/** Codes that tell the caller what was wrong with the request or the thing it named. */
export const HANDLED_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'RATE_LIMITED', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']);

// Traces of the layers below: stack frames, source files, SQL error texts.
const LEAKS = /QueryFailedError|relation "|syntax error|violates|duplicate key|invalid input syntax|out of range|\bat \S+ \(|\bat (\/|node:)|node_modules|\.[jt]s:\d+|stacktrace/;
const CHINESE = /[\u4e00-\u9fa5]/;

interface Answer {
  status: number;
  text: string;
  body?: { data?: Record<string, unknown> | null; errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }> };
}

/** POSTs the operation as the gateway would, keeping the raw text: an HTML error page must be seen as such. */
async function send(url: string, identity: Identity, query: string, variables: unknown): Promise<Answer> {
  const token = await signInternalIdentity(identity, `fuzz-${Date.now()}`, LOCAL_DEFAULTS.internalIdentityKey);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  try {
    return { status: response.status, text, body: JSON.parse(text) };
  } catch {
    return { status: response.status, text };
  }
}

/** A call made to set up an example (the item in the right state): its data, or an error saying what went wrong. */
export async function exampleCall<T>(url: string, identity: Identity, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await asGateway<T>(url, identity, document, variables);
  if (!response.data) throw new Error(`setting up an example failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** The executable schema of a subgraph definition, as the fuzzer reads it. */
export function subgraphSchema(definition: { typeDefs: DocumentNode; resolvers: GraphQLResolverMap<never> }): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> });
}

/** Every string in a JSON value, keys included, as written (no JSON escaping in the way of a pattern). */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => [key, ...textsOf(item)]);
  return [];
}

/** What is wrong with an answer to bad input; empty when it is a clear refusal or a success. */
export function answerProblems(answer: Answer, fieldNames: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (!answer.body) return [...problems, `the answer is not JSON (HTTP ${answer.status})`];
  const errors = answer.body.errors ?? [];
  if (textsOf(errors).some((text) => LEAKS.test(text))) problems.push('an error shows a stack trace, a source file or SQL text');
  for (const error of errors) {
    const code = String(error.extensions?.code);
    if (!HANDLED_CODES.has(code)) problems.push(`error code ${code}`);
    if (typeof error.message !== 'string' || !CHINESE.test(error.message)) problems.push(`a message not in Chinese: ${String(error.message).slice(0, 80)}`);
    if (code === 'BAD_USER_INPUT') {
      const field = error.extensions?.field;
      const root = typeof field === 'string' ? /^[A-Za-z_]\w*/.exec(field)?.[0] : undefined;
      if (!root || !fieldNames.has(root)) problems.push(`BAD_USER_INPUT naming no argument or input field: ${JSON.stringify(field)}`);
    }
  }
  return problems;
}

/**
 * One checksum per table of the service's schema (row count and the rows' text), `volatileColumns`
 * left out: those a background loop changes on its own (the outbox relay's `published_at`).
 */
export async function tableFingerprint(dataSource: DataSource, schema: string, volatileColumns: readonly string[] = ['published_at']): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await dataSource.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`, [schema]);
  if (tables.length === 0) return {};
  const row = `(to_jsonb(t) - $1::text[])::text`;
  const sums = tables.map(({ name }) => `SELECT '${name}' AS name, count(*) || ':' || coalesce(md5(string_agg(${row}, ',' ORDER BY ${row})), '') AS sum FROM "${schema}"."${name}" AS t`);
  const rows: Array<{ name: string; sum: string }> = await dataSource.query(sums.join(' UNION ALL '), [volatileColumns]);
  return Object.fromEntries(rows.map(({ name, sum }) => [name, sum]));
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]);
}

/** A valid call: its arguments, and who makes it when that is not the default identity (a park's own operator). */
export interface FuzzExample {
  variables: Record<string, unknown>;
  identity?: Identity;
}

export interface MutationFuzzOptions {
  url: string;
  /** The subgraph's executable schema (or one built from its SDL). */
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** The PostgreSQL schema whose tables must stay unchanged after a refusal. */
  dbSchema: string;
  /** Who calls: one entitled to the mutation, so that the guard is not what refuses. */
  identity: Identity;
  /**
   * A valid call to spoil, made anew before every case (it may create what it names, e.g. an
   * application in the right stage); arguments it leaves out are generated from their types.
   */
  example?: () => FuzzExample | Promise<FuzzExample>;
  numRuns?: number;
  seed?: number;
  volatileColumns?: readonly string[];
}

export interface MutationFuzzResult {
  /** How the unspoiled example was answered (`OK` or the error code and message): a stale example fuzzes shallowly. */
  example?: string;
  runs: number;
  /** How the answers ended: `OK` or the first error's code, with counts. */
  outcomes: Record<string, number>;
}

/** fast-check throws garbage at one mutation; throws with the case and answer on the first broken promise. */
export async function fuzzMutation(mutation: string, options: MutationFuzzOptions): Promise<MutationFuzzResult> {
  const query = fuzzDocument(options.schema, mutation);
  const fieldNames = inputFieldNames(options.schema, mutation);
  const argumentNames = options.schema.getMutationType()?.getFields()[mutation]?.args.map((arg) => arg.name) ?? [];
  const outcomes: Record<string, number> = {};
  let runs = 0;
  const fingerprint = () => tableFingerprint(options.dataSource, options.dbSchema, options.volatileColumns);
  let exampleOutcome: string | undefined;
  if (options.example) {
    const example = await options.example();
    const answer = await send(options.url, example.identity ?? options.identity, query, example.variables);
    const error = answer.body?.errors?.[0];
    exampleOutcome = answer.body?.data?.[mutation] != null ? 'OK' : `${String(error?.extensions?.code)}: ${String(error?.message)} (${String(error?.extensions?.field)})`;
  }
  await fc.assert(
    fc.asyncProperty(inputFuzzCases(options.schema, mutation), async (fuzzCase) => {
      const example = (await options.example?.()) ?? { variables: {} };
      const unknown = Object.keys(example.variables).filter((name) => !argumentNames.includes(name));
      if (unknown.length > 0) throw new Error(`the example of ${mutation} names arguments it does not have: ${unknown.join(', ')}`);
      const before = await fingerprint();
      const answer = await send(options.url, example.identity ?? options.identity, query, fuzzCase.variables(example.variables));
      const problems = answerProblems(answer, fieldNames);
      const refused = answer.body?.data?.[mutation] == null;
      const after = await fingerprint();
      if (refused) {
        // A denial is written to the audit log on purpose (issue 6, item 3); nothing else may change.
        const denied = (answer.body?.errors ?? []).some((error) => error.extensions?.code === 'FORBIDDEN');
        const changed = changedTables(before, after).filter((table) => !(denied && table === 'audit_log'));
        if (changed.length > 0) problems.push(`refused, yet changed ${changed.join(', ')}`);
      }
      runs += 1;
      const outcome = refused ? String(answer.body?.errors?.[0]?.extensions?.code ?? `HTTP ${answer.status}`) : 'OK';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (problems.length > 0) throw new Error(`${mutation}: ${fuzzCase.label}\n  ${problems.join('\n  ')}\n  answer (HTTP ${answer.status}): ${answer.text.slice(0, 600)}`);
    }),
    { numRuns: options.numRuns ?? 40, seed: options.seed, endOnFailure: true },
  );
  return { example: exampleOutcome, runs, outcomes };
}
