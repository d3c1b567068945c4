import { describe, expect, it } from 'vitest';
import { companySizeIn, industryIn, splitList, withoutFillers } from '../../models/offline-text.js';

describe('offline text rules', () => {
  it('splits a comma list with a final "and" into its items, words kept whole', () => {
    expect(splitList('manual dispatch, no visibility into driver status and angry customers calling for ETAs')).toEqual([
      'Manual dispatch',
      'No visibility into driver status',
      'Angry customers calling for ETAs',
    ]);
  });
  it('splits on a lone "and" only between two clauses', () => {
    expect(splitList('Phone calls pile up and customers get angry')).toEqual(['Phone calls pile up', 'Customers get angry']);
    expect(splitList('ROI calculator and pilot plan')).toEqual(['ROI calculator and pilot plan']);
  });
  it('reads bullets and sentences as items', () => {
    expect(splitList('- late invoices\n- spreadsheets everywhere')).toEqual(['Late invoices', 'Spreadsheets everywhere']);
    expect(splitList('Hiring takes too long. Onboarding is inconsistent.')).toEqual(['Hiring takes too long', 'Onboarding is inconsistent']);
  });
  it('drops hedges and fillers around an answer', () => {
    expect(withoutFillers('ok: Overwhelmed Ops Lead i guess')).toBe('Overwhelmed Ops Lead');
    expect(withoutFillers('like I said, Head of Operations')).toBe('Head of Operations');
  });
  it('knows freight words and says nothing when the text names no industry', () => {
    expect(industryIn('a Dallas trucking carrier with 80 trucks')?.industry).toBe('Logistics');
    expect(industryIn('They want fewer meetings')).toBeUndefined();
  });
  it('keeps the stated size numbers', () => {
    expect(companySizeIn('mid-size logistics companies, 200-1000 people.')).toBe('200–1000 employees');
    expect(companySizeIn('They want fewer meetings')).toBeUndefined();
  });
});
