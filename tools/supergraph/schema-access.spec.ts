import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_POLICY, type CoordinateAccess, SCHEMA_ACCESS } from '@cz/auth';
import { type ConstDirectiveNode, Kind, parse } from 'graphql';

/**
 * SCHEMA_ACCESS must answer for the whole supergraph the gateway serves: a root field or an entity
 * without an entry would be a way in that nobody declared, and an entry naming a field or an
 * operation that does not exist would be a declaration that proves nothing.
 */
const SUPERGRAPH = parse(readFileSync(join(__dirname, '..', '..', 'apps', 'gateway', 'supergraph.graphql'), 'utf8'));
/** A field described as personal information (个人信息), not one that says it holds none (不含…个人信息) or how it records it (个人信息只记…). */
const isPersonalData = (description: string) => description.includes('个人信息') && !/不含|只记/.test(description);

const isEntity = (directives: readonly ConstDirectiveNode[] | undefined) =>
  (directives ?? []).some((directive) => directive.name.value === 'join__type' && (directive.arguments ?? []).some((argument) => argument.name.value === 'key'));

const objectFields = new Set<string>();
const inputFields = new Set<string>();
const rootFields: string[] = [];
const entities: string[] = [];
const personalDataFields: string[] = [];
for (const definition of SUPERGRAPH.definitions) {
  if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
    const type = definition.name.value;
    if (isEntity(definition.directives)) entities.push(type);
    for (const field of definition.fields ?? []) {
      objectFields.add(`${type}.${field.name.value}`);
      if (type === 'Query' || type === 'Mutation') rootFields.push(`${type}.${field.name.value}`);
      if (field.description && isPersonalData(field.description.value)) personalDataFields.push(`${type}.${field.name.value}`);
    }
  }
  if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) for (const field of definition.fields ?? []) inputFields.add(`${definition.name.value}.${field.name.value}`);
}

const declared = SCHEMA_ACCESS as Readonly<Record<string, CoordinateAccess>>;
const operationsOf = (access: CoordinateAccess): string[] => ('guard' in access ? [access.guard].flat() : 'masked' in access ? (access.whole ? [access.whole] : []) : []);

describe('SCHEMA_ACCESS covers the supergraph', () => {
  it('reads a supergraph with root fields and entities (the checks below are not vacuous)', () => {
    expect(rootFields.length).toBeGreaterThan(50);
    expect(entities).toEqual(expect.arrayContaining(['Park', 'Application', 'FundingAward', 'Assessment']));
  });

  it('declares the guard of every Query and Mutation field', () => {
    expect(rootFields.filter((coordinate) => !(coordinate in declared))).toEqual([]);
  });

  it('declares the guard of every entity’s _entities path', () => {
    expect(entities.filter((type) => !(`${type}.__resolveReference` in declared))).toEqual([]);
  });

  it('declares every field described as personal information (个人信息), masked or behind a guard', () => {
    expect(personalDataFields.filter((coordinate) => !(coordinate in declared))).toEqual([]);
  });

  it('names only coordinates that exist in the supergraph', () => {
    const exists = (coordinate: string) => {
      const [type, field] = coordinate.split('.');
      return field === '__resolveReference' ? entities.includes(type) : objectFields.has(coordinate) || inputFields.has(coordinate);
    };
    expect(Object.keys(declared).filter((coordinate) => !exists(coordinate))).toEqual([]);
  });

  it('names only operations of ACCESS_POLICY, and inherits only from declared coordinates', () => {
    const unknown = Object.entries(declared).flatMap(([coordinate, access]) => operationsOf(access).filter((operation) => !(operation in ACCESS_POLICY)).map((operation) => `${coordinate} → ${operation}`));
    expect(unknown).toEqual([]);
    const orphans = Object.entries(declared).filter(([, access]) => 'inherits' in access && !(access.inherits in declared)).map(([coordinate]) => coordinate);
    expect(orphans).toEqual([]);
  });
});
