import { join } from 'node:path';
import { readSubgraphSdl } from '@cz/subgraph-kit';
import { Kind, parse, type StringValueNode } from 'graphql';
import { SUBGRAPHS } from './subgraphs';

const CHINESE = /[\u4e00-\u9fff]/;
const ROOT = join(__dirname, '..', '..');

/** Every place of a subgraph's SDL that should carry a description, and whether it does (with Chinese). */
function undescribed(sdl: string): string[] {
  const missing: string[] = [];
  const check = (where: string, description: StringValueNode | undefined) => {
    if (!description || !CHINESE.test(description.value)) missing.push(where);
  };
  for (const definition of parse(sdl).definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_DEFINITION:
        // Root types need no description of their own, nor Relay edge types; their fields do.
        if (!['Query', 'Mutation'].includes(definition.name.value) && !definition.name.value.endsWith('Edge')) check(definition.name.value, definition.description);
        break;
    }
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) {
        // A key field (id) and Relay connection plumbing (edges, cursor, node, pageInfo) explain themselves.
        if (['id', 'edges', 'node', 'cursor', 'pageInfo'].includes(field.name.value)) continue;
        check(`${definition.name.value}.${field.name.value}`, field.description);
      }
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) check(`${definition.name.value}.${value.name.value}`, value.description);
    }
  }
  return missing;
}

describe('schema documentation for the frontends', () => {
  it.each(SUBGRAPHS.map((subgraph) => [subgraph.app]))('%s describes every type, field and enum value, with the Chinese term', (app) => {
    expect(undescribed(readSubgraphSdl(join(ROOT, 'apps', app, 'src')))).toEqual([]);
  });
});
