import { seedWhenEmpty } from '@cz/db';
import { parseSeedArguments, type SeedArguments } from '@cz/demo-data';
import type { EntityManager } from 'typeorm';
import { runSeed, withMigratedDataSource } from './run-seed';
import type { SubgraphConfig } from './subgraph-config';
import type { SubgraphServiceDefinition } from './run-subgraph-service';
import type { SubgraphContext } from './subgraph-server';

/** A service's part of `npm run seed -- --scale`: it writes its own tables of the scaled city. */
export interface ScaledSeeder {
  /** The table whose rows mean "this service has data": the scaled city loads only while it is empty. */
  table: string;
  /** Writes through the caller's transaction; returns rows written per table. */
  seed: (manager: EntityManager, options: { seed: number; scale: number }) => Promise<Record<string, number>>;
}

const number = (value: number) => value.toLocaleString('en-US');

/** Why a statement failed, with PostgreSQL's particulars (constraint, table) when there are any. */
function failure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const pg = error as Error & { detail?: string; constraint?: string; table?: string };
  return [error.message, pg.table && `table ${pg.table}`, pg.constraint && `constraint ${pg.constraint}`, pg.detail].filter(Boolean).join('; ');
}

async function seedScaled<C extends SubgraphContext>(definition: SubgraphServiceDefinition<C>, config: SubgraphConfig, seeder: ScaledSeeder | undefined, options: Required<SeedArguments>): Promise<void> {
  const started = performance.now();
  await withMigratedDataSource(definition, config, async (dataSource) => {
    if (!seeder) {
      console.log(`${definition.displayName}: nothing to scale (its rows come from people using the system), schema up to date`);
      return;
    }
    let rows: Record<string, number> = {};
    let total = 0;
    const written = await seedWhenEmpty(dataSource, definition.schema, seeder.table, async (manager) => {
      rows = await seeder.seed(manager, options);
      total = Object.values(rows).reduce((sum, count) => sum + count, 0);
      return Math.max(1, total);
    });
    if (written === 0) {
      console.error(
        `${definition.displayName}: refused: ${definition.schema}.${seeder.table} already has rows. The scaled city loads only into empty tables (as the demo data does); ` +
          `use a fresh database, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/czhr_scaled npm run seed -- --scale`,
      );
      process.exitCode = 1;
      return;
    }
    // Fresh statistics, so the planner sees tens of thousands of rows where it saw none.
    for (const table of Object.keys(rows)) await dataSource.query(`ANALYZE "${definition.schema}"."${table}"`);
    const tables = Object.entries(rows)
      .filter(([, count]) => count > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([table, count]) => `${table} ${number(count)}`)
      .join(', ');
    console.log(`${definition.displayName}: loaded ${number(total)} rows in ${((performance.now() - started) / 1000).toFixed(1)} s (scale ${options.scale}, seed ${options.seed}: ${tables})`);
  });
}

/**
 * `npm run seed` for one service: without options the demo data set (runSeed); with
 * `--scale [factor] [--seed n]` the service's part of the scaled city, in one transaction, only
 * into empty tables. A service without a seeder only migrates.
 */
export function runSeedCommand<C extends SubgraphContext>(definition: SubgraphServiceDefinition<C>, config: SubgraphConfig, seeder?: ScaledSeeder): void {
  let options: SeedArguments;
  try {
    options = parseSeedArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${definition.displayName}: ${(error as Error).message}`);
    process.exit(2);
  }
  if (options.scale === undefined) return runSeed(definition, config);
  seedScaled(definition, config, seeder, { seed: options.seed, scale: options.scale }).catch((error) => {
    console.error(`${definition.displayName}: scaled seeding failed: ${failure(error)}`);
    process.exit(1);
  });
}
