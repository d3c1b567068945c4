/** The rows of `db.execute`: node-postgres answers a result with `rows`, PGlite's Drizzle driver may answer the array itself. */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
