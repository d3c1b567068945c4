import type { StateChange } from '../schemas/transcript.js';

// What a turn changed in a wizard's state, field by field, for its transcript. Nested objects are
// walked ("persona.title"); lists and plain values are compared whole. The conversation itself and
// the bookkeeping beside it (where each value came from) are not state changes.
const NOT_CHANGES = new Set(['messages', 'origins']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function stateChanges(before: unknown, after: unknown): StateChange[] {
  const changes: StateChange[] = [];
  const walk = (from: unknown, to: unknown, path: string) => {
    if (isRecord(from) && isRecord(to)) {
      for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
        if (!path && NOT_CHANGES.has(key)) continue;
        walk(from[key], to[key], path ? `${path}.${key}` : key);
      }
      return;
    }
    if (JSON.stringify(from) === JSON.stringify(to)) return;
    changes.push({ field: path, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  };
  walk(before, after, '');
  return changes;
}
