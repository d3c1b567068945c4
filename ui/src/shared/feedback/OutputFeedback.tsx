import type { FeedbackTarget } from '@schemas/feedback.js';
import { MessageFeedback } from './MessageFeedback';
import { useTargetFeedback } from './session-feedback';

/** Helpful / not helpful on a brief, a draft or a persona: the person's own answer, changeable. */
export function OutputFeedback({ target, question }: { target: FeedbackTarget; question: string }) {
  const feedback = useTargetFeedback(target);
  return <MessageFeedback target={target} feedback={feedback} question={question} />;
}
