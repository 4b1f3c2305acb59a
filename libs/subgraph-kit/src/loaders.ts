import DataLoader from 'dataloader';

/**
 * A per-request loader for rows by a unique key. `fetch` receives the whole batch and must run
 * one statement (`WHERE key = ANY($1)`); results come back in key order, null where missing.
 */
export function loaderByKey<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader for the rows that belong to each key (one-to-many), in one statement. */
export function loaderGroupedByKey<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * A per-request value (typically a DataLoader) that a feature module creates on first use and
 * caches on the request's context, so modules batch without editing the app's loaders file.
 */
export function perRequest<C extends object, T>(factory: (context: C) => T): (context: C) => T {
  const cache = new WeakMap<C, T>();
  return (context) => {
    let value = cache.get(context);
    if (value === undefined) {
      value = factory(context);
      cache.set(context, value);
    }
    return value;
  };
}
