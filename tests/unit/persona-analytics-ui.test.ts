import { describe, expect, test } from 'vitest';
import type { PersonaCoverage, PersonaSnapshot } from '../../schemas/persona-analytics.js';
import {
  coverageBars,
  describeDistribution,
  describeVolume,
  distributionSlices,
  evolutionRows,
  fillDays,
  formatShare,
  metricLabel,
} from '../../ui/src/features/persona-analytics/chart-data.js';
import { addTags, checkRules, draftFromRules, rulesFromDraft, serverRulesErrors, type RulesDraft } from '../../ui/src/features/persona-analytics/rules-form.js';

// The Analytics tab's pure parts: what the charts draw (and their hidden tables read out), and the
// mapping-rules form held to the server's MappingRulesSchema.

const snapshot = (date: string, metrics: Partial<PersonaSnapshot['metrics']>): PersonaSnapshot => ({
  date,
  metrics: { satisfaction: null, nps: null, trust: null, effort: null, ...metrics },
  demographics: { age: { average: null, min: null, max: null }, locations: [], occupations: [], genders: [] },
  responseCount: 1,
  createdAt: `${date}T02:00:00Z`,
});

describe('chart data', () => {
  test('the distribution keeps strong, moderate, weak in order with their shares; no responses is no division by zero', () => {
    const slices = distributionSlices({ weak: 1, strong: 3, moderate: 0 });
    expect(slices.map((s) => [s.category, s.count, s.share])).toEqual([
      ['strong', 3, 75],
      ['moderate', 0, 0],
      ['weak', 1, 25],
    ]);
    expect(describeDistribution(slices)).toBe('4 scored responses: 3 strong (75%), 0 moderate (0%), 1 weak (25%).');
    expect(distributionSlices({ strong: 0, moderate: 0, weak: 0 }).every((s) => s.share === 0)).toBe(true);
  });

  test('volume has one bar per day up to today, missing days at 0, days outside the range left out', () => {
    const rows = fillDays(
      [
        { date: '2026-11-29', responses: 2 },
        { date: '2026-12-01', responses: 5 },
        { date: '2026-11-01', responses: 9 },
      ],
      7,
      '2026-12-03',
    );
    expect(rows.map((r) => r.date)).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    expect(rows.map((r) => r.responses)).toEqual([0, 0, 2, 0, 5, 0, 0]);
    expect(describeVolume(rows)).toMatch(/^7 matched responses in the last 7 days; the busiest day was .+ with 5\.$/);
    expect(describeVolume(fillDays([], 30, '2026-12-03'))).toBe('No matched responses in the last 30 days.');
  });

  test('a month boundary and a leap day are counted as days, not as 30-day months', () => {
    const rows = fillDays([{ date: '2028-02-29', responses: 1 }], 3, '2028-03-01');
    expect(rows).toEqual([
      { date: '2028-02-28', responses: 0 },
      { date: '2028-02-29', responses: 1 },
      { date: '2028-03-01', responses: 0 },
    ]);
  });

  test('evolution rows are oldest first, rounded to one decimal, and an unanswered metric stays a gap (null), not a zero', () => {
    const rows = evolutionRows([snapshot('2026-12-02', { satisfaction: 4.26, nps: 0 }), snapshot('2026-12-01', { trust: 3 })]);
    expect(rows).toEqual([
      { date: '2026-12-01', satisfaction: null, nps: null, trust: 3, effort: null },
      { date: '2026-12-02', satisfaction: 4.3, nps: 0, trust: null, effort: null },
    ]);
    expect(metricLabel('effort')).toBe('Effort (1–7, lower is easier)');
    expect(metricLabel('nps')).toBe('Likelihood to recommend (NPS) (0–10)');
  });

  test('shares: below 1% keeps a decimal, none is a dash', () => {
    expect([formatShare(null), formatShare(0), formatShare(0.4), formatShare(62.6), formatShare(100)]).toEqual(['—', '0%', '0.4%', '63%', '100%']);
  });

  test('coverage bars: personas with rules first, best covered first', () => {
    const p = (personName: string, coverage: number | null, hasRules = true): PersonaCoverage => ({
      id: personName,
      personName,
      title: 't',
      hasRules,
      coverage,
      averageScore: null,
      distribution: { strong: 0, moderate: 0, weak: 0 },
    });
    expect(coverageBars([p('Ann', 20), p('Bob', null, false), p('Cat', 80)]).map((b) => [b.name, b.label])).toEqual([
      ['Cat', '80%'],
      ['Ann', '20%'],
      ['Bob', '—'],
    ]);
  });
});

describe('the mapping-rules form', () => {
  const empty: RulesDraft = draftFromRules({});

  test('blank ages and empty lists are no rule; values are trimmed', () => {
    expect(rulesFromDraft(empty)).toEqual({});
    expect(rulesFromDraft({ ...empty, ageMin: ' 30 ', goals: ['  Save time ', ''] })).toEqual({ age: { min: 30 }, goals: ['Save time'] });
  });

  test('saved rules come back as the same form', () => {
    const rules = { age: { min: 25, max: 40 }, locations: ['Leeds'], frustrations: ['Slow rota software, again'] };
    expect(rulesFromDraft(draftFromRules(rules))).toEqual(rules);
  });

  test('the schema’s messages land on the right input', () => {
    const bad = checkRules({ ...empty, ageMin: '50', ageMax: '20', genders: ['x'.repeat(401)] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.ageMax).toBe('The minimum age must not be above the maximum');
    expect(bad.errors.genders).toMatch(/at most 400 characters/);
    const typo = checkRules({ ...empty, ageMin: 'thirty' });
    expect(!typo.ok && typo.errors.ageMin).toBe('An age must be a number of years');
    const fraction = checkRules({ ...empty, ageMax: '30.5' });
    expect(!fraction.ok && fraction.errors.ageMax).toBe('An age must be a whole number');
  });

  test('valid rules pass as the schema parsed them', () => {
    expect(checkRules({ ...empty, ageMax: '65', occupations: ['Nurse'] })).toEqual({ ok: true, rules: { age: { max: 65 }, occupations: ['Nurse'] } });
  });

  test('server field problems map onto the inputs; the rest is kept to show', () => {
    const mapped = serverRulesErrors([
      { path: 'data.age.min', message: 'too young' },
      { path: 'data.locations.3', message: 'too long' },
      { path: 'expectedVersion', message: 'stale' },
    ]);
    expect(mapped).toEqual({ errors: { ageMin: 'too young', locations: 'too long' }, other: ['stale'] });
  });

  test('tags: one per pasted line, commas kept (they are part of the words), duplicates skipped whatever their case', () => {
    expect(addTags(['Nurse'], 'nurse\nMidwife, community\n\n  Doctor ')).toEqual(['Nurse', 'Midwife, community', 'Doctor']);
  });
});
