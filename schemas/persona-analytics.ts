import { z } from 'zod';
import { ExpectedVersionOrNoneSchema } from './version.js';
import type { MetricName, SurveyResponse } from './survey-response.js';

// Persona analytics (source document 003): mapping rules say which real respondents a persona
// stands for; every response is scored against every persona's rules; coverage and daily
// snapshots show how well the thinking matches the answers.

// As long as the longest persona field a rule is proposed from (a core goal), so a proposal is saved whole.
const ruleItem = z.string().trim().min(1, 'A rule value cannot be empty').max(400, 'A rule value: at most 400 characters');
const ruleList = (what: string) => z.array(ruleItem).max(50, `At most 50 ${what}`).optional();
const years = z
  .number({ invalid_type_error: 'An age must be a number of years' })
  .int('An age must be a whole number')
  .min(0, 'An age cannot be negative')
  .max(120, 'An age must be at most 120');

export const AgeRangeSchema = z
  .object({ min: years.optional(), max: years.optional() })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined, 'Give a minimum age, a maximum age or both')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'The minimum age must not be above the maximum', path: ['max'] });

/** Each rule is optional; an empty list counts as no rule. */
export const MappingRulesSchema = z
  .object({
    age: AgeRangeSchema.optional(),
    locations: ruleList('locations'),
    occupations: ruleList('occupations'),
    genders: ruleList('genders'),
    goals: ruleList('goals'),
    frustrations: ruleList('frustrations'),
  })
  .strict();
export type MappingRules = z.infer<typeof MappingRulesSchema>;

export const PutMappingRulesSchema = z.object({ data: MappingRulesSchema, expectedVersion: ExpectedVersionOrNoneSchema.optional() }).strict();

/** The response attribute each rule is checked against, in a fixed order (their bit in the stored masks). */
export const ATTRIBUTES = ['age', 'location', 'occupation', 'gender', 'goals', 'frustrations'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export const RULE_OF: Record<Attribute, keyof MappingRules> = {
  age: 'age',
  location: 'locations',
  occupation: 'occupations',
  gender: 'genders',
  goals: 'goals',
  frustrations: 'frustrations',
};
export const attributeBit = (a: Attribute) => 1 << ATTRIBUTES.indexOf(a);
export const attributesOf = (mask: number): Attribute[] => ATTRIBUTES.filter((a) => (mask & attributeBit(a)) !== 0);

export const MATCH_CATEGORIES = ['strong', 'moderate', 'weak'] as const;
export type MatchCategory = (typeof MATCH_CATEGORIES)[number];
/** Source 003: strong ≥ 70, moderate 50–69, weak < 50. */
export const STRONG_AT = 70;
export const MODERATE_AT = 50;
export const categoryOf = (score: number): MatchCategory => (score >= STRONG_AT ? 'strong' : score >= MODERATE_AT ? 'moderate' : 'weak');

export type MatchResult = { score: number; category: MatchCategory; matched: Attribute[]; unmatched: Attribute[] };

/** The rules of a persona as stored: `version` counts rule edits (409 on a stale one). */
export type PersonaRules = {
  personaId: string;
  rules: MappingRules;
  version: number;
  autoSync: boolean;
  lastSyncedAt: string | null;
  updatedAt: string | null;
};

export const AutoSyncSchema = z.object({ autoSync: z.boolean({ invalid_type_error: 'autoSync must be true or false' }) }).strict();

export type MetricAverages = Record<MetricName, number | null>;
export type Demographics = {
  age: { average: number | null; min: number | null; max: number | null };
  locations: { value: string; count: number }[];
  occupations: { value: string; count: number }[];
  genders: { value: string; count: number }[];
};
export type PersonaSnapshot = { date: string; metrics: MetricAverages; demographics: Demographics; responseCount: number; createdAt: string };

export type PersonaAnalytics = {
  personaId: string;
  rules: MappingRules;
  hasRules: boolean;
  autoSync: boolean;
  lastSyncedAt: string | null;
  totals: { responses: number; scored: number; matched: number };
  /** Mean score over the scored responses, 0–100; null before any. */
  averageScore: number | null;
  /** Share of all responses with a moderate or strong match, 0–100; null without responses. */
  coverage: number | null;
  distribution: Record<MatchCategory, number>;
  /** Matched (moderate or strong) responses per day of submission, the last 30 days. */
  volume: { date: string; responses: number }[];
  latestSnapshot: PersonaSnapshot | null;
};

export const EvolutionQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((d) => [7, 30, 90].includes(d), 'days must be 7, 30 or 90')
    .default(30),
});
export type PersonaEvolution = { days: number; snapshots: PersonaSnapshot[]; volume: { date: string; responses: number }[] };

export const TopMatchesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'limit must be from 1 to 100').max(100, 'limit must be from 1 to 100').default(10),
  offset: z.coerce.number().int().min(0, 'offset cannot be negative').max(1_000_000).default(0),
  category: z.enum(MATCH_CATEGORIES).optional(),
});
export type TopMatch = MatchResult & { response: SurveyResponse };
export type TopMatches = { matches: TopMatch[]; total: number; limit: number; offset: number };

export type PersonaCoverage = {
  id: string;
  personName: string;
  title: string;
  hasRules: boolean;
  coverage: number | null;
  averageScore: number | null;
  distribution: Record<MatchCategory, number>;
};
export type CoverageOverview = {
  totalResponses: number;
  personas: PersonaCoverage[];
  /** Share of responses with a moderate or strong match to at least one persona, 0–100. */
  anyPersona: number | null;
  /** Share (0–100) and count of responses that match no persona. */
  unmatched: { share: number | null; count: number };
};

export const AnalyticsJobKindSchema = z.enum(['rescore', 'sync']);
export type AnalyticsJob = {
  id: string;
  kind: z.infer<typeof AnalyticsJobKindSchema>;
  personaId: string | null;
  /** superseded: the rules changed again while it ran; the newer job scores them all. */
  status: 'queued' | 'running' | 'done' | 'superseded' | 'failed';
  total: number;
  done: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/**
 * Responses that match no persona, grouped by the attributes they share (GET /api/analytics/unmatched-groups).
 * `draft` holds only what the group's answers say (occupation → title, top frustrations → pain
 * points, top goal → core goal); the rest is left for the person to write in the builder.
 */
export type UnmatchedGroup = {
  key: string;
  attributes: { occupation?: string; location?: string; gender?: string; age?: { min: number; max: number } };
  size: number;
  goals: { value: string; count: number }[];
  frustrations: { value: string; count: number }[];
  sample: SurveyResponse[];
  draft: { title?: string; painPoints?: string[]; coreGoal?: string };
  rules: MappingRules;
};
export type UnmatchedGroups = { unmatched: number; groups: UnmatchedGroup[] };

/** POST /api/personas/:id/segment/leads: strong matches who gave an email and consent, added as leads (to a campaign when given). */
export const SegmentToLeadsSchema = z.object({ campaignId: z.string().uuid('campaignId must be the id of one of your campaigns').optional() }).strict();
export type SegmentToLeadsResult = { added: number; alreadyLeads: number; skipped: { responseId: string; reason: string }[] };
