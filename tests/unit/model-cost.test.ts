import { expect, test } from 'vitest';
import { projectedCost, runCost } from '../../lib/model-cost.js';

const recent = { calls: 12, inputTokens: 1450, outputTokens: 210, tokensEstimated: false };
const prices = { 'gpt-4o-mini': { input: 0.15, output: 0.6 }, personaflow: { input: 0, output: 0 } };

test('a projection says what it rests on, and never projects from nothing', () => {
  expect(projectedCost(prices, { model: 'gpt-4o-mini', label: 'gpt-4o-mini' }, 120, recent)).toEqual({
    drafts: 120,
    basedOn: 12,
    model: 'gpt-4o-mini',
    perDraft: { inputTokens: 1450, outputTokens: 210 },
    usd: (120 * (1450 * 0.15 + 210 * 0.6)) / 1_000_000,
    note: 'About $0.04 for up to 120 drafts on gpt-4o-mini (1,450 in / 210 out tokens each, the average of your last 12 drafts).',
  });
  expect(projectedCost(prices, { model: 'personaflow', label: 'the offline generator' }, 1, recent).note).toBe(
    'No model cost: the offline generator is free (up to 1 draft, 1,450 in / 210 out tokens each).',
  );
  expect(projectedCost(prices, { model: 'mystery-1', label: 'mystery-1' }, 5, recent)).toMatchObject({
    usd: null,
    note: 'No price is known for mystery-1 (set MODEL_PRICES to see one): up to 5 drafts, 1,450 in / 210 out tokens each.',
  });
  expect(projectedCost(prices, { model: 'gpt-4o-mini', label: 'gpt-4o-mini' }, 5, { ...recent, calls: 0 })).toMatchObject({ perDraft: null, usd: null });
});

test("a run's cost is unknown while any model it used has no price", () => {
  const calls = [
    { model: 'gpt-4o-mini', calls: 3, inputTokens: 3000, outputTokens: 600, tokensEstimated: false },
    { model: 'mystery-1', calls: 1, inputTokens: 100, outputTokens: 10, tokensEstimated: true },
  ];
  expect(runCost(prices, calls)).toEqual({ calls: 4, inputTokens: 3100, outputTokens: 610, tokensEstimated: true, usd: null, unpricedModels: ['mystery-1'] });
  expect(runCost(prices, calls.slice(0, 1)).usd).toBeCloseTo((3000 * 0.15 + 600 * 0.6) / 1_000_000, 12);
});
