import { expect, test } from 'vitest';
import { groupSimilarTexts, meaningfulWords } from '../../lib/similar-texts.js';

test('meaningful words: lower case, no punctuation or common words, plurals folded', () => {
  expect([...meaningfulWords('I need MORE call-scripts, please!')]).toEqual(['call', 'script']);
  expect([...meaningfulWords('the of and')]).toEqual([]);
  expect([...meaningfulWords('business process')]).toEqual(['business', 'process']);
});

test('texts that share most of their words group together, largest group first; unrelated ones stay apart', () => {
  const texts = [
    'A call script for the first meeting',
    'Examples of pricing objections',
    'call script for first meeting please',
    'First meeting call script',
    'Nothing',
  ];
  const groups = groupSimilarTexts(texts, (t) => t);
  expect(groups.map((g) => g.items)).toEqual([
    ['A call script for the first meeting', 'call script for first meeting please', 'First meeting call script'],
    ['Examples of pricing objections'],
    ['Nothing'],
  ]);
  expect(groups[0]!.words).toEqual(['call', 'first', 'meeting', 'script']);
  // Less than half the words in common is not the same need.
  expect(groupSimilarTexts(['pricing objection examples', 'pricing page copy'], (t) => t)).toHaveLength(2);
});
