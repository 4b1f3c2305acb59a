const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a uuid cannot exist; loaders drop it so a typo never becomes an SQL error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
