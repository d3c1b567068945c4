import type { FeedbackReason, GoalAchieved, NeedMore } from '@schemas/feedback.js';

export const REASON_LABELS: Record<FeedbackReason, string> = {
  too_vague: 'Too vague',
  wrong: 'Wrong',
  invented_facts: 'Invented facts',
  missing_examples: 'Missing examples',
  confusing: 'Confusing',
};

export const NEED_MORE_LABELS: Record<NeedMore, string> = {
  examples: 'Examples',
  steps: 'Step-by-step',
  script: 'A script to use',
};

export const GOAL_LABELS: Record<GoalAchieved, string> = { yes: 'Yes', partly: 'Partly', no: 'No' };
