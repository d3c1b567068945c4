import type { Persona } from '../schemas/persona.js';
import { ATTRIBUTES, attributeBit, attributesOf, categoryOf, type Attribute, type MappingRules, type MatchResult } from '../schemas/persona-analytics.js';

// The match score of source document 003: matched rules / rules defined × 100. A range matches a
// value inside it (bounds included); a list rule matches when the answer shares an item with it,
// case and surrounding whitespace ignored; a missing answer matches nothing. The scoring statement
// in db/queries/match-scoring.ts computes the same thing set-based; both read the keys made here.

/** How answers and rule values are compared: the same text whatever its case and surrounding spaces. */
export const matchKey = (s: string) => s.normalize('NFC').trim().toLowerCase();

const keysOf = (items: readonly string[] | undefined) => [...new Set((items ?? []).map(matchKey).filter((k) => k !== ''))];

export type RuleKeys = {
  definedMask: number;
  ruleCount: number;
  ageMin: number | null;
  ageMax: number | null;
  locationKeys: string[];
  occupationKeys: string[];
  genderKeys: string[];
  goalKeys: string[];
  frustrationKeys: string[];
};

export function ruleKeys(rules: MappingRules): RuleKeys {
  const keys = {
    ageMin: rules.age?.min ?? null,
    ageMax: rules.age?.max ?? null,
    locationKeys: keysOf(rules.locations),
    occupationKeys: keysOf(rules.occupations),
    genderKeys: keysOf(rules.genders),
    goalKeys: keysOf(rules.goals),
    frustrationKeys: keysOf(rules.frustrations),
  };
  const defined: Record<Attribute, boolean> = {
    age: keys.ageMin !== null || keys.ageMax !== null,
    location: keys.locationKeys.length > 0,
    occupation: keys.occupationKeys.length > 0,
    gender: keys.genderKeys.length > 0,
    goals: keys.goalKeys.length > 0,
    frustrations: keys.frustrationKeys.length > 0,
  };
  const definedAttributes = ATTRIBUTES.filter((a) => defined[a]);
  return { ...keys, definedMask: definedAttributes.reduce((m, a) => m | attributeBit(a), 0), ruleCount: definedAttributes.length };
}

/** The answers a score reads (a stored response or one sent inline). */
export type Scorable = {
  age?: number | null;
  location?: string | null;
  occupation?: string | null;
  gender?: string | null;
  goals?: readonly string[];
  frustrations?: readonly string[];
};

/** Two decimals, as stored: 2 of 3 rules is 66.67. */
export const scoreOf = (matched: number, defined: number) => Math.round((matched * 10_000) / defined) / 100;

/** The score of one response against one persona's rules; null when the persona has no rules. */
export function matchResponse(rules: MappingRules, response: Scorable): MatchResult | null {
  const k = ruleKeys(rules);
  if (k.ruleCount === 0) return null;
  const one = (answer: string | null | undefined, ruleValues: string[]) => answer != null && ruleValues.includes(matchKey(answer));
  const some = (answers: readonly string[] | undefined, ruleValues: string[]) => (answers ?? []).some((a) => ruleValues.includes(matchKey(a)));
  const age = response.age;
  const matches: Record<Attribute, boolean> = {
    age: age != null && (k.ageMin === null || age >= k.ageMin) && (k.ageMax === null || age <= k.ageMax),
    location: one(response.location, k.locationKeys),
    occupation: one(response.occupation, k.occupationKeys),
    gender: one(response.gender, k.genderKeys),
    goals: some(response.goals, k.goalKeys),
    frustrations: some(response.frustrations, k.frustrationKeys),
  };
  const defined = attributesOf(k.definedMask);
  const matched = defined.filter((a) => matches[a]);
  const score = scoreOf(matched.length, defined.length);
  return { score, category: categoryOf(score), matched, unmatched: defined.filter((a) => !matches[a]) };
}

/** A stored match's masks as attribute names. */
export const resultFromMasks = (score: number, matchedMask: number, definedMask: number): MatchResult => ({
  score,
  category: categoryOf(score),
  matched: attributesOf(matchedMask & definedMask),
  unmatched: attributesOf(definedMask & ~matchedMask),
});

/** Rules drawn from the persona's own fields, for the person to confirm: its words, whole. */
export function proposeRules(persona: Persona): MappingRules {
  return {
    occupations: [persona.title],
    ...(persona.painPoints.length ? { frustrations: persona.painPoints } : {}),
    ...(persona.coreGoal ? { goals: [persona.coreGoal] } : {}),
  };
}
