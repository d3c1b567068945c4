import { describe, expect, test } from 'vitest';
import { matchKey, matchResponse, resultFromMasks, ruleKeys } from '../../lib/persona-match.js';
import { MappingRulesSchema, categoryOf } from '../../schemas/persona-analytics.js';

// The match score of source 003, case by case: matched rules / rules defined × 100.

describe('matchResponse', () => {
  test('no rules (or only empty lists): no score at all, not 0 or 100', () => {
    expect(matchResponse({}, { age: 30 })).toBeNull();
    expect(matchResponse({ locations: [], goals: [' '] as never }, { location: 'London' })).toBeNull();
  });

  test('range bounds are included; an open range has one bound', () => {
    const rules = { age: { min: 25, max: 40 } };
    expect(matchResponse(rules, { age: 25 })!.score).toBe(100);
    expect(matchResponse(rules, { age: 40 })!.score).toBe(100);
    expect(matchResponse(rules, { age: 24 })!.score).toBe(0);
    expect(matchResponse(rules, { age: 41 })!.score).toBe(0);
    expect(matchResponse({ age: { min: 50 } }, { age: 90 })!.score).toBe(100);
    expect(matchResponse({ age: { max: 30 } }, { age: 0 })!.score).toBe(100);
  });

  test('a missing answer does not match', () => {
    const result = matchResponse({ age: { min: 20 }, locations: ['London'] }, { location: 'London' })!;
    expect(result).toEqual({ score: 50, category: 'moderate', matched: ['location'], unmatched: ['age'] });
    expect(matchResponse({ goals: ['Grow'] }, {})!.score).toBe(0);
  });

  test('case and surrounding whitespace are ignored; inner words are not', () => {
    const rules = { occupations: ['Product Manager'], goals: ['Career growth'] };
    expect(matchResponse(rules, { occupation: '  product MANAGER ', goals: ['career growth  '] })!.score).toBe(100);
    expect(matchResponse(rules, { occupation: 'Product-Manager', goals: ['Career-growth'] })!.score).toBe(0);
    expect(matchKey(' Ärzt\u0065\u0301 ')).toBe(matchKey('ärzté'));
  });

  test('a list rule matches when any one item is shared', () => {
    const rules = { frustrations: ['Slow software', 'Poor documentation'] };
    expect(matchResponse(rules, { frustrations: ['Meetings', 'poor documentation'] })!.matched).toEqual(['frustrations']);
    expect(matchResponse(rules, { frustrations: [] })!.matched).toEqual([]);
  });

  test('scores have two decimals and fall in the source categories: strong ≥ 70, moderate 50–69, weak < 50', () => {
    const rules = { age: { min: 1 }, locations: ['A'], occupations: ['B'] };
    expect(matchResponse(rules, { age: 5, location: 'A' })).toMatchObject({ score: 66.67, category: 'moderate' });
    expect(matchResponse(rules, { age: 5 })).toMatchObject({ score: 33.33, category: 'weak' });
    expect([categoryOf(70), categoryOf(69.99), categoryOf(50), categoryOf(49.99)]).toEqual(['strong', 'moderate', 'moderate', 'weak']);
  });

  test('the stored masks read back as the same attributes', () => {
    const rules = { age: { min: 1 }, genders: ['x'], frustrations: ['y'] };
    const direct = matchResponse(rules, { age: 3, frustrations: ['Y'] })!;
    const k = ruleKeys(rules);
    expect(k).toMatchObject({ ruleCount: 3, definedMask: 1 | 8 | 32 });
    expect(resultFromMasks(direct.score, 1 | 32, k.definedMask)).toEqual(direct);
  });
});

describe('MappingRulesSchema', () => {
  test('field messages for what a person can fix', () => {
    const bad = MappingRulesSchema.safeParse({ age: { min: 40, max: 30 }, locations: [''], colour: 'red' });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'age.max: The minimum age must not be above the maximum',
        'locations.0: A rule value cannot be empty',
        expect.stringMatching(/colour/),
      ]),
    );
    expect(MappingRulesSchema.safeParse({ age: {} }).error!.issues[0]!.message).toBe('Give a minimum age, a maximum age or both');
  });
});
