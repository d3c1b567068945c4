/**
 * A list in pieces small enough for one statement: Postgres takes at most 65,535 bound parameters,
 * so a statement over thousands of rows (or an IN list of thousands of values) goes in several.
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
