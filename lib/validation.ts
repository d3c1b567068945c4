import type { ZodError } from 'zod';

export type FieldError = { path: string; message: string };

export function fieldErrors(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path].filter((p) => p !== '').join('.') || '(body)';
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` };
    }
    return { path, message: issue.message };
  });
}

/** One line a person can read: "patch.industry: Expected string, received number; ..." */
export function describeFieldErrors(errors: FieldError[]): string {
  return `Invalid input: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`;
}
