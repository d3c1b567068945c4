import type { ZodError } from 'zod';
import { METRICS, METRIC_NAMES, type MetricName } from '../../schemas/survey-response.js';
import { badText } from '../http/input-guards.js';

// The survey form's answers as the person typed them (kept whole, to show the form again with
// them when something needs fixing), and the response they make for SurveyResponseInputSchema.

export type SurveyAnswers = {
  name: string;
  email: string;
  consent: boolean;
  age: string;
  location: string;
  occupation: string;
  gender: string;
  goals: string[];
  goalsOther: string;
  frustrations: string[];
  frustrationsOther: string;
} & Record<MetricName, string>;

/** What is wrong, by form field (the field's name in the form), one message each. */
export type AnswerErrors = Partial<Record<keyof SurveyAnswers, string>>;

export const NO_ANSWERS: SurveyAnswers = {
  name: '',
  email: '',
  consent: false,
  age: '',
  location: '',
  occupation: '',
  gender: '',
  goals: [],
  goalsOther: '',
  frustrations: [],
  frustrationsOther: '',
  satisfaction: '',
  nps: '',
  trust: '',
  effort: '',
};

type FormBody = Record<string, unknown>;
const one = (body: FormBody, key: string): string => {
  const v = body[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
};
const many = (body: FormBody, key: string): string[] => {
  const v = body[key];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
};

/** The posted form (express.urlencoded: a repeated name, such as each ticked goal, arrives as a list). */
export function readAnswers(body: unknown): SurveyAnswers {
  const b: FormBody = body && typeof body === 'object' ? (body as FormBody) : {};
  return {
    name: one(b, 'name'),
    email: one(b, 'email'),
    consent: one(b, 'consent') === 'yes',
    age: one(b, 'age'),
    location: one(b, 'location'),
    occupation: one(b, 'occupation'),
    gender: one(b, 'gender'),
    goals: many(b, 'goals'),
    goalsOther: one(b, 'goalsOther'),
    frustrations: many(b, 'frustrations'),
    frustrationsOther: one(b, 'frustrationsOther'),
    ...(Object.fromEntries(METRIC_NAMES.map((m) => [m, one(b, m)])) as Record<MetricName, string>),
  };
}

const given = (s: string) => (s.trim() ? s : undefined);
const number = (s: string) => {
  const t = s.trim();
  if (!t) return undefined;
  // Not a number stays text, so the schema says what a number of years is rather than "NaN".
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
};

/** The ticked choices, then the "other" lines as written, each once (case ignored). */
function itemsOf(ticked: string[], other: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const item of [...ticked, ...other.split(/\r?\n/)].map((s) => s.trim())) {
    if (!item || seen.has(item.toLowerCase())) continue;
    seen.add(item.toLowerCase());
    items.push(item);
  }
  return items;
}

/** The answers as a response for SurveyResponseInputSchema to check: what was left empty is left out. */
export function responseOf(a: SurveyAnswers): Record<string, unknown> {
  const respondent = a.name.trim() || a.email.trim() || a.consent ? { name: given(a.name), email: given(a.email), consent: a.consent } : undefined;
  return {
    respondent,
    age: number(a.age),
    location: given(a.location),
    occupation: given(a.occupation),
    gender: given(a.gender),
    goals: itemsOf(a.goals, a.goalsOther),
    frustrations: itemsOf(a.frustrations, a.frustrationsOther),
    ...Object.fromEntries(METRIC_NAMES.map((m) => [m, number(a[m])])),
  };
}

/** Text that cannot be stored (a NUL, half a character), found before the schema or the database sees it. */
export function unstorableText(a: SurveyAnswers): AnswerErrors {
  const errors: AnswerErrors = {};
  for (const [field, value] of Object.entries(a) as Array<[keyof SurveyAnswers, unknown]>) {
    const texts = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    const problem = texts.map((t) => badText(t as string)).find(Boolean);
    if (problem) errors[field] = `This ${problem}.`;
  }
  return errors;
}

/** The schema's messages, each beside the form field it is about (goals typed under "other" belong to the goals question). */
export function errorsByField(error: ZodError): AnswerErrors {
  const errors: AnswerErrors = {};
  for (const issue of error.issues) {
    const [top, sub] = issue.path;
    const field = (top === 'respondent' ? sub : top) as keyof SurveyAnswers | undefined;
    if (!field || !(field in NO_ANSWERS) || errors[field]) continue;
    const metric = METRICS[field as MetricName];
    errors[field] = metric ? `Choose one of the numbers from ${metric.min} to ${metric.max}.` : issue.message;
  }
  return errors;
}
