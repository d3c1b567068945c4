import { expect, test } from 'vitest';
import { formatChecks, instructionChecks, inventedFigures, toneCheck } from '../../eval/email-checks.js';
import { mangling, matchText, scoreField, traceable } from '../../eval/match.js';

// The eval's own scorers (npm run eval): a wrong scorer would report figures nobody can trust.

test('the matcher ignores case and punctuation, and scores a pain-point list item by item', () => {
  expect(matchText('head of OPERATIONS.', 'Head of Operations')).toBe(true);
  expect(matchText('200–1,000 employees', { contains: ['200', '1000'] })).toBe(true);
  expect(matchText('Maybe compliance manager', { contains: ['compliance manager'], not: ['maybe'] })).toBe(false);
  const units = scoreField('painPoints', ['Manual dispatch', 'Phone calls', 'Get angry'], {
    items: [{ contains: ['manual dispatch'] }, { contains: ['angry customers'] }],
  });
  expect(units.map((u) => u.verdict)).toEqual(['correct', 'missing', 'wrong', 'wrong']);
  expect(scoreField('personName', '', null)[0]!.verdict).toBe('correct');
  expect(scoreField('personName', 'Idk yet', null)[0]!.verdict).toBe('wrong');
});

test('the invented check traces content words to the input and catches cut and lowered words', () => {
  const input = 'Their biggest headaches are manual dispatch and angry customers calling for ETAs. Send the ROI calculator.';
  expect(traceable('Angry customers calling for ETAs', input)).toBe(true);
  expect(traceable('Manual reporting', input)).toBe(false);
  expect(traceable('Logistics', 'a regional trucking carrier')).toBe(true);
  expect(mangling('Roi calculator', input)).toMatch(/ROI/);
  expect(mangling('Angry customers calling for ET', 'angry customers calling for ETAs please')).toBeUndefined();
  expect(mangling('Their biggest headaches are manual disp', input)).toMatch(/cut mid-word/);
});

const good = {
  subject: 'Fewer check calls for your dispatch team',
  body: 'Hi Marta,\n\nYour dispatchers spend half the day on check calls. Shipwise Track sends shippers live ETAs, so those calls stop.\n\nReply with a time that works for a 15-minute call.\n\nBest,\nSam Rivera',
};
const bad = {
  subject: 'A quick idea on dispatchers spend half the day on…',
  body: 'Marta —\n\nYou mentioned you are looking for wants live driver tracking. It cuts costs by 40%.\n\nReply with a time that works for a 20-minute call\n\nSam Rivera',
};
const expectations = { firstName: 'Marta', callMinutes: 15, cta: 'Reply with a time that works for a 15-minute call' };

test('the email checks pass a good draft and name what is wrong with a bad one', () => {
  expect([...formatChecks(good, expectations), ...instructionChecks(good, expectations)].filter((c) => !c.pass)).toEqual([]);
  const failed = [...formatChecks(bad, expectations), ...instructionChecks(bad, expectations)].filter((c) => !c.pass).map((c) => c.check);
  expect(failed).toEqual(
    expect.arrayContaining([
      'subject not cut ("…")',
      'sign-off present',
      'no template seams ("looking for wants")',
      'sentences end with punctuation',
      '15-minute call as asked',
      'call to action included',
    ]),
  );
  expect(inventedFigures(bad, JSON.stringify(expectations))).toEqual(['40%']);
});

test('tones that differ only in greeting and sign-off fail the tone check', () => {
  const direct = { ...good, body: good.body.replace('Hi Marta,', 'Marta —').replace('Best,', 'Regards,') };
  expect(toneCheck({ tone: 'friendly', draft: good }, { tone: 'direct', draft: direct }).pass).toBe(false);
  const reworded = {
    ...good,
    body: 'Marta —\n\nCheck calls eat your mornings. We stop them: shippers get ETAs automatically.\n\nReply with a time that works for a 15-minute call.\n\nRegards,\nSam',
  };
  expect(toneCheck({ tone: 'friendly', draft: good }, { tone: 'direct', draft: reworded }).pass).toBe(true);
});
