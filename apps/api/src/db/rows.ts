/**
 * Rows of an UPDATE/DELETE … RETURNING through TypeORM: the pg driver hands back
 * `[rows, rowCount]`, PGlite just `rows`. Every RETURNING of those goes through here.
 */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === "number"
  )
    return result[0] as T[];
  return result as T[];
}
