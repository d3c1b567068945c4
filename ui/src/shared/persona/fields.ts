// How persona fields look and validate in a form. Used by the wizard's form and by the
// persona editor, so both edit the same fields the same way, with the same Zod schema.
import { PERSONA_FIELDS, PERSONA_FIELD_LABELS, PersonaFieldsSchema, REQUIRED_PERSONA_FIELDS, type PersonaDraft, type PersonaField } from '@schemas/persona.js';
import { PERSONA_PHASE_LABELS, PERSONA_TOPICS } from '@schemas/persona-definition.js';

export type FieldGroup = { topic: keyof typeof PERSONA_TOPICS; label: string; fields: readonly PersonaField[] };

export const FIELD_GROUPS: FieldGroup[] = (Object.keys(PERSONA_TOPICS) as (keyof typeof PERSONA_TOPICS)[]).map((topic) => ({
  topic,
  label: PERSONA_PHASE_LABELS[topic],
  fields: PERSONA_TOPICS[topic],
}));

export const fieldLabel = (field: PersonaField) => PERSONA_FIELD_LABELS[field];
export const isRequiredField = (field: PersonaField) => REQUIRED_PERSONA_FIELDS.includes(field);
export const isListField = (field: PersonaField) => field === 'painPoints';

/** Fields edited in a multi-line box. */
const LONG_FIELDS: readonly PersonaField[] = ['role', 'coreGoal', 'painPoints', 'needForOurProduct', 'potentialPitch'];
export const isLongField = (field: PersonaField) => LONG_FIELDS.includes(field);

/** A short example for the empty input, taken from the schema's description ("… e.g. "Fintech""). */
export function fieldPlaceholder(field: PersonaField): string {
  if (isListField(field)) return 'One pain point per line';
  const description = PersonaFieldsSchema.shape[field].description ?? '';
  const example = /e\.g\.\s*(.+)$/.exec(description)?.[1];
  return example ? `e.g. ${example.replace(/"/g, '')}` : description;
}

/** A stored value as the text in its input (lists: one item per line). */
export function toInputText(value: unknown): string {
  if (Array.isArray(value)) return value.join('\n');
  return typeof value === 'string' ? value : '';
}

/** Input text as a value: lists split by line; empty → null (the field is cleared). */
export function fromInputText(field: PersonaField, text: string): string | string[] | null {
  if (isListField(field)) {
    const items = text
      .split('\n')
      .map((line) => line.replace(/^\s*[-*•]\s+/, '').trim())
      .filter(Boolean);
    return items.length ? items : null;
  }
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}

export type FieldCheck = { ok: true; value: string | string[] | null } | { ok: false; message: string };

/** Validates one field's input text with the shared Zod schema. Empty input is a valid "clear". */
export function checkField(field: PersonaField, text: string): FieldCheck {
  const value = fromInputText(field, text);
  if (value === null) return { ok: true, value };
  const result = PersonaFieldsSchema.shape[field].safeParse(value);
  if (result.success) return { ok: true, value: result.data as string | string[] };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length && typeof issue.path[0] === 'number' ? `Line ${issue.path[0] + 1}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'Invalid value'}` };
}

/** True when the input text means the same value as the stored one. */
export function sameValue(field: PersonaField, text: string, stored: unknown): boolean {
  const value = fromInputText(field, text);
  const current = stored === undefined || (Array.isArray(stored) && stored.length === 0) || stored === '' ? null : stored;
  return JSON.stringify(value) === JSON.stringify(current ?? null);
}

/** Maps server field problems (paths like "patch.industry", "/data/painPoints/0") to fields. */
export function fieldErrorsFromProblems(problems: { path: string; message: string }[]): Partial<Record<PersonaField, string>> {
  const out: Partial<Record<PersonaField, string>> = {};
  const names = Object.keys(PERSONA_FIELD_LABELS) as PersonaField[];
  for (const p of problems) {
    const field = names.find((n) => p.path.split(/[./[\]]+/).includes(n));
    if (field && !out[field]) out[field] = p.message;
  }
  return out;
}

/** Every field's input text, one entry per field. */
export type FieldTexts = Record<PersonaField, string>;

export const textsFrom = (data: PersonaDraft): FieldTexts => Object.fromEntries(PERSONA_FIELDS.map((f) => [f, toInputText(data[f])])) as FieldTexts;

/** The filled fields of a form as a persona value (empty inputs are left out). */
export function draftFromTexts(texts: FieldTexts): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of PERSONA_FIELDS) {
    const value = fromInputText(f, texts[f]);
    if (value !== null) out[f] = value;
  }
  return out;
}

export type { PersonaDraft, PersonaField };
