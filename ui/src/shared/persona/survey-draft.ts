// A persona draft drawn from a group of survey responses that match no persona (issue 16): the
// analytics overview hands it to the persona builder in the router's location state — never in
// the address, which would carry respondents' words into logs and history lists.
import type { UnmatchedGroup } from '@schemas/persona-analytics.js';

export type SurveyDraft = {
  /** Only what the group's answers say; every other field is the person's to write. */
  draft: UnmatchedGroup['draft'];
  /** The evidence the draft rests on, shown beside the form. */
  group: Pick<UnmatchedGroup, 'key' | 'attributes' | 'size' | 'goals' | 'frustrations' | 'sample'>;
};

export type SurveyDraftState = { surveyDraft: SurveyDraft };

export function surveyDraftState(group: UnmatchedGroup): SurveyDraftState {
  const { key, attributes, size, goals, frustrations, sample, draft } = group;
  return { surveyDraft: { draft, group: { key, attributes, size, goals, frustrations, sample } } };
}

/** The survey draft carried by a location's state, if it has one of the right shape. */
export function surveyDraftFrom(state: unknown): SurveyDraft | null {
  const s = (state as Partial<SurveyDraftState> | null)?.surveyDraft;
  if (!s || typeof s !== 'object' || !s.draft || typeof s.draft !== 'object' || !s.group || typeof s.group.size !== 'number') return null;
  return s;
}
