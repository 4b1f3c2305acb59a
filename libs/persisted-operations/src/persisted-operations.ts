import { createHash } from 'node:crypto';
import { type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, getOperationAST, Kind, parse, print, type SelectionSetNode } from 'graphql';

/**
 * The operation allow-list: sha256 (hex) of a canonical operation document → that document.
 * Built from the frontends' `*.operations.graphql` files at build time and committed, so what the
 * gateway will execute in `OPERATION_ALLOWLIST=enforce` mode is reviewed like code.
 */
export type PersistedOperationManifest = Record<string, string>;

/** The id of a document: the same sha256 hex that Apollo's persisted-query extension sends. */
export function operationId(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

function isFragment(definition: DefinitionNode): definition is FragmentDefinitionNode {
  return definition.kind === Kind.FRAGMENT_DEFINITION;
}

/** Names of the fragments a selection set spreads, followed through fragments that spread others. */
function usedFragments(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, found = new Set<string>()): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`fragment ${name} is used but not defined`);
      if (!found.has(name)) {
        found.add(name);
        usedFragments(fragment.selectionSet, fragments, found);
      }
    } else if (selection.selectionSet) {
      usedFragments(selection.selectionSet, fragments, found);
    }
  }
  return found;
}

/**
 * One operation with exactly the fragments it uses, printed by graphql-js. This is the form that
 * is hashed: layout, comments and the other operations of the same file do not change an
 * operation's id, so a frontend may send its whole operations file with an `operationName`.
 * Undefined when the document does not name exactly one operation to run.
 */
export function canonicalOperation(document: DocumentNode, operationName?: string | null): string | undefined {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return undefined;
  const fragments = new Map(document.definitions.filter(isFragment).map((fragment) => [fragment.name.value, fragment]));
  const used = [...usedFragments(operation.selectionSet, fragments)].sort();
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...used.map((name) => fragments.get(name) as FragmentDefinitionNode)] });
}

export interface OperationsFile {
  /** Where the operations come from, for error messages (a path relative to the repository). */
  name: string;
  body: string;
}

/**
 * Every operation of the files, canonical and keyed by id. Operations must be named, and a name
 * may be used once across all files: the name is how a reviewer recognises an entry.
 */
export function buildManifest(files: readonly OperationsFile[]): PersistedOperationManifest {
  const entries: Array<[string, string]> = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const document = parse(file.body);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = definition.name?.value;
      if (!name) throw new Error(`${file.name}: every operation needs a name`);
      if (seen.has(name)) throw new Error(`${file.name}: operation ${name} is also defined in ${seen.get(name)}`);
      seen.set(name, file.name);
      const canonical = canonicalOperation(document, name) as string;
      entries.push([operationId(canonical), canonical]);
    }
  }
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The manifest file's text: stable key order and layout, so `--check` can compare it byte for byte. */
export function serializeManifest(manifest: PersistedOperationManifest): string {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
