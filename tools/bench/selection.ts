/** The parts of an introspection answer a selection is built from. */
export interface IntrospectedTypeRef {
  kind: string;
  name: string | null;
  ofType: IntrospectedTypeRef | null;
}

export interface IntrospectedType {
  kind: string;
  name: string;
  fields: Array<{ name: string; args: Array<{ type: IntrospectedTypeRef; defaultValue: string | null }>; type: IntrospectedTypeRef }> | null;
}

export const INTROSPECTION_QUERY = `{ __schema { types { kind name fields { name args { defaultValue type { ...ref } } type { ...ref } } } } }
fragment ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

const named = (ref: IntrospectedTypeRef): IntrospectedTypeRef => (ref.ofType ? named(ref.ofType) : ref);

/**
 * Every field of a type a client could ask for without arguments, down to `depth` levels: the
 * whole answer of a statistics query, so the benchmark times what a dashboard asks and keeps
 * doing so as the statistics grow fields.
 */
export function fullSelection(typeName: string, types: readonly IntrospectedType[], depth = 4): string {
  const type = types.find((candidate) => candidate.name === typeName);
  const fields = (type?.fields ?? []).filter((field) => field.args.every((arg) => arg.type.kind !== 'NON_NULL' || arg.defaultValue !== null));
  const parts = fields.flatMap((field) => {
    const target = named(field.type);
    if (target.kind === 'SCALAR' || target.kind === 'ENUM') return [field.name];
    if (target.kind !== 'OBJECT' || depth <= 1) return [];
    const inner = fullSelection(target.name as string, types, depth - 1);
    return inner ? [`${field.name} ${inner}`] : [];
  });
  return parts.length > 0 ? `{ ${parts.join(' ')} }` : '';
}

/** The named type a Query field answers with, or undefined when the supergraph has no such field. */
export function queryFieldType(field: string, types: readonly IntrospectedType[]): string | undefined {
  const query = types.find((type) => type.name === 'Query');
  const found = query?.fields?.find((candidate) => candidate.name === field);
  return found ? (named(found.type).name ?? undefined) : undefined;
}
