import { describe, expect, it } from 'vitest';
import { clausesOf, companySizeIn, industryIn, painStatementsIn, splitList, withoutFillers } from '../../models/offline-text.js';

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
  it('splits a sentence into clauses only where each side has its own subject and verb', () => {
    expect(clausesOf('No-shows are running at 18% and our front desks are buried in phone calls.')).toEqual([
      'No-shows are running at 18%',
      'our front desks are buried in phone calls.',
    ]);
    expect(clausesOf('Stores order stock by email and spreadsheets, and stockouts are killing them.')).toEqual([
      'Stores order stock by email and spreadsheets',
      'stockouts are killing them.',
    ]);
    expect(clausesOf('pick and pack errors, returns piling up and the WMS and the ERP never agree')).toHaveLength(1);
    expect(clausesOf('We send the ROI calculator and pilot plan and then a proposal.')).toHaveLength(1);
    expect(clausesOf('half the day goes to "where is my truck" calls')).toEqual(['half the day goes to "where is my truck" calls']);
  });
  it('finds each problem of a sentence that states two, and judges each part of "x; y" on its own', () => {
    const churn = painStatementsIn('Our churn crept up to 9% last year and renewals are a fire drill every quarter.').map((p) => p.statement);
    expect(churn).toEqual(['Our churn crept up to 9% last year', 'renewals are a fire drill every quarter']);
    const hiring = painStatementsIn('Hiring 30 engineers this year; onboarding is a mess of Notion pages.').map((p) => p.statement);
    expect(hiring).toEqual(['onboarding is a mess of Notion pages']);
    expect(painStatementsIn('Unplanned downtime on the HPDC cells costs us 40 hours a month.')).toHaveLength(1);
    expect(painStatementsIn('Fuel costs are up 30% and route planning is still done by hand.')).toHaveLength(2);
    // A company called "… Waste" has no waste of time.
    expect(painStatementsIn('Fleet Manager at GreenCity Waste.')).toEqual([]);
  });
  it('hears problems told as time sunk, a fight, a lag behind a benchmark, battles and chaos', () => {
    expect(painStatementsIn('Our dispatchers spend two hours each morning re-keying orders.')).toHaveLength(1);
    expect(painStatementsIn('Still fighting a 4% return rate on our online orders.')).toHaveLength(1);
    expect(painStatementsIn('Our first-call resolution lags the industry average by 12 points.')).toHaveLength(1);
    expect(painStatementsIn('shift handovers are all paper notes, he called it chaos')).toHaveLength(1);
    expect(painStatementsIn('We opened our fourth clinic in May.')).toEqual([]);
    expect(painStatementsIn('A battle-tested team of 40 dispatchers.')).toEqual([]);
  });
  it('names each problem of "x and y are my battles", and one of "x is our headache"', () => {
    const two = painStatementsIn('Invoice matching and vendor onboarding are our two biggest headaches.');
    expect(two.map((p) => p.phrase)).toEqual(['Invoice matching', 'vendor onboarding']);
    expect(painStatementsIn('Pick and pack accuracy is our main headache.').map((p) => p.phrase)).toEqual(['Pick and pack accuracy']);
  });
  it('a clause after ", and our …" is a statement of its own even where the parser misses its verb', () => {
    const parts = painStatementsIn('Our ticket backlog lags last year by 30 days, and our support team of three covers 9,000 users.');
    expect(parts.map((p) => p.statement)).toEqual(['Our ticket backlog lags last year by 30 days', 'our support team of three covers 9,000 users']);
  });
  it('"shops" alone is no retail cue; fabrication and general contracting are industries', () => {
    expect(industryIn('the office manager at the bigger shops')).toBeUndefined();
    expect(industryIn('plant managers at sheet metal fabrication shops')?.industry).toBe('Manufacturing');
    expect(industryIn('PMs at commercial general contractors')?.industry).toBe('Construction');
    expect(industryIn('owners of independent gift shops')?.industry).toBe('Retail');
  });
  it('reads waste collection, foundries and software sellers as industries', () => {
    expect(industryIn('GreenCity Waste collects waste across Bristol')?.industry).toBe('Waste management');
    expect(industryIn('an aluminium die-casting foundry')?.industry).toBe('Manufacturing');
    expect(industryIn('We sell reconciliation software to banks and insurers.')?.industry).toBe('Software');
  });
  it('names only the industry the text says: a pharma company is Pharma, a marketplace is a Marketplace', () => {
    expect(industryIn('Baltic Pharmaceuticals makes sterile eye drops')?.industry).toBe('Pharma');
    expect(industryIn('a gene-therapy biotech in Boston')?.industry).toBe('Biotech');
    expect(industryIn('an online marketplace for used farm machinery')?.industry).toBe('Marketplace');
  });
  it('a goal still out of reach or equipment that keeps failing states a problem, without the "Right now:" label', () => {
    expect(painStatementsIn('Plant manager, 20 yrs. Right now: getting changeover time down to under an hour.')).toEqual([
      { statement: 'getting changeover time down to under an hour' },
    ]);
    expect(painStatementsIn('Current focus: bringing audit findings below five a year.')).toEqual([{ statement: 'bringing audit findings below five a year' }]);
    expect(painStatementsIn('Approving a new carrier still takes us about three weeks.')).toHaveLength(1);
    expect(painStatementsIn('the badge readers are 9 years old and fail daily, visitors queue up at reception')).toEqual([
      { statement: 'the badge readers are 9 years old and fail daily, visitors queue up at reception' },
    ]);
    expect(painStatementsIn('Family-owned since 1978. Open 6 days a week.')).toEqual([]);
    // A promise to get someone live "in under a week" is no goal in trouble.
    expect(painStatementsIn('We get you live in under a week. Getting your team up and running in under a day.')).toEqual([]);
  });
});
