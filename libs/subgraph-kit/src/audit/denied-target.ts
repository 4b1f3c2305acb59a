import type { AuditEntry } from '@cz/db';

/** What a denied field was aimed at, as far as the request says. */
export interface DeniedField {
  /** `Query`, `Mutation`, or the type whose field was denied (e.g. `Park` for `Park.applications`). */
  parentType: string;
  fieldName: string;
  /** The field's named return type, e.g. `Park` for `park(id:)`. */
  returnType: string;
  args: Record<string, unknown>;
  /** The id of the object whose field was denied, for fields below the root. */
  parentId?: string;
}

const ROOT_TYPES = new Set(['Query', 'Mutation']);

const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** `id`, or the first `<thing>Id` argument with a string value (then `<Thing>` is the type). */
function idArgument(args: Record<string, unknown>, returnType: string): { targetType: string; targetId: string } | undefined {
  if (typeof args.id === 'string') return { targetType: returnType, targetId: args.id };
  for (const [name, value] of Object.entries(args)) {
    if (name.endsWith('Id') && name.length > 2 && typeof value === 'string') return { targetType: capitalised(name.slice(0, -2)), targetId: value };
  }
  return undefined;
}

/**
 * The audit target of a denied field: the id it names in its arguments (or in its `input`), or the
 * object it was read from; a list or a create names no single target (`*`).
 */
export function deniedTarget(field: DeniedField): Pick<AuditEntry, 'targetType' | 'targetId'> {
  const input = field.args.input;
  const named = idArgument(field.args, field.returnType) ?? (input && typeof input === 'object' && !Array.isArray(input) ? idArgument(input as Record<string, unknown>, field.returnType) : undefined);
  if (named) return named;
  if (!ROOT_TYPES.has(field.parentType) && field.parentId) return { targetType: field.parentType, targetId: field.parentId };
  return { targetType: `${field.parentType}.${field.fieldName}`, targetId: '*' };
}

/** The target of a denied `_entities` representation: its type and its key (`id`, or every key field). */
export function deniedReference(representation: unknown): Pick<AuditEntry, 'targetType' | 'targetId'> {
  if (!representation || typeof representation !== 'object') return { targetType: '_entities', targetId: '*' };
  const { __typename, ...keys } = representation as Record<string, unknown>;
  const targetType = typeof __typename === 'string' ? __typename : '_entities';
  const targetId = typeof keys.id === 'string' ? keys.id : JSON.stringify(keys);
  return { targetType, targetId };
}
