import { PERSONA_FIELDS, type PersonaDraft, type PersonaField } from '../../schemas/persona.js';

export type FieldChange = {
  field: PersonaField;
  before: string | string[] | null;
  after: string | string[] | null;
};

/** What changed between two versions of a persona, field by field, in form order. */
export function diffPersonas(before: PersonaDraft | null, after: PersonaDraft): FieldChange[] {
  if (!before) return [];
  const changes: FieldChange[] = [];
  for (const field of PERSONA_FIELDS) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}
