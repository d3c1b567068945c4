// The mapping-rules form: what the inputs hold (ages as typed, lists as tags) and how it becomes
// MappingRules, validated with the same schema as the server (MappingRulesSchema).
import { MappingRulesSchema, type MappingRules } from '@schemas/persona-analytics.js';
import type { FieldProblem } from '../../shared/api/errors';

export const LIST_RULES = ['locations', 'occupations', 'genders', 'goals', 'frustrations'] as const;
export type ListRule = (typeof LIST_RULES)[number];

export const LIST_RULE_LABELS: Record<ListRule, { label: string; hint: string }> = {
  locations: { label: 'Locations', hint: 'A response matches when its location is one of these.' },
  occupations: { label: 'Occupations', hint: 'A response matches when its occupation is one of these.' },
  genders: { label: 'Genders', hint: 'A response matches when its gender is one of these.' },
  goals: { label: 'Goals', hint: 'A response matches when it shares at least one goal.' },
  frustrations: { label: 'Frustrations', hint: 'A response matches when it shares at least one frustration.' },
};

export type RulesDraft = { ageMin: string; ageMax: string } & Record<ListRule, string[]>;
export type RulesField = 'ageMin' | 'ageMax' | ListRule;
export type RulesErrors = Partial<Record<RulesField, string>>;
export const RULES_FIELD_ORDER: readonly RulesField[] = ['ageMin', 'ageMax', ...LIST_RULES];

export function draftFromRules(rules: MappingRules): RulesDraft {
  return {
    ageMin: rules.age?.min === undefined ? '' : String(rules.age.min),
    ageMax: rules.age?.max === undefined ? '' : String(rules.age.max),
    locations: [...(rules.locations ?? [])],
    occupations: [...(rules.occupations ?? [])],
    genders: [...(rules.genders ?? [])],
    goals: [...(rules.goals ?? [])],
    frustrations: [...(rules.frustrations ?? [])],
  };
}

/** An age as typed: blank is no bound; anything else is handed to the schema as a number (so "abc" is its error, not silently dropped). */
const ageOf = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

/** The draft as rules, before validation: empty lists and a blank age range are left out (no rule). */
export function rulesFromDraft(draft: RulesDraft): MappingRules {
  const rules: MappingRules = {};
  const min = ageOf(draft.ageMin);
  const max = ageOf(draft.ageMax);
  if (min !== undefined || max !== undefined) rules.age = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  for (const key of LIST_RULES) {
    const items = draft[key].map((s) => s.trim()).filter(Boolean);
    if (items.length) rules[key] = items;
  }
  return rules;
}

/** Where a problem's path ("age.min", "data.locations.2", ["age"]) lands in the form. */
export function fieldOfPath(path: readonly (string | number)[]): RulesField | null {
  const parts = path.map(String).filter((p) => p !== 'data');
  if (parts[0] === 'age') return parts[1] === 'min' ? 'ageMin' : 'ageMax';
  return (LIST_RULES as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as ListRule) : null;
}

export type RulesCheck = { ok: true; rules: MappingRules } | { ok: false; errors: RulesErrors };

export function checkRules(draft: RulesDraft): RulesCheck {
  const parsed = MappingRulesSchema.safeParse(rulesFromDraft(draft));
  if (parsed.success) return { ok: true, rules: parsed.data };
  const errors: RulesErrors = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path);
    if (!field || errors[field]) continue;
    // A list item's problem names the item, so the person knows which tag to fix.
    const index = typeof issue.path[1] === 'number' ? issue.path[1] : null;
    const item = index !== null && field !== 'ageMin' && field !== 'ageMax' ? draft[field].filter((s) => s.trim())[index] : undefined;
    errors[field] = item ? `“${item.slice(0, 40)}”: ${issue.message}` : issue.message;
  }
  return { ok: false, errors };
}

/** The server's 400 field problems on the same inputs; those it cannot place are returned as `other`. */
export function serverRulesErrors(problems: readonly FieldProblem[]): { errors: RulesErrors; other: string[] } {
  const errors: RulesErrors = {};
  const other: string[] = [];
  for (const p of problems) {
    const field = fieldOfPath(p.path.split(/[./[\]]+/).filter(Boolean));
    if (field && !errors[field]) errors[field] = p.message;
    else if (!field) other.push(p.message);
  }
  return { errors, other };
}

export const hasRules = (rules: MappingRules) => Object.keys(rulesFromDraft(draftFromRules(rules))).length > 0;

export const sameDraft = (a: RulesDraft, b: RulesDraft) => JSON.stringify(rulesFromDraft(a)) === JSON.stringify(rulesFromDraft(b));

/** Adds typed tags (several at once when pasted one per line; commas stay, they are part of a person's words), skipping ones already there whatever their case. */
export function addTags(tags: readonly string[], typed: string): string[] {
  const next = [...tags];
  for (const raw of typed.split('\n')) {
    const tag = raw.trim();
    if (tag && !next.some((t) => t.trim().toLowerCase() === tag.toLowerCase())) next.push(tag);
  }
  return next;
}
