import * as fc from 'fast-check';
import { type GraphQLInputType, type GraphQLNamedType, type GraphQLSchema, getNamedType, getNullableType, isEnumType, isInputObjectType, isLeafType, isListType, isObjectType } from 'graphql';

/**
 * Schema-driven garbage for every mutation: arguments shaped as the schema says (or as a test's
 * valid example of them), with one value at a time replaced by garbage chosen for the type expected
 * there — or the whole variables object replaced. Built from the schema, so a new mutation, argument
 * or input field is fuzzed without anyone listing it.
 */

type PathStep = string | number;

/** One place a value goes: its path from the variables object and the type expected there. */
interface InputSlot {
  path: PathStep[];
  type: GraphQLInputType;
}

/** What one case does to the one value at its slot. */
type GarbageOp = { op: 'set'; value: unknown; label: string } | { op: 'delete'; label: string } | { op: 'extraField'; name: string; value: unknown; label: string };

/** One generated case: a description for the failure report, and the variables it makes from a valid example. */
export interface FuzzCase {
  label: string;
  variables: (example: Record<string, unknown>) => unknown;
}

// Deeper than any of our inputs (args → input → list → item → field), shallow enough to stop a recursive input type.
const MAX_DEPTH = 6;

export const HUGE_STRING_LENGTH = 100_000;

/** Strings no form should take as they are: huge, invisible, broken, or written to attack a layer below. */
export const HOSTILE_STRINGS: readonly string[] = [
  'A'.repeat(HUGE_STRING_LENGTH),
  '长'.repeat(HUGE_STRING_LENGTH),
  '\u0000',
  'a\u0000b\u0001\u0007\u001b[31m\u007f\u0085c',
  'line\r\nbreak\ttab',
  'abc\uD800',
  '\uDC00xyz',
  "'; DROP TABLE audit_log; --",
  "' OR '1'='1",
  '1); DELETE FROM outbox_event; --',
  "\\'; SELECT pg_sleep(10); --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '   ',
  '',
  '\u202Eevil\u200B',
  '👩‍💻🏭',
  'null',
  '9'.repeat(400),
];

const HOSTILE_INTS: readonly unknown[] = [-1, 0, -2147483648, 2147483647, 2147483648, -2147483649, 1.5, 1e308, -1e308, 2 ** 53, 1e21, '1', 'NaN', 'Infinity', '0x10'];

/** Money is a decimal string of integer fen: these are everything it is not, and the edges of what it is. */
export const HOSTILE_MONEY: readonly unknown[] = ['-1', '1e99', '12.345', '0x10', '', ' 1', '1 000', '99999999999999999999999', 'NaN', 'Infinity', '-0', '+1', '０１', 100, 1e21, '1000000000001', '-1000000000000', '0', '1000000000000'];

/** Days that do not exist, are not written YYYY-MM-DD, or lie at or beyond the edges of any plausible range. */
export const HOSTILE_DATES: readonly unknown[] = ['2026-02-30', '99999-01-01', '0000-00-00', '2026-13-01', '2026-00-10', '0000-01-01', '0001-01-01', '1900-01-01', '2100-12-31', '9999-12-31', '2026-1-1', '2026-02-29', '2028-02-29', '20260101', '2026-01-01T00:00:00Z', 'today', 20260101];

const HOSTILE_DATE_TIMES: readonly unknown[] = ['2026-02-30T00:00:00Z', 'not a time', '275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', 0];

const HOSTILE_IDS: readonly unknown[] = ['not-a-uuid', '', '00000000-0000-0000-0000-000000000000', '0b6f1d2e-5a4c-4c1e-9a51-00000000000Z', '0B6F1D2E-5A4C-4C1E-9A51-000000000001', 12345, -1, 1.5];

const WRONG_JSON_TYPES: readonly unknown[] = [null, true, 0, -1, 1.5, '', 'text', [], [null], {}, { $ne: null }, [1, 2]];

const NON_EMPTY_STRINGS = ['长治测试', '测试文本 1', 'Changzhi'];

/** A value of the type as the schema describes it (not necessarily one the business rules accept). */
export function validValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return depth > MAX_DEPTH ? fc.constant([]) : fc.array(validValue(nullable.ofType, depth + 1), { minLength: 1, maxLength: 2 });
  if (isInputObjectType(nullable)) {
    if (depth > MAX_DEPTH) return fc.constant({});
    const fields = Object.values(nullable.getFields());
    return fc.record(Object.fromEntries(fields.map((field) => [field.name, validValue(field.type, depth + 1)])));
  }
  if (isEnumType(nullable)) return fc.constantFrom(...nullable.getValues().map((value) => value.name));
  switch (nullable.name) {
    case 'Int':
      return fc.integer({ min: 1, max: 100 });
    case 'Float':
      return fc.double({ min: 0, max: 100, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return fc.uuid({ version: 4 });
    case 'Date':
      return fc.constantFrom('2026-03-02', '2025-12-31');
    case 'DateTime':
      return fc.constant('2026-03-02T09:00:00+08:00');
    case 'Money':
      return fc.constantFrom('100', '80000000');
    default:
      return fc.constantFrom(...NON_EMPTY_STRINGS);
  }
}

function set(value: unknown, label: string): GarbageOp {
  return { op: 'set', value, label };
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 40)}… (${json.length} chars)` : json;
}

const fromList = (values: readonly unknown[], kind: string) => fc.constantFrom(...values).map((value) => set(value, `${kind} ${describe(value)}`));

/** Garbage for a leaf of the named scalar or enum type. */
function leafGarbage(named: GraphQLNamedType): fc.Arbitrary<GarbageOp> {
  const strings = fc.oneof(fromList(HOSTILE_STRINGS, 'hostile string'), fc.string({ unit: 'binary', maxLength: 40 }).map((value) => set(value, `random string ${describe(value)}`)));
  if (isEnumType(named)) {
    const names = named.getValues().map((value) => value.name);
    return fc.oneof(fromList(['NOT_A_VALUE', names[0].toLowerCase(), ` ${names[0]}`, `${names[0]}\u0000`, '', 0, true], 'enum garbage'), strings);
  }
  switch (named.name) {
    case 'Int':
    case 'Float':
      return fc.oneof(fromList(HOSTILE_INTS, 'number garbage'), fc.integer().map((value) => set(value, `32-bit integer ${value}`)), fc.integer({ min: -100, max: 10_000 }).map((value) => set(value, `small integer ${value}`)));
    case 'Boolean':
      return fromList(['true', 'false', 1, 0, 'yes'], 'boolean garbage');
    case 'ID':
      return fc.oneof(fromList(HOSTILE_IDS, 'id garbage'), fc.uuid().map((value) => set(value, `unknown id ${value}`)), strings);
    case 'Money':
      return fc.oneof(fromList(HOSTILE_MONEY, 'money garbage'), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((value) => set(value.toString(), `money ${value}`)));
    case 'Date':
      return fc.oneof(
        fromList(HOSTILE_DATES, 'date garbage'),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => set(date.toISOString().slice(0, 10), `far date ${date.toISOString().slice(0, 10)}`)),
      );
    case 'DateTime':
      return fromList(HOSTILE_DATE_TIMES, 'date-time garbage');
    default:
      return strings;
  }
}

/** Garbage for one slot: wrong JSON types and a missing value anywhere, then what fits the type expected there. */
function garbageFor(type: GraphQLInputType): fc.Arbitrary<GarbageOp> {
  const anywhere = fc.oneof(fc.constant<GarbageOp>({ op: 'delete', label: 'missing' }), fromList(WRONG_JSON_TYPES, 'wrong JSON type'));
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    const item = validValue(nullable.ofType);
    return fc.oneof(
      anywhere,
      item.map((value) => set(value, 'one item where a list goes')),
      fc.array(item, { minLength: 300, maxLength: 300 }).map((values) => set(values, 'a list of 300 items')),
      fc.constant(set(Array.from({ length: 50 }, () => 'x'.repeat(5000)), 'a list of 50 strings of 5000 characters')),
      fc.constant(set('x'.repeat(1_500_000), 'a body beyond any sane limit (1.5 million characters)')),
    );
  }
  if (isInputObjectType(nullable)) {
    return fc.oneof(
      anywhere,
      fc.constantFrom('evil', '__proto__', 'constructor').map((name): GarbageOp => ({ op: 'extraField', name, value: '<script>alert(1)</script>', label: `extra field ${name}` })),
      fc.constant(set('{"not":"an object"}', 'JSON text where an object goes')),
    );
  }
  return fc.oneof({ arbitrary: anywhere, weight: 1 }, { arbitrary: leafGarbage(getNamedType(nullable)), weight: 4 });
}

function mutationField(schema: GraphQLSchema, mutation: string) {
  const field = schema.getMutationType()?.getFields()[mutation];
  if (!field) throw new Error(`the schema has no mutation ${mutation}`);
  return field;
}

/** Every mutation of the schema, in declaration order. */
export function mutationNames(schema: GraphQLSchema): string[] {
  return Object.keys(schema.getMutationType()?.getFields() ?? {});
}

/** The operation that sends every argument as a variable of the same name, and asks for nothing but `__typename`. */
export function fuzzDocument(schema: GraphQLSchema, mutation: string): string {
  const field = mutationField(schema, mutation);
  const definitions = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation Fuzz${definitions ? `(${definitions})` : ''} { ${mutation}${args ? `(${args})` : ''}${selection} }`;
}

function slotsOf(path: PathStep[], type: GraphQLInputType, depth: number): InputSlot[] {
  const here: InputSlot = { path, type };
  if (depth > MAX_DEPTH) return [here];
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [here, ...slotsOf([...path, 0], nullable.ofType, depth + 1)];
  if (isInputObjectType(nullable)) return [here, ...Object.values(nullable.getFields()).flatMap((field) => slotsOf([...path, field.name], field.type, depth + 1))];
  return [here];
}

/** Every place a value goes in the mutation's arguments: each argument, input field and first list item. */
export function inputSlots(schema: GraphQLSchema, mutation: string): InputSlot[] {
  return mutationField(schema, mutation).args.flatMap((arg) => slotsOf([arg.name], arg.type, 0));
}

/**
 * The names an input error may give as `extensions.field`: the arguments and every input field
 * below them (a field is written as a path from one of these, e.g. `sites[1].buildingAreaM2`), and
 * the fields of what the mutation returns (a part of the item that is still missing, e.g. an
 * application's `declaredFacts` when it is submitted).
 */
export function inputFieldNames(schema: GraphQLSchema, mutation: string): Set<string> {
  const returned = getNamedType(mutationField(schema, mutation).type);
  const itemFields = isObjectType(returned) ? Object.keys(returned.getFields()) : [];
  return new Set([...inputSlots(schema, mutation).flatMap((slot) => slot.path.filter((step): step is string => typeof step === 'string')), ...itemFields]);
}

const isContainer = (value: unknown): value is Record<PathStep, unknown> => typeof value === 'object' && value !== null;

function at(value: unknown, path: PathStep[]): unknown {
  return path.reduce<unknown>((current, step) => (isContainer(current) ? current[step] : undefined), value);
}

/**
 * The example's variables (valid values generated for any argument the example lacks) with the
 * garbage put at the slot's path; a container missing on the way is taken from the generated value.
 */
function withGarbage(example: Record<string, unknown>, filler: Record<string, unknown>, path: PathStep[], garbage: GarbageOp): Record<string, unknown> {
  const variables: Record<string, unknown> = structuredClone({ ...filler, ...example });
  let container: Record<PathStep, unknown> = variables;
  path.slice(0, -1).forEach((step, index) => {
    if (!isContainer(container[step])) container[step] = structuredClone(at(filler, path.slice(0, index + 1)));
    container = container[step] as Record<PathStep, unknown>;
  });
  const last = path[path.length - 1];
  if (garbage.op === 'delete') delete container[last];
  else if (garbage.op === 'set') container[last] = garbage.value;
  else {
    const target = isContainer(container[last]) ? (container[last] as Record<string, unknown>) : {};
    // defineProperty, so that `__proto__` becomes a key of the JSON sent rather than a prototype.
    container[last] = Object.defineProperty(target, garbage.name, { value: garbage.value, enumerable: true, writable: true, configurable: true });
  }
  return variables;
}

/** A case that fast-check reports by its label when a property fails. */
function fuzzCase(label: string, variables: FuzzCase['variables']): FuzzCase {
  return { label, variables, [fc.toStringMethod]: () => label } as FuzzCase;
}

/** Variables that are garbage as a whole: not an object, random names, or the right names with random JSON. */
function wholeGarbage(argNames: string[]): fc.Arbitrary<FuzzCase> {
  const anyJson = fc.jsonValue({ maxDepth: 2 });
  return fc
    .oneof(
      fc.constantFrom<unknown>('variables', 42, true, [], [{}], null),
      fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 4 }),
      argNames.length > 0 ? fc.record(Object.fromEntries(argNames.map((name) => [name, anyJson]))) : fc.constant({}),
    )
    .map((variables) => fuzzCase(`whole variables ${describe(variables)}`, () => variables));
}

/**
 * Cases for one mutation: mostly one slot at a time given garbage fitting its type, in an
 * otherwise valid example; sometimes garbage variables as a whole.
 */
export function inputFuzzCases(schema: GraphQLSchema, mutation: string): fc.Arbitrary<FuzzCase> {
  const field = mutationField(schema, mutation);
  const filler = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, validValue(arg.type)])));
  const slots = inputSlots(schema, mutation);
  const whole = wholeGarbage(field.args.map((arg) => arg.name));
  if (slots.length === 0) return whole;
  const oneSlot = fc.constantFrom(...slots).chain((slot) =>
    fc.record({ garbage: garbageFor(slot.type), filler }).map(({ garbage, filler: generated }) =>
      fuzzCase(`${slot.path.join('.')} ← ${garbage.label}`, (example) => withGarbage(example, generated, slot.path, garbage)),
    ),
  );
  return fc.oneof({ arbitrary: oneSlot, weight: 6 }, { arbitrary: whole, weight: 1 });
}
