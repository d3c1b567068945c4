import { z, type ZodError, type ZodIssue } from 'zod';

export type FieldError = { path: string; message: string };

// Field messages a person can act on: "days must be a number", not "Expected number, received
// nan". Messages a schema sets itself ("Give the contact a name") are kept as they are; only
// Zod's own default wording is rewritten.

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  nan: 'not a number',
  integer: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
  date: 'a date',
  undefined: 'missing',
  function: 'a function',
  map: 'a map',
  set: 'a set',
};
const kind = (t: string) => KIND[t] ?? t;

/** The name a sentence uses for the field: its last key ("painPoints item 2" for an array entry). */
export function fieldLabel(path: Array<string | number>): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'The request body';
  if (typeof last === 'number') {
    const owner = path
      .slice(0, -1)
      .filter((p) => typeof p === 'string')
      .pop();
    return `${owner ?? 'the list'} item ${last + 1}`;
  }
  return String(last);
}

const plural = (n: number | bigint, one: string, many = `${one}s`) => `${n} ${Number(n) === 1 ? one : many}`;
const quote = (v: unknown) => (typeof v === 'string' ? `"${v.slice(0, 60)}"` : String(v));

const isDefaultMessage = (issue: ZodIssue) => issue.message === z.defaultErrorMap(issue, { defaultError: issue.message, data: undefined }).message;

/** One issue as a sentence naming the field. */
export function issueMessage(issue: ZodIssue): string {
  const f = fieldLabel(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? f : 'The request body';
    return `${where} has no field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => k.slice(0, 60)).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'}, or check the spelling`;
  }
  if (!isDefaultMessage(issue)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return `${f} is required`;
      if (issue.received === 'nan' || issue.received === 'float') return `${f} must be ${kind(issue.expected)}`;
      return `${f} must be ${kind(issue.expected)}, not ${kind(issue.received)}`;
    case 'too_small': {
      const at = issue.exact ? 'exactly' : issue.inclusive ? 'at least' : 'more than';
      if (issue.type === 'string')
        return Number(issue.minimum) === 1 && !issue.exact ? `${f} cannot be empty` : `${f} must be ${at} ${plural(issue.minimum, 'character')} long`;
      if (issue.type === 'array' || issue.type === 'set')
        return Number(issue.minimum) === 1 && !issue.exact ? `${f} needs at least one item` : `${f} must have ${at} ${plural(issue.minimum, 'item')}`;
      if (issue.type === 'date') return `${f} must be ${issue.inclusive ? 'on or after' : 'after'} ${new Date(Number(issue.minimum)).toISOString()}`;
      return `${f} must be ${issue.exact ? '' : issue.inclusive ? 'at least ' : 'greater than '}${issue.minimum}`;
    }
    case 'too_big': {
      const at = issue.exact ? 'exactly' : issue.inclusive ? 'at most' : 'less than';
      if (issue.type === 'string') return `${f} must be ${at} ${plural(issue.maximum, 'character')} long`;
      if (issue.type === 'array' || issue.type === 'set') return `${f} must have ${at} ${plural(issue.maximum, 'item')}`;
      if (issue.type === 'date') return `${f} must be ${issue.inclusive ? 'on or before' : 'before'} ${new Date(Number(issue.maximum)).toISOString()}`;
      return `${f} must be ${issue.exact ? '' : issue.inclusive ? 'at most ' : 'less than '}${issue.maximum}`;
    }
    case 'invalid_string': {
      const v = issue.validation;
      if (v === 'email') return `${f} must be an email address, e.g. dana@example.com`;
      if (v === 'url') return `${f} must be a URL, e.g. https://example.com`;
      if (v === 'uuid') return `${f} must be an id (a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e)`;
      if (v === 'datetime') return `${f} must be a date and time, e.g. 2026-12-01T09:30:00Z`;
      if (v === 'date') return `${f} must be a date, e.g. 2026-12-01`;
      if (v === 'regex') return `${f} is not in the expected format`;
      if (typeof v === 'object' && 'startsWith' in v) return `${f} must start with ${quote(v.startsWith)}`;
      if (typeof v === 'object' && 'endsWith' in v) return `${f} must end with ${quote(v.endsWith)}`;
      if (typeof v === 'object' && 'includes' in v) return `${f} must contain ${quote(v.includes)}`;
      return `${f} must be a valid ${String(v)}`;
    }
    case 'invalid_enum_value':
      return `${f} must be one of ${issue.options.map(String).join(', ')} (not ${quote(issue.received)})`;
    case 'invalid_literal':
      return `${f} must be ${quote(issue.expected)}`;
    case 'invalid_union':
      return `${f} is not in any of the accepted forms`;
    case 'invalid_union_discriminator':
      return `${f} must be one of ${issue.options.map(String).join(', ')}`;
    case 'not_multiple_of':
      return `${f} must be a multiple of ${issue.multipleOf}`;
    case 'not_finite':
      return `${f} must be a finite number`;
    case 'invalid_date':
      return `${f} must be a valid date`;
    default:
      return `${f}: ${issue.message}`;
  }
}

export function fieldErrors(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path].filter((p) => p !== '').join('.') || '(body)';
    return { path, message: issueMessage(issue) };
  });
}

/**
 * One line a person can read: "Invalid input: query.days must be a number; data.name: Give the
 * contact a name". A sentence that starts with the field's name gets the field's whole path.
 */
export function describeFieldErrors(errors: FieldError[]): string {
  return `Invalid input: ${errors
    .map((e) => {
      const label = e.path.split('.').pop() ?? '';
      if (label && e.message.startsWith(`${label} `) && e.path !== label) return `${e.path}${e.message.slice(label.length)}`;
      if (label && e.message.startsWith(`${label} `)) return e.message;
      return `${e.path}: ${e.message}`;
    })
    .join('; ')}`;
}
