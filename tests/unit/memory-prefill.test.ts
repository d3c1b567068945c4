import { describe, expect, test } from 'vitest';
import { learnedFromPersona, prefillPersona } from '../../flows/persona-memory.js';
import { applyFields, checkFinalize, confirmSuggestions, initialPersonaState, wizardEvidence } from '../../flows/persona-definition-reducers.js';
import { toneHabit } from '../../flows/tone-habit.js';
import { prefillFrom, type RecalledFact } from '../../schemas/memory-prefill.js';

// Which remembered facts fill which new form, what a saved persona teaches memory, and when a tone
// chosen again and again becomes the workspace's habit.

const fact = (key: string, value: string, over: Partial<RecalledFact> = {}): RecalledFact => ({
  key,
  label: key,
  value,
  source: 'INTAKE_FORM',
  confidence: 1,
  learnedFrom: null,
  ...over,
});
const at = '2026-12-03T12:00:00.000Z';

describe('prefill from memory', () => {
  test('each form takes its fields from their facts, each saying which fact it came from', () => {
    const facts = [
      fact('market', 'UK last-mile delivery'),
      fact('email.tone', 'formal', { source: 'INFERRED', confidence: 0.6, learnedFrom: 'the tones you chose' }),
    ];
    expect(prefillFrom('personaWizard', facts)).toEqual({
      industry: { value: 'UK last-mile delivery', from: { key: 'market', label: 'market', source: 'INTAKE_FORM', confidence: 1, learnedFrom: null } },
    });
    expect(prefillFrom('campaign', facts)).toEqual({
      tone: { value: 'formal', from: { key: 'email.tone', label: 'email.tone', source: 'INFERRED', confidence: 0.6, learnedFrom: 'the tones you chose' } },
    });
    expect(prefillFrom('emailDraft', facts).tone?.value).toBe('formal');
    expect(prefillFrom('campaign', [fact('market', 'x')])).toEqual({});
  });

  test('a fact the field cannot hold is left out, never cut or changed', () => {
    expect(prefillFrom('personaWizard', [fact('market', 'm'.repeat(121))])).toEqual({});
    expect(prefillFrom('campaign', [fact('email.tone', 'warm, 2 lines max')])).toEqual({});
  });

  test('a new persona starts with the market as its industry: from memory, unconfirmed, so it cannot be saved as it is', () => {
    const s = prefillPersona(initialPersonaState(), [fact('market', 'Fintech')], at);
    expect(s.persona).toEqual({ industry: 'Fintech' });
    expect(s.origins.industry).toEqual({ source: 'memory', confirmed: false, at, memoryKey: 'market' });
    const filled = applyFields(
      s,
      {
        personName: 'CFO',
        title: 'CFO',
        role: 'Finance',
        coreGoal: 'Close faster',
        painPoints: ['Manual work'],
        needForOurProduct: 'Automation',
        companySize: '50-200',
      },
      'form',
      at,
    ).state;
    expect(checkFinalize(filled)).toEqual({ ok: false, missing: [], unconfirmed: ['industry'] });
    const confirmed = confirmSuggestions(filled, at).state;
    expect(confirmed.origins.industry).toMatchObject({ source: 'memory', confirmed: true });
    expect(checkFinalize(confirmed)).toEqual({ ok: true });
    expect(wizardEvidence(confirmed).industry).toEqual({ source: 'company' });
    // A person's own value replaces it and is theirs.
    const typed = applyFields(s, { industry: 'Insurance' }, 'chat', at).state;
    expect(typed.origins.industry).toMatchObject({ source: 'chat', confirmed: true });
    // Memory never overwrites what is already there.
    expect(prefillPersona(typed, [fact('market', 'Fintech')], at).persona.industry).toBe('Insurance');
  });

  test('a saved persona teaches the industry a person gave as the market, never a value memory or the model gave', () => {
    const said = applyFields(initialPersonaState(), { personName: 'Enterprise CMO', industry: 'Fintech' }, 'chat', at).state;
    expect(learnedFromPersona(said)).toEqual([{ key: 'market', value: 'Fintech', confidence: 0.5, learnedFrom: 'the persona wizard (“Enterprise CMO”)' }]);
    expect(learnedFromPersona(applyFields(initialPersonaState(), { industry: 'Fintech' }, 'model', at).state)).toEqual([]);
    expect(learnedFromPersona(confirmSuggestions(prefillPersona(initialPersonaState(), [fact('market', 'Fintech')], at), at).state)).toEqual([]);
    expect(learnedFromPersona(initialPersonaState())).toEqual([]);
  });
});

describe('the email tone habit', () => {
  test('the tone chosen most among the latest five, at least twice; its share is the confidence, never certainty', () => {
    expect(toneHabit([])).toBeNull();
    expect(toneHabit(['formal'])).toBeNull();
    expect(toneHabit(['formal', 'friendly', 'direct'])).toBeNull();
    expect(toneHabit(['formal', 'friendly', 'Formal'])).toEqual({ value: 'formal', confidence: 0.4 });
    expect(toneHabit(['direct', 'direct', 'direct', 'friendly', 'direct'])).toEqual({ value: 'direct', confidence: 0.8 });
    expect(toneHabit(['direct', 'direct', 'direct', 'direct', 'direct', 'direct'])).toEqual({ value: 'direct', confidence: 0.9 });
    // Only the latest five count: older choices are not the habit any more.
    expect(toneHabit(['formal', 'formal', 'direct', 'playful', 'friendly', 'friendly', 'friendly'])).toEqual({ value: 'formal', confidence: 0.4 });
  });

  test('a tie goes to the tone chosen most recently', () => {
    expect(toneHabit(['friendly', 'formal', 'formal', 'friendly'])).toEqual({ value: 'friendly', confidence: 0.4 });
  });
});
