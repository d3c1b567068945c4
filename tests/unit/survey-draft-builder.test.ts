import { expect, test } from 'vitest';
import type { UnmatchedGroup } from '../../schemas/persona-analytics.js';
import { badgeFor, evidenceToSave, formFromSurvey, guessesToConfirm } from '../../ui/src/features/persona-builder/builder-state.js';
import { surveyDraftFrom, surveyDraftState } from '../../ui/src/shared/persona/survey-draft.js';

// "Draft a persona from this group": the analytics overview hands the builder a group's draft;
// the builder fills title, pain points and core goal from it and nothing else, each badged as
// coming from the survey group, with no evidence saved that the server would refuse.

const group: UnmatchedGroup = {
  key: 'occupation:nurse',
  attributes: { occupation: 'Nurse', location: 'Leeds' },
  size: 12,
  goals: [{ value: 'Fewer night shifts', count: 7 }],
  frustrations: [
    { value: 'Rota changes at short notice', count: 9 },
    { value: 'Paper forms', count: 4 },
  ],
  sample: [],
  draft: { title: 'Nurse', painPoints: ['Rota changes at short notice', 'Paper forms'], coreGoal: 'Fewer night shifts' },
  rules: { occupations: ['Nurse'] },
};

test('the draft fills its three fields, badged "survey"; every other field is empty and unbadged', () => {
  const handed = surveyDraftFrom(structuredClone(surveyDraftState(group)));
  expect(handed).not.toBeNull();
  const form = formFromSurvey(handed!);
  expect(form.origin).toBe('survey');
  expect(form.texts.title).toBe('Nurse');
  expect(form.texts.painPoints).toBe('Rota changes at short notice\nPaper forms');
  expect(form.texts.coreGoal).toBe('Fewer night shifts');
  expect(form.texts.personName).toBe('');
  expect(badgeFor(form, 'title')?.source).toBe('survey');
  expect(badgeFor(form, 'painPoints')?.source).toBe('survey');
  expect(badgeFor(form, 'personName')).toBeNull();
  expect(form.survey?.size).toBe(12);
  // Nothing to confirm (they are the respondents' words, not the model's guesses), and no evidence to send.
  expect(guessesToConfirm(form)).toEqual([]);
  expect(evidenceToSave(form)).toBeUndefined();
});

test('an edited survey field says so', () => {
  const form = formFromSurvey(surveyDraftState(group).surveyDraft);
  expect(badgeFor({ ...form, texts: { ...form.texts, title: 'Ward nurse' } }, 'title')?.source).toBe('edited');
});

test('only the draft’s own fields are taken, and a state without a draft is ignored', () => {
  const extra = { ...group, draft: { ...group.draft, personName: 'Injected' } as UnmatchedGroup['draft'] };
  expect(formFromSurvey(surveyDraftState(extra).surveyDraft).texts.personName).toBe('');
  expect(surveyDraftFrom(null)).toBeNull();
  expect(surveyDraftFrom({ notice: 'Saved.' })).toBeNull();
  expect(surveyDraftFrom({ surveyDraft: { draft: {}, group: {} } })).toBeNull();
});
