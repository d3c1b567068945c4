export type JsonObject = Record<string, unknown>;

export type JsonObjectCheck = { ok: true; value: JsonObject | null } | { ok: false; message: string };

/** Pasted text → a JSON object (empty text → null). Arrays and plain values are refused. */
export function parseJsonObject(text: string): JsonObjectCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: null };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^JSON\.parse: /, '') : '';
    return { ok: false, message: `This is not valid JSON${detail ? ` (${detail})` : ''}. Paste the record exactly as exported.` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'Paste a JSON object: { "name": …, "title": … }, not a list or a single value.' };
  }
  return { ok: true, value: value as JsonObject };
}

export const prettyJson = (value: unknown) => JSON.stringify(value, null, 2);
