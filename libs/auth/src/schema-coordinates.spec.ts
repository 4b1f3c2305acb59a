import { ACCESS_POLICY, type Operation, scopeOf } from './access-policy';
import { type CoordinateAccess, SCHEMA_ACCESS } from './schema-coordinates';

const entries = Object.entries(SCHEMA_ACCESS as Readonly<Record<string, CoordinateAccess>>);
const guardsOf = (access: CoordinateAccess): Operation[] => ('guard' in access ? [access.guard].flat() : 'masked' in access && access.whole ? [access.whole] : []);

/** The operation a coordinate finally rests on: its own guard, or its parent's for `inherits`. */
function resolved(coordinate: string, seen: readonly string[] = []): CoordinateAccess {
  const access = (SCHEMA_ACCESS as Readonly<Record<string, CoordinateAccess>>)[coordinate];
  if (!access) throw new Error(`${[...seen, coordinate].join(' → ')}: not declared`);
  if (seen.includes(coordinate)) throw new Error(`${[...seen, coordinate].join(' → ')}: inherits in a circle`);
  return 'inherits' in access ? resolved(access.inherits, [...seen, coordinate]) : access;
}

/** Operations guarding HTTP file routes rather than GraphQL fields (uploads go to /files/…, not through the schema). */
const FILE_ROUTE_OPERATIONS: readonly Operation[] = ['funding.evidence.upload'];

describe('SCHEMA_ACCESS', () => {
  it('uses every operation of ACCESS_POLICY somewhere: a policy line that guards nothing proves nothing', () => {
    const used = new Set(entries.flatMap(([, access]) => guardsOf(access)));
    const unused = (Object.keys(ACCESS_POLICY) as Operation[]).filter((operation) => !used.has(operation) && !FILE_ROUTE_OPERATIONS.includes(operation));
    expect(unused).toEqual([]);
  });

  it('resolves every inherits to a guard of its own, without circles', () => {
    for (const [coordinate] of entries) expect(() => resolved(coordinate)).not.toThrow();
    expect(entries.filter(([coordinate]) => 'inherits' in resolved(coordinate))).toEqual([]);
  });

  it('lets the public call no mutation but filing an objection (公示异议 is open to anyone)', () => {
    const open = entries.filter(([coordinate, access]) => coordinate.startsWith('Mutation.') && guardsOf(resolved(coordinate)).every((operation) => scopeOf('PUBLIC', operation) !== undefined) && guardsOf(access).length > 0);
    expect(open.map(([coordinate]) => coordinate)).toEqual(['Mutation.fileObjection']);
  });

  it('never shows the data team personal data whole (DESIGN §1: it sees aggregates and masked data only)', () => {
    // Masked fields, and fields that carry personal data behind their parent's guard (e-mail addresses of the directory).
    const personal = entries.filter(([coordinate, access]) => 'masked' in access || ('inherits' in access && /contact|email|phone|filer/i.test(coordinate)));
    expect(personal.length).toBeGreaterThan(0);
    const readsWhole = (coordinate: string) => {
      const access = resolved(coordinate);
      const operations = 'masked' in access ? (access.whole ? [access.whole] : []) : guardsOf(access);
      return operations.length > 0 && operations.every((operation) => scopeOf('DATA_TEAM', operation) !== undefined);
    };
    expect(personal.filter(([coordinate]) => readsWhole(coordinate)).map(([coordinate]) => coordinate)).toEqual([]);
  });
});
