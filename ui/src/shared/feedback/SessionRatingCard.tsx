import { useId, useState, type FormEvent } from 'react';
import { GOAL_ACHIEVED, MAX_FEEDBACK_TEXT, type GoalAchieved } from '@schemas/feedback.js';
import { Button } from '../components/Button';
import { GOAL_LABELS } from './labels';
import { useSessionFeedback } from './session-feedback';
import './feedback.css';

const RATINGS = [1, 2, 3, 4, 5] as const;
const dismissedKey = (sessionId: string) => `personaflow.rating-dismissed.${sessionId}`;

/** "How did this go?" once a session has done its job: a rating, whether the goal was met, what is still needed. Dismissible, never in the way. */
export function SessionRatingCard({ sessionId }: { sessionId: string }) {
  const feedback = useSessionFeedback(sessionId);
  const target = { kind: 'session' as const, id: sessionId };
  const mine = feedback.of(target);
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(dismissedKey(sessionId)) === '1');
  const [editing, setEditing] = useState(false);
  const [rating, setRating] = useState<number | null>(null);
  const [goal, setGoal] = useState<GoalAchieved | null>(null);
  const [stillNeed, setStillNeed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  if (dismissed) return null;
  const dismiss = () => {
    sessionStorage.setItem(dismissedKey(sessionId), '1');
    setDismissed(true);
  };

  function edit() {
    setRating(mine?.rating ?? null);
    setGoal(mine?.goalAchieved ?? null);
    setStillNeed(mine?.stillNeed ?? '');
    setEditing(true);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (rating === null) return setError('Choose a rating from 1 to 5.');
    setError(null);
    try {
      await feedback.give(target, { rating, goalAchieved: goal, stillNeed: stillNeed.trim() || null });
      setEditing(false);
    } catch (err) {
      setError(`Could not save your rating: ${(err as Error).message}`);
    }
  }

  const showForm = editing || !mine;
  return (
    <section className="session-rating" aria-labelledby={`${id}-title`} data-testid="session-rating">
      <h2 id={`${id}-title`} className="session-rating__title">
        How did this go?
      </h2>
      <Button
        variant="ghost"
        size="sm"
        className="session-rating__close"
        aria-label="Dismiss: do not ask about this session"
        onClick={dismiss}
        data-testid="session-rating-dismiss"
      >
        ×
      </Button>
      {showForm ? (
        <form onSubmit={submit} className="session-rating__form">
          <fieldset>
            <legend>Your rating (1 = poor, 5 = great)</legend>
            {RATINGS.map((r) => (
              <Button
                key={r}
                size="sm"
                variant={rating === r ? 'primary' : 'secondary'}
                className="session-rating__choice"
                aria-pressed={rating === r}
                aria-label={`${r} of 5`}
                onClick={() => setRating(r)}
                data-testid={`session-rating-${r}`}
              >
                {r}
              </Button>
            ))}
          </fieldset>
          <fieldset>
            <legend>Did you get what you came for?</legend>
            {GOAL_ACHIEVED.map((g) => (
              <Button
                key={g}
                size="sm"
                variant={goal === g ? 'primary' : 'secondary'}
                aria-pressed={goal === g}
                onClick={() => setGoal(goal === g ? null : g)}
                data-testid={`session-goal-${g}`}
              >
                {GOAL_LABELS[g]}
              </Button>
            ))}
          </fieldset>
          <label htmlFor={`${id}-need`} className="session-rating__label">
            What do you still need? (optional)
          </label>
          <textarea
            id={`${id}-need`}
            className="input"
            rows={2}
            maxLength={MAX_FEEDBACK_TEXT}
            value={stillNeed}
            onChange={(e) => setStillNeed(e.target.value)}
            data-testid="session-still-need"
          />
          <div className="msg-feedback__actions">
            <Button type="submit" variant="primary" size="sm" busy={feedback.saving === sessionId} data-testid="session-rating-save">
              Send
            </Button>
            {mine ? (
              <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            ) : null}
          </div>
        </form>
      ) : (
        <p className="session-rating__done" data-testid="session-rating-done">
          Thanks: you rated this {mine.rating}/5{mine.goalAchieved ? `, goal met: ${GOAL_LABELS[mine.goalAchieved].toLowerCase()}` : ''}.{' '}
          <Button variant="ghost" size="sm" onClick={edit}>
            Change
          </Button>
        </p>
      )}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
