import { type AccessCoordinate, ROLES, SCHEMA_ACCESS } from '@cz/auth';
import { type CellResult, cellIdentity, expectedThrough, JURISDICTIONS, mismatchTable } from './support/matrix-cells';
import { type Cell, NOT_PROBED, type Probe, PROBES } from './support/matrix-probes';
import { outcomeOf, send } from './support/matrix-run';
import { buildWorld, MATRIX_CLOCK, type World } from './support/matrix-world';
import { type RunningSystem, startSystem } from './support/system';

/**
 * Issue 6 (1): the declared access policy, proven through the running system. For every
 * coordinate of SCHEMA_ACCESS — each Query and Mutation field, each entity's `_entities` path,
 * each guarded or personal-data field — one probe runs as every role, once with the jurisdiction
 * of the record it aims at and once with another, and what the system answers must be what
 * ACCESS_POLICY and SCHEMA_ACCESS say it should. Reads run first (side by side), then the
 * mutations one by one, so no mutation changes what a read relies on.
 */
const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

describe('the access matrix: every role × coordinate × jurisdiction, as declared', () => {
  let system: RunningSystem;
  let world: World;

  beforeAll(async () => {
    // Each probe sends its own client address, which the gateway believes behind one proxy hop.
    system = await startSystem('matrix', { clockAt: MATRIX_CLOCK, extraEnv: { TRUST_PROXY: '1' } });
    world = await buildWorld(system);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('has a probe for every coordinate SCHEMA_ACCESS declares (a new field cannot slip through)', () => {
    const probed = new Set<string>(PROBES.map((probe) => probe.coordinate));
    const missing = (Object.keys(SCHEMA_ACCESS) as AccessCoordinate[]).filter((coordinate) => !probed.has(coordinate) && !NOT_PROBED.has(coordinate));
    expect(missing).toEqual([]);
  });

  it('answers every cell exactly as the policy declares', async () => {
    let serial = 0;
    const cellsOf = (probe: Probe) =>
      ROLES.flatMap((role) =>
        JURISDICTIONS.map((jurisdiction) => {
          const target = probe.target?.(world, role);
          const cell: Cell = { role, jurisdiction, identity: cellIdentity(role, jurisdiction, target, world.places), serial: (serial += 1) };
          return { probe, cell, expected: expectedThrough(probe.through, probe.coordinate, role, jurisdiction, cell.identity, target) };
        }),
      );
    const run = async ({ probe, cell, expected }: ReturnType<typeof cellsOf>[number]): Promise<CellResult> => ({
      coordinate: probe.coordinate,
      role: cell.role,
      jurisdiction: cell.jurisdiction,
      expected,
      actual: outcomeOf(await send(system, world, probe, cell), probe, world, cell),
    });

    // A mutation's cells run in role order, one after the other: where the first entitled caller
    // changes the record (dismisses the objection, reviews the spending), the next sees a conflict.
    // Different mutations aim at different records, so they run side by side.
    const isMutation = (probe: Probe) => probe.document.trimStart().startsWith('mutation');
    const reads = PROBES.filter((probe) => !isMutation(probe)).flatMap(cellsOf);
    const writes = PROBES.filter(isMutation).map(cellsOf);
    const results: CellResult[] = [];
    for (const batch of chunks(reads, 12)) results.push(...(await Promise.all(batch.map(run))));
    for (const batch of chunks(writes, 6)) {
      const done = await Promise.all(batch.map(async (cells) => {
        const answered: CellResult[] = [];
        for (const cell of cells) answered.push(await run(cell));
        return answered;
      }));
      results.push(...done.flat());
    }

    const coordinates = new Set(results.map((result) => result.coordinate)).size;
    console.log(`access matrix: ${results.length} role × operation cells checked (${coordinates} coordinates, ${ROLES.length} roles, own/other jurisdiction)`);
    const mismatches = mismatchTable(results);
    if (mismatches) throw new Error(mismatches);
  }, 240_000);
});
