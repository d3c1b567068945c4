import { useId, useState, type FormEvent } from 'react';
import { FEEDBACK_REASONS, MAX_FEEDBACK_TEXT, NEED_MORE, type FeedbackReason, type FeedbackTarget, type NeedMore } from '@schemas/feedback.js';
import { Button } from '../components/Button';
import { NEED_MORE_LABELS, REASON_LABELS } from './labels';
import type { SessionFeedback } from './session-feedback';
import './feedback.css';

const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/**
 * Helpful / not helpful under one output (a chat reply, a brief, a draft, a persona); "not helpful"
 * asks what was wrong and what would help. Changeable.
 */
export function MessageFeedback({
  target,
  feedback,
  question = 'Was this reply helpful?',
}: {
  target: FeedbackTarget;
  feedback: Pick<SessionFeedback, 'of' | 'give' | 'saving'>;
  question?: string;
}) {
  const messageId = target.id;
  const mine = feedback.of(target);
  const [open, setOpen] = useState(false);
  const [reasons, setReasons] = useState<FeedbackReason[]>([]);
  const [needMore, setNeedMore] = useState<NeedMore[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const saving = feedback.saving === messageId;

  async function give(answer: Parameters<SessionFeedback['give']>[1]) {
    setError(null);
    try {
      await feedback.give(target, answer);
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  function openForm() {
    setReasons(mine?.helpful === false ? mine.reasons : []);
    setNeedMore(mine?.helpful === false ? mine.needMore : []);
    setText(mine?.helpful === false ? (mine.text ?? '') : '');
    setOpen(true);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void give({ helpful: false, reasons, needMore, text: text.trim() || null });
  }

  const chosen =
    mine?.helpful === false ? [...mine.reasons.map((r) => REASON_LABELS[r]), ...mine.needMore.map((n) => `wants ${NEED_MORE_LABELS[n].toLowerCase()}`)] : [];
  return (
    <div className="msg-feedback" data-testid="message-feedback" data-message-id={messageId} data-target-kind={target.kind}>
      <div className="msg-feedback__row" role="group" aria-label={question}>
        <button
          type="button"
          className="msg-feedback__btn"
          aria-pressed={mine?.helpful === true}
          disabled={saving}
          onClick={() => void give({ helpful: true })}
          data-testid="feedback-helpful"
        >
          Helpful
        </button>
        <button
          type="button"
          className="msg-feedback__btn"
          aria-pressed={mine?.helpful === false}
          aria-expanded={open}
          aria-controls={`${id}-form`}
          disabled={saving}
          onClick={() => (open ? setOpen(false) : openForm())}
          data-testid="feedback-not-helpful"
        >
          Not helpful
        </button>
        {mine && !open ? (
          <span className="msg-feedback__chosen" data-testid="feedback-chosen">
            {mine.helpful ? 'Thanks: marked helpful' : `Marked not helpful${chosen.length ? `: ${chosen.join(', ')}` : ''}`}
          </span>
        ) : null}
      </div>
      {open ? (
        <form id={`${id}-form`} className="msg-feedback__form" onSubmit={submit} data-testid="feedback-form">
          <fieldset>
            <legend>What was wrong?</legend>
            {FEEDBACK_REASONS.map((r) => (
              <label key={r} className="msg-feedback__check">
                <input type="checkbox" checked={reasons.includes(r)} onChange={() => setReasons(toggle(reasons, r))} data-testid={`feedback-reason-${r}`} />
                {REASON_LABELS[r]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>What would help?</legend>
            {NEED_MORE.map((n) => (
              <label key={n} className="msg-feedback__check">
                <input type="checkbox" checked={needMore.includes(n)} onChange={() => setNeedMore(toggle(needMore, n))} data-testid={`feedback-need-${n}`} />
                {NEED_MORE_LABELS[n]}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-text`} className="msg-feedback__label">
            Anything else (optional)
          </label>
          <textarea
            id={`${id}-text`}
            className="input"
            rows={2}
            maxLength={MAX_FEEDBACK_TEXT}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="feedback-text"
          />
          <div className="msg-feedback__actions">
            <Button type="submit" variant="primary" size="sm" busy={saving} data-testid="feedback-save">
              Send feedback
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          Could not save your feedback: {error}
        </p>
      ) : null}
    </div>
  );
}
