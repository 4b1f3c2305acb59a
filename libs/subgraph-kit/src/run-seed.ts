import { ensureDatabase, migrate } from '@cz/db';
import type { DataSource } from 'typeorm';
import type { SubgraphConfig } from './subgraph-config';
import type { SubgraphServiceDefinition } from './run-subgraph-service';
import type { SubgraphContext } from './subgraph-server';

/** Creates the service's database if needed, migrates it, and lends its data source to `work`. */
export async function withMigratedDataSource<C extends SubgraphContext, T>(definition: SubgraphServiceDefinition<C>, config: SubgraphConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  await ensureDatabase(config.DATABASE_URL);
  const dataSource = definition.createDataSource(config.DATABASE_URL, () => undefined);
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** `npm run seed` for one service: migrate, then load the demo data if its tables are empty. */
export function runSeed<C extends SubgraphContext>(definition: SubgraphServiceDefinition<C>, config: SubgraphConfig): void {
  withMigratedDataSource(definition, config, async (dataSource) => {
    const written = (await definition.seedDemo?.(dataSource)) ?? 0;
    console.log(written > 0 ? `${definition.displayName}: loaded ${written} demo records` : `${definition.displayName}: already has data, nothing loaded`);
  }).catch((error) => {
    console.error(`${definition.displayName}: seeding failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}

/** `nx run <app>:migrate`: apply pending migrations and exit. */
export function runMigrate<C extends SubgraphContext>(definition: SubgraphServiceDefinition<C>, config: SubgraphConfig): void {
  const run = async () => {
    await ensureDatabase(config.DATABASE_URL);
    const dataSource = definition.createDataSource(config.DATABASE_URL, () => undefined);
    const applied = await migrate(dataSource);
    console.log(applied.length > 0 ? `${definition.displayName}: applied ${applied.join(', ')}` : `${definition.displayName}: schema up to date`);
  };
  run().catch((error) => {
    console.error(`${definition.displayName}: migration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
