import { useState, type FormEvent, type ReactNode } from 'react';
import { IntakeAnswersSchema, type IntakeAnswerId, type IntakeAnswers, type IntakeQuestion, type IntakeState } from '@schemas/intake.js';
import { Button } from '../components/Button';
import { ErrorBanner } from '../components/ErrorBanner';
import { TextField } from '../components/TextField';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../forms';
import { useSaveIntake, type IntakeSaved } from './api';
import './intake.css';

type Props = {
  questions: ReadonlyArray<IntakeQuestion>;
  /** What is remembered now: the form opens with it. */
  answers: IntakeAnswers;
  /** The facts' versions the form opened with: a save is checked against them (409 when one changed elsewhere). */
  versions: IntakeState['versions'];
  /** After a 409: fetch the latest and start the form again from it. */
  onReloadLatest: () => void;
  onSaved: (saved: IntakeSaved) => void;
  /** Offers "Skip for now" when given. */
  onSkipped?: (saved: IntakeSaved) => void;
  /** Beside the buttons, e.g. a link to the Memory page. */
  aside?: ReactNode;
  idPrefix: string;
};

/** The intake's questions as a short form; the answers are saved to the workspace's memory. */
export function IntakeForm({ questions, answers, versions, onReloadLatest, onSaved, onSkipped, aside, idPrefix }: Props) {
  const [values, setValues] = useState<IntakeAnswers>(answers);
  const [base, setBase] = useState(versions);
  const [errors, setErrors] = useState<FieldErrors<IntakeAnswerId>>({});
  const save = useSaveIntake();
  const skip = useSaveIntake();
  const ids = questions.map((q) => q.id);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = IntakeAnswersSchema.safeParse(values);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    if (!Object.values(parsed.data).some((v) => v))
      return setErrors({ [ids[0]!]: onSkipped ? 'Answer at least one question, or skip for now' : 'Answer at least one question' });
    setErrors({});
    save.mutate(
      { answers: parsed.data, expectedVersions: base },
      {
        onSuccess: (saved) => {
          setBase(saved.versions);
          onSaved(saved);
        },
        onError: (err) => setErrors(serverFieldErrors(err, ids)),
      },
    );
  };
  const failed = save.error && Object.keys(errors).length === 0 ? save.error : skip.error;

  return (
    <form className="intake-form" onSubmit={submit} noValidate data-testid="intake-form">
      {questions.map((q) => (
        <TextField
          key={q.id}
          id={`${idPrefix}-${q.id}`}
          testId={`intake-${q.id}`}
          label={q.question}
          value={values[q.id] ?? ''}
          onChange={(v) => setValues((prev) => ({ ...prev, [q.id]: v }))}
          placeholder={q.placeholder}
          maxLength={q.maxLength}
          multiline={q.multiline}
          rows={2}
          error={errors[q.id]}
        />
      ))}
      {failed?.isConflict ? (
        <ErrorBanner
          tone="warning"
          testId="intake-conflict"
          message={failed.message}
          actions={
            <Button variant="primary" onClick={onReloadLatest} data-testid="intake-reload">
              Reload latest (discards these answers)
            </Button>
          }
        />
      ) : failed ? (
        <ErrorBanner message={failed.message} onDismiss={() => (save.reset(), skip.reset())} />
      ) : null}
      <div className="intake-form__actions">
        <Button type="submit" variant="primary" busy={save.isPending} disabled={skip.isPending} data-testid="intake-save">
          Save
        </Button>
        {onSkipped ? (
          <Button
            variant="ghost"
            busy={skip.isPending}
            disabled={save.isPending}
            onClick={() => skip.mutate({ skip: true }, { onSuccess: onSkipped })}
            data-testid="intake-skip"
          >
            Skip for now
          </Button>
        ) : null}
        {aside}
      </div>
    </form>
  );
}
