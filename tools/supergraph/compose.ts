import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readSubgraphSdl } from '@cz/subgraph-kit';
import { writeOrCheckCheckedInFile } from '../checked-in-file';
import { SUBGRAPHS } from './subgraphs';

const ROOT = join(__dirname, '..', '..');
/** The checked-in supergraph the gateway loads at start. */
export const SUPERGRAPH_FILE = join(ROOT, 'apps', 'gateway', 'supergraph.graphql');

const HEADER = '# Composed by `npm run compose` from apps/*/src/*.graphql. Do not edit: a test fails when this file is stale.\n';

/** Composes the four subgraph SDL files; throws with every composition error listed. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, app, port }) => ({
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: parse(readSubgraphSdl(join(ROOT, 'apps', app, 'src'))),
    })),
  );
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return HEADER + result.supergraphSdl + '\n';
}

export function checkedInSupergraph(): string {
  return readFileSync(SUPERGRAPH_FILE, 'utf8');
}

if (require.main === module) {
  writeOrCheckCheckedInFile({
    file: SUPERGRAPH_FILE,
    build: composeSupergraph,
    checkedIn: checkedInSupergraph,
    rebuildCommand: 'npm run compose',
    upToDate: 'supergraph is up to date',
    wrote: () => `wrote ${SUPERGRAPH_FILE}`,
  });
}
