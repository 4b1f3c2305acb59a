import type { Identity } from '@cz/auth';
import { statementTotals } from '@cz/db';
import { errorCode, type GraphQLResponse } from '@cz/test-infra';

/** How many SQL statements the subgraphs running in this process issued while serving `request`. */
export async function statementsDuring(request: () => Promise<unknown>): Promise<number> {
  const before = statementTotals.inRequests;
  await request();
  return statementTotals.inRequests - before;
}

/** Roles that never read programme statistics ('statistics.read'), whatever they ask for. */
const OUTSIDERS: readonly Identity[] = [
  { subject: 'operator-1', role: 'PARK_OPERATOR', parkId: '0b6f1d2e-5a4c-4c1e-9a51-000000000001' },
  { subject: 'reviewer-1', role: 'REVIEWER' },
];

/**
 * The refusals every statistics query owes, as it answers them: the error code a park and a
 * reviewer get, then for each bad input (asked by an entitled identity) its code, the field it
 * names and whether its message is Chinese — for a spec to compare with what it expects.
 */
export async function statisticsRefusals(
  ask: (identity: Identity, variables: Record<string, unknown>) => Promise<GraphQLResponse<unknown>>,
  entitled: Identity,
  badInputs: ReadonlyArray<Record<string, unknown>>,
): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const outsider of OUTSIDERS) answers.push(errorCode(await ask(outsider, {})));
  for (const variables of badInputs) {
    const response = await ask(entitled, variables);
    answers.push([errorCode(response), response.errors?.[0]?.extensions?.field, /[\u4e00-\u9fa5]/.test(response.errors?.[0]?.message ?? '')]);
  }
  return answers;
}
