import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANONYMOUS, type Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { IDENTITY_HEADER, signInternalIdentity } from '@cz/identity-tokens';
import { type GraphQLResponse, postGraphQL } from '@cz/testing';
import { Kind, parse } from 'graphql';
import { leakedRows } from './matrix-cells';
import type { Cell, Probe, Subgraph } from './matrix-probes';
import type { World } from './matrix-world';
import type { RunningSystem } from './system';
import { bearer } from './tokens';

/**
 * Sends a probe as a cell's caller would reach the system, and reads what came back as an outcome.
 * People go through the gateway (the public without a token); the scheduler (SYSTEM) calls the
 * owning subgraph directly with a gateway-signed identity, as the worker does; `_entities` is sent
 * to the subgraph the same way, because the gateway never lets a client ask for it.
 */

/** Which subgraph serves each root field, from the composed supergraph the gateway runs. */
function rootFieldOwners(): Map<string, Subgraph> {
  const owners = new Map<string, Subgraph>();
  const supergraph = parse(readFileSync(join(__dirname, '..', '..', '..', 'gateway', 'supergraph.graphql'), 'utf8'));
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !['Query', 'Mutation'].includes(definition.name.value)) continue;
    for (const field of definition.fields ?? []) {
      const graph = field.directives?.find((directive) => directive.name.value === 'join__field')?.arguments?.find((argument) => argument.name.value === 'graph');
      if (graph?.value.kind === Kind.ENUM) owners.set(field.name.value, graph.value.value.toLowerCase() as Subgraph);
    }
  }
  return owners;
}
const OWNERS = rootFieldOwners();

const tokens = new Map<string, Promise<Record<string, string>>>();
const bearerOf = (identity: Identity) => {
  const key = JSON.stringify(identity);
  const minted = tokens.get(key) ?? bearer(identity, LOCAL_DEFAULTS.jwtSecret, '30m');
  tokens.set(key, minted);
  return minted;
};

async function asSignedIdentity(system: RunningSystem, subgraph: Subgraph, identity: Identity, document: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  const signed = await signInternalIdentity(identity, `matrix-${Date.now()}`, LOCAL_DEFAULTS.internalIdentityKey);
  return postGraphQL(`http://127.0.0.1:${system.ports[subgraph]}/graphql`, document, variables, { [IDENTITY_HEADER]: signed });
}

export async function send(system: RunningSystem, world: World, probe: Probe, cell: Cell): Promise<GraphQLResponse> {
  const variables = probe.variables?.(world, cell) ?? {};
  if (probe.entitiesOf) return asSignedIdentity(system, probe.entitiesOf, cell.identity ?? ANONYMOUS, probe.document, variables);
  if (cell.role === 'SYSTEM') {
    const owner = OWNERS.get(String(probe.at[0]));
    if (!owner) throw new Error(`${probe.coordinate}: no subgraph serves ${String(probe.at[0])}`);
    return asSignedIdentity(system, owner, cell.identity ?? ANONYMOUS, probe.document, variables);
  }
  // Each cell its own client address: the public objection endpoint counts filings per address.
  const headers: Record<string, string> = { 'x-forwarded-for': `10.77.${(cell.serial >> 8) & 255}.${cell.serial & 255}` };
  return postGraphQL(system.gatewayUrl, probe.document, variables, cell.identity ? { ...headers, ...(await bearerOf(cell.identity)) } : headers);
}

const dig = (value: unknown, path: ReadonlyArray<string | number>): unknown => path.reduce<unknown>((at, key) => (at == null ? at : (at as Record<string | number, unknown>)[key]), value);
const nodesOf = (list: unknown): Array<Record<string, unknown>> => (Array.isArray(list) ? list.map((element) => ((element as { node?: unknown }).node ?? element) as Record<string, unknown>) : []);

/** The outcome of one cell as a word of matrix-cells' Outcome, or a description of what broke the probe. */
export function outcomeOf(response: GraphQLResponse, probe: Probe, world: World, cell: Cell): string {
  const root = probe.at[0];
  const error = response.errors?.find((each) => !each.path || each.path[0] === root);
  if (error) {
    const code = String(error.extensions?.code ?? 'NO_CODE');
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return code;
    if (probe.passes?.includes(code)) return 'ALLOWED';
    return `ERROR ${code}: ${error.message.slice(0, 120)}`;
  }
  if (!response.data) return `HTTP ${response.status} without data`;
  const value = dig(response.data, probe.at);
  const read = probe.read;
  switch (read.kind) {
    case 'answer':
      return value === undefined ? 'ERROR no answer' : 'ALLOWED';
    case 'item':
      return value === null ? 'HIDDEN' : value === undefined ? 'ERROR no answer' : 'ALLOWED';
    case 'count':
      return typeof value !== 'number' ? 'ERROR not a number' : value > 0 ? 'ALLOWED' : 'HIDDEN';
    case 'rows': {
      const nodes = nodesOf(value);
      const rowOf = read.row;
      if (rowOf) {
        const leaked = leakedRows(probe.coordinate, cell.identity, cell.role, nodes.map((node) => rowOf(node, world)));
        if (leaked.length > 0) return `LEAKED ${leaked.join(', ')}`;
      }
      return nodes.some((node) => node.id === read.present(world, cell)) ? 'ALLOWED' : 'HIDDEN';
    }
    case 'value': {
      const inList = read.inList;
      const found = inList ? nodesOf(value).find((node) => node.id === inList.id(world))?.[inList.field] : value;
      if (found === undefined || found === null) return 'HIDDEN';
      return found === read.whole(world) ? 'WHOLE' : 'MASKED';
    }
  }
}
