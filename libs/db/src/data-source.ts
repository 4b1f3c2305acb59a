import 'reflect-metadata';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { StatementCountingLogger, WriteCountingSubscriber } from './statement-stats';

export interface ServiceDataSourceOptions {
  url: string;
  /** The PostgreSQL schema this service owns; its migrations table lives there too. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
  onQueryError?: (message: string) => void;
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    // Schema changes only ever come from reviewed, checked-in migrations.
    synchronize: false,
    migrationsRun: false,
    logging: true,
    logger: new StatementCountingLogger(options.onQueryError),
    subscribers: [WriteCountingSubscriber],
    applicationName: options.applicationName ?? options.schema,
    poolSize: options.poolSize ?? 10,
    extra: { options: `-c search_path=${options.schema},public -c timezone=Asia/Shanghai` },
  });
}

/** Creates the service schema (the migrations table lives in it) and applies pending migrations. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('data source has no schema');
  const wasInitialized = dataSource.isInitialized;
  if (!wasInitialized) await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    if (!wasInitialized) await dataSource.destroy();
  }
}
