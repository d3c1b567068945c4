import { describe, expect, test } from 'vitest';
import {
  addMessage,
  advanceWhileComplete,
  applyFields,
  askingFor,
  checkFinalize,
  confirmSuggestions,
  initialPersonaState,
  moveTo,
  nextPhase,
  previousPhase,
  reopenIfSaved,
  skipField,
  unconfirmedFields,
  wizardEvidence,
} from '../../flows/persona-definition-reducers.js';
import type { PersonaDefinitionState } from '../../schemas/persona-definition.js';

const at = '2026-11-24T00:00:00.000Z';
const complete = {
  personName: 'Enterprise CMO',
  title: 'Chief Marketing Officer',
  role: 'Owns brand and demand generation',
  coreGoal: 'Grow qualified pipeline',
  painPoints: ['Attribution is a mess'],
  needForOurProduct: 'One view of campaign ROI',
  industry: 'Fintech',
  companySize: '200-500 employees',
};

describe('applyFields', () => {
  test('records the source of each field; chat and form values are confirmed, model values are not', () => {
    let s = applyFields(initialPersonaState(), { title: 'CMO' }, 'form', at).state;
    s = applyFields(s, { industry: 'Fintech' }, 'chat', at).state;
    s = applyFields(s, { companySize: '50-200 employees' }, 'model', at).state;
    expect(s.origins.title).toEqual({ source: 'form', confirmed: true, at });
    expect(s.origins.industry).toEqual({ source: 'chat', confirmed: true, at });
    expect(s.origins.companySize).toEqual({ source: 'model', confirmed: false, at });
    expect(unconfirmedFields(s)).toEqual(['companySize']);
  });

  test('a model suggestion never overwrites a value a person gave', () => {
    const s = applyFields(initialPersonaState(), { title: 'CMO' }, 'chat', at).state;
    const r = applyFields(s, { title: 'Head of Growth', role: 'Runs growth' }, 'model', at);
    expect(r.state.persona.title).toBe('CMO');
    expect(r.changed).toEqual(['role']);
  });

  test('chat adds pain points to the list without duplicates; the form replaces the list', () => {
    let s = applyFields(initialPersonaState(), { painPoints: ['Too many tools'] }, 'chat', at).state;
    s = applyFields(s, { painPoints: ['too many tools', 'Small team'] }, 'chat', at).state;
    expect(s.persona.painPoints).toEqual(['Too many tools', 'Small team']);
    s = applyFields(s, { painPoints: ['Only this'] }, 'form', at).state;
    expect(s.persona.painPoints).toEqual(['Only this']);
  });

  test('null from the form clears a field and its origin', () => {
    const s = applyFields(initialPersonaState(), { title: 'CMO' }, 'chat', at).state;
    const r = applyFields(s, { title: null }, 'form', at);
    expect(r.state.persona.title).toBeUndefined();
    expect(r.state.origins.title).toBeUndefined();
    expect(r.changed).toEqual(['title']);
  });

  test('a form edit with the same value confirms a suggestion', () => {
    const s = applyFields(initialPersonaState(), { industry: 'Fintech' }, 'model', at).state;
    const r = applyFields(s, { industry: 'Fintech' }, 'form', at);
    expect(r.state.origins.industry).toMatchObject({ source: 'form', confirmed: true });
  });

  test('does not mutate the state it is given', () => {
    const s = initialPersonaState();
    applyFields(s, { title: 'CMO' }, 'form', at);
    expect(s.persona).toEqual({});
  });
});

describe('phases', () => {
  test('askingFor lists the empty fields of the topic, required first, skipped optional ones left out', () => {
    let s: PersonaDefinitionState = initialPersonaState();
    expect(askingFor(s)).toEqual(['personName', 'title', 'role', 'seniority']);
    s = applyFields(s, { personName: 'X', title: 'Y', role: 'Z' }, 'chat', at).state;
    expect(askingFor(s)).toEqual(['seniority']);
    s = skipField(s, 'seniority');
    expect(askingFor(s)).toEqual([]);
  });

  test('required fields cannot be skipped', () => {
    const s = initialPersonaState();
    expect(skipField(s, 'title')).toBe(s);
  });

  test('advanceWhileComplete moves past finished topics and stops at review', () => {
    let s = applyFields(initialPersonaState(), { ...complete, seniority: 'C-level', potentialPitch: 'p', company: 'c' }, 'chat', at).state;
    s = advanceWhileComplete(s);
    expect(s.phase).toBe('review');
    const partial = advanceWhileComplete(applyFields(initialPersonaState(), { personName: 'X', title: 'Y', role: 'Z', seniority: 'VP' }, 'chat', at).state);
    expect(partial.phase).toBe('wants');
  });

  test('next and previous phases', () => {
    expect(nextPhase('who')).toBe('wants');
    expect(nextPhase('company')).toBe('review');
    expect(nextPhase('review')).toBe('review');
    expect(previousPhase('who')).toBe('who');
    expect(previousPhase('saved')).toBe('review');
    expect(previousPhase('review')).toBe('company');
  });

  test('an edit after saving reopens review', () => {
    const saved = moveTo(initialPersonaState(), 'saved');
    expect(reopenIfSaved(saved, ['title']).phase).toBe('review');
    expect(reopenIfSaved(saved, []).phase).toBe('saved');
  });
});

describe('finalize', () => {
  test('names missing required fields and unconfirmed suggestions', () => {
    let s = applyFields(initialPersonaState(), { ...complete, industry: undefined }, 'chat', at).state;
    s = applyFields(s, { companySize: '1-10 employees', industry: 'Retail' }, 'model', at).state;
    expect(checkFinalize(s)).toEqual({ ok: false, missing: [], unconfirmed: ['industry'] });
    const r = confirmSuggestions(s, at);
    expect(r.confirmed).toEqual(['industry']);
    expect(checkFinalize(r.state)).toEqual({ ok: true });
    expect(checkFinalize(initialPersonaState())).toMatchObject({ ok: false, missing: expect.arrayContaining(['title', 'painPoints']) });
  });

  test('addMessage appends to the history', () => {
    const s = addMessage(addMessage(initialPersonaState(), 'user', 'hi', at), 'assistant', 'hello', at);
    expect(s.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });
});

describe('wizardEvidence', () => {
  test('says where each answer came from: the chat with the words, the form, a confirmed suggestion', () => {
    const at1 = '2026-01-01T00:00:01.000Z';
    const at2 = '2026-01-01T00:00:02.000Z';
    const long = `${'We talked a lot about the market first. '.repeat(8)}She is the VP of Marketing at a fintech.`;
    const state = {
      ...initialPersonaState(),
      persona: { personName: 'Enterprise CMO', title: 'VP of Marketing', role: 'Owns brand', coreGoal: 'Grow pipeline' },
      origins: {
        personName: { source: 'chat' as const, confirmed: true, at: at1 },
        title: { source: 'chat' as const, confirmed: true, at: at2 },
        role: { source: 'form' as const, confirmed: true, at: at2 },
        coreGoal: { source: 'model' as const, confirmed: true, at: at2 },
      },
      messages: [
        { role: 'user' as const, text: 'Enterprise CMO', at: at1 },
        { role: 'user' as const, text: long, at: at2 },
      ],
    };
    expect(wizardEvidence(state)).toEqual({
      personName: { source: 'description', quote: 'Enterprise CMO' },
      // A message too long to quote whole is quoted by the sentence that holds the value.
      title: { source: 'description', quote: 'She is the VP of Marketing at a fintech.' },
      role: { source: 'description' },
      coreGoal: { source: 'inference', confirmed: true },
    });
  });
});
