import type { ParkStatus } from '@cz/queue-contracts';
import type { DataSource } from 'typeorm';

/**
 * Factory: `count` parks a service knows of (as if the registry's events had arrived), named
 * `<namePrefix>1…n` with official names `长治<namePrefix>1…n`, in one county. Returns their ids in order.
 */
export async function createParkRefs(dataSource: DataSource, schema: string, options: { count: number; namePrefix: string; countyCode?: string; status?: ParkStatus }): Promise<string[]> {
  const rows: Array<{ park_id: string }> = await dataSource.query(
    `INSERT INTO "${schema}"."park_ref" ("park_id", "name", "official_name", "county_code", "status", "source_version")
     SELECT gen_random_uuid(), $1 || n, '长治' || $1 || n, $2, $3, 1 FROM generate_series(1, $4::int) AS n ORDER BY n RETURNING "park_id"`,
    [options.namePrefix, options.countyCode ?? '140426', options.status ?? 'RECOGNISED', options.count],
  );
  return rows.map((row) => row.park_id);
}
