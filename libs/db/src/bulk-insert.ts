import type { EntityManager } from 'typeorm';

/**
 * A row: an object whose keys are the columns in camelCase and whose values are strings, numbers,
 * bigints, booleans, dates, Buffers (bytea), arrays (array columns) or objects (jsonb), or null.
 * Interfaces are accepted as they are, hence `object`.
 */
export type BulkRow = object;

/** How many rows one INSERT carries: large enough to be fast, small enough for one statement's parameters. */
const BATCH_ROWS = 5_000;

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A PostgreSQL array literal of text elements, for array columns (e.g. varchar(30)[]). */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${String(value).replace(/[\\"]/g, (char) => `\\${char}`)}"`)).join(',')}}`;
}

/** Every value travels as text and is cast by the column's own type, so one statement shape fits every table. */
function asText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (type.endsWith('[]')) return arrayLiteral(value as readonly unknown[]);
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Inserts many rows with a few multi-row statements: `INSERT … SELECT … FROM unnest($1::text[], …)`,
 * each column cast to its declared type, in batches. Rows are objects whose keys are the columns
 * in camelCase (`officialName` → "official_name"); a key the table lacks is an error rather than
 * silently lost data. The casts name the bare type (varchar, not varchar(100)), so a value too long
 * for its column fails as in any INSERT instead of being cut by an explicit cast; constraints and
 * triggers run as for any INSERT. Returns the rows written.
 */
export async function insertRows(manager: EntityManager, schema: string, table: string, rows: readonly BulkRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const types = new Map<string, string>(
    (
      await manager.query(
        `SELECT attname AS "name", format_type(atttypid, NULL) AS "type" FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [`${quote(schema)}.${quote(table)}`],
      )
      // Bare "character" means char(1) in a cast; bpchar is the same type without a length.
    ).map((column: { name: string; type: string }) => [column.name, column.type.replace(/^character(?=\[|$)/, 'bpchar')]),
  );
  const keys = Object.keys(rows[0]);
  const columns = keys.map(snakeCase);
  const unknown = columns.filter((column) => !types.has(column));
  if (unknown.length > 0) throw new Error(`${schema}.${table} has no column ${unknown.join(', ')}`);
  const select = columns.map((column) => `${quote(column)}::${types.get(column)}`).join(', ');
  const sql = `INSERT INTO ${quote(schema)}.${quote(table)} (${columns.map(quote).join(', ')})
    SELECT ${select} FROM unnest(${columns.map((_, index) => `$${index + 1}::text[]`).join(', ')}) AS source (${columns.map(quote).join(', ')})`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await manager.query(
      sql,
      keys.map((key, index) => batch.map((row) => asText((row as Record<string, unknown>)[key], types.get(columns[index]) as string))),
    );
  }
  return rows.length;
}

/** Inserts each table's rows in the order given (parents before children); returns rows per table. */
export async function insertTables(manager: EntityManager, schema: string, tables: ReadonlyArray<readonly [table: string, rows: readonly BulkRow[]]>): Promise<Record<string, number>> {
  const written: Record<string, number> = {};
  for (const [table, rows] of tables) written[table] = (written[table] ?? 0) + (await insertRows(manager, schema, table, rows));
  return written;
}
