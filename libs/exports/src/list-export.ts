import { ParkRefEntity } from '@cz/park-refs';
import { type DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/** A list export's rows narrowed to the years asked for (inclusive); an absent end leaves that side open, as the lists do. */
export function withinYears<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, yearColumn: string, { fromYear, toYear }: { fromYear: number | null; toYear: number | null }): SelectQueryBuilder<T> {
  if (fromYear != null) query.andWhere(`${yearColumn} >= :exportFromYear`, { exportFromYear: fromYear });
  if (toYear != null) query.andWhere(`${yearColumn} <= :exportToYear`, { exportToYear: toYear });
  return query;
}

/** The service's copy of each park's facts (name, county) for a list of park-owned rows, in one statement. */
export async function parkRefsOf(dataSource: DataSource, rows: ReadonlyArray<{ parkId: string }>): Promise<Map<string, ParkRefEntity>> {
  const refs = await dataSource.getRepository(ParkRefEntity).findBy({ parkId: In([...new Set(rows.map((row) => row.parkId))]) });
  return new Map(refs.map((ref) => [ref.parkId, ref]));
}
