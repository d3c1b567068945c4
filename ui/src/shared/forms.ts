// Small helpers for the plain resource forms (company, product, contact): the same Zod schemas
// as the server validate as you type, and the server's field problems land on the same inputs.
import { useState } from 'react';
import type { ZodError } from 'zod';
import type { ApiError } from './api/errors';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The first problem of each top-level field of a Zod error. */
export function zodFieldErrors<K extends string>(error: ZodError): FieldErrors<K> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !out[key]) out[key] = issue.message === 'Required' ? 'Required' : issue.message;
  }
  return out as FieldErrors<K>;
}

/** The server's 400 field problems (paths like "data.name") mapped onto the form's fields. */
export function serverFieldErrors<K extends string>(error: ApiError, fields: readonly K[]): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  for (const p of error.fields) {
    const parts = p.path.split(/[./[\]]+/);
    const field = fields.find((f) => parts.includes(f));
    if (field && !out[field]) out[field] = p.message;
  }
  return out;
}

/** Focuses the first field with an error, in the given order (ids are `${prefix}${field}`). */
export function focusFirstError<K extends string>(errors: FieldErrors<K>, order: readonly K[], prefix: string) {
  const first = order.find((f) => errors[f]);
  if (first) document.getElementById(`${prefix}${first}`)?.focus();
}

/** Text values and their errors; typing into a field clears its error. */
export function useTextForm<K extends string>(initial: Record<K, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<K>>({});
  return {
    values,
    errors,
    setErrors,
    set(field: K, value: string) {
      setValues((v) => ({ ...v, [field]: value }));
      if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
    },
    reset(next: Record<K, string>) {
      setValues(next);
      setErrors({});
    },
  };
}
