import { useState } from 'react';
import { METRICS, METRIC_NAMES, SurveyResponseInputSchema, type MetricName } from '@schemas/survey-response.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { focusFirstError, serverFieldErrors, useTextForm, type FieldErrors } from '../../../shared/forms';
import type { SurveyResponseDraft } from '../api/responses';

const TEXT_FIELDS = ['email', 'name', 'age', 'location', 'occupation', 'gender', 'goals', 'frustrations'] as const;
const FIELDS = [...TEXT_FIELDS, ...METRIC_NAMES] as const;
type Field = (typeof FIELDS)[number];

const EMPTY = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<Field, string>;

/** One answer per line, as the person typed it. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const optional = (text: string) => text.trim() || undefined;
const number = (text: string) => (text.trim() ? Number(text.trim()) : undefined);

/** The form's values as the API's input; a person's words are only trimmed. */
function toDraft(v: Record<Field, string>, consent: boolean): SurveyResponseDraft {
  const email = optional(v.email);
  const name = optional(v.name);
  return {
    ...(email || name || consent ? { respondent: { email, name, consent } } : {}),
    age: number(v.age),
    location: optional(v.location),
    occupation: optional(v.occupation),
    gender: optional(v.gender),
    goals: lines(v.goals),
    frustrations: lines(v.frustrations),
    ...Object.fromEntries(METRIC_NAMES.map((m) => [m, number(v[m])])),
  };
}

type Props = {
  busy: boolean;
  error: ApiError | null;
  onDismissError: () => void;
  onSubmit: (data: SurveyResponseDraft) => void;
  onCancel: () => void;
};

/** Adds one response by hand (an interview, a call), checked with the server's own schema as you submit. */
export function ResponseForm({ busy, error, onDismissError, onSubmit, onCancel }: Props) {
  const form = useTextForm<Field>(EMPTY);
  const [consent, setConsent] = useState(false);
  const serverErrors: FieldErrors<Field> = error?.status === 400 ? serverFieldErrors(error, FIELDS) : {};
  const errors: FieldErrors<Field> = { ...serverErrors, ...form.errors };

  function submit() {
    const draft = toDraft(form.values, consent);
    const parsed = SurveyResponseInputSchema.safeParse(draft);
    if (!parsed.success) {
      const next: FieldErrors<Field> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] === 'respondent' ? issue.path[1] : issue.path[0]) as Field;
        next[key] ??= issue.message;
      }
      form.setErrors(next);
      focusFirstError(next, FIELDS, 'response-field-');
      return;
    }
    onSubmit(draft);
  }

  const field = (f: Field) => ({
    id: `response-field-${f}`,
    testId: `response-${f}`,
    value: form.values[f],
    error: errors[f],
    onChange: (v: string) => {
      form.set(f, v);
      if (serverErrors[f]) onDismissError();
    },
  });

  const unplaced = error && (error.status !== 400 || !Object.keys(serverErrors).length);
  return (
    <form
      className="panel editor response-form"
      noValidate
      data-testid="response-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 className="panel__title">Add a response</h2>
      <p className="muted small">What one person answered, e.g. in an interview or a call. Every field is optional; fill in what they told you.</p>
      <div className="response-form__grid">
        <TextField {...field('name')} label="Name" placeholder="e.g. Dana Ruiz" maxLength={160} />
        <TextField {...field('email')} label="Email" type="email" placeholder="dana@example.com" />
        <TextField {...field('age')} label="Age" placeholder="e.g. 34" hint="In whole years." />
        <TextField {...field('location')} label="Location" placeholder="e.g. Lisbon" maxLength={160} />
        <TextField {...field('occupation')} label="Occupation" placeholder="e.g. Head of Operations" maxLength={160} />
        <TextField {...field('gender')} label="Gender" placeholder="As they describe it" maxLength={60} />
        <div className="response-form__wide response-form__lists">
          <TextField {...field('goals')} label="Goals" multiline rows={3} placeholder={'One per line, e.g.\nShip releases faster'} hint="One goal per line." />
          <TextField
            {...field('frustrations')}
            label="Frustrations"
            multiline
            rows={3}
            placeholder={'One per line, e.g.\nToo many status meetings'}
            hint="One frustration per line."
          />
        </div>
        <div className="response-form__wide response-form__metrics">
          {METRIC_NAMES.map((m) => (
            <MetricSelect key={m} metric={m} value={form.values[m]} error={errors[m]} onChange={(v) => form.set(m, v)} />
          ))}
        </div>
        <div className="response-form__wide">
          <label className="check">
            <input type="checkbox" checked={consent} data-testid="response-consent" onChange={(e) => setConsent(e.target.checked)} />
            They agreed to be contacted about their answers
          </label>
        </div>
      </div>

      {unplaced ? <ErrorBanner message={error.message} onDismiss={onDismissError} /> : null}
      <div className="editor__actions">
        <Button type="submit" variant="primary" busy={busy} data-testid="response-save">
          Save response
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function MetricSelect({ metric, value, error, onChange }: { metric: MetricName; value: string; error?: string; onChange: (v: string) => void }) {
  const { min, max, label } = METRICS[metric];
  const id = `response-field-${metric}`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`response-${metric}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">Not answered</option>
        {Array.from({ length: max - min + 1 }, (_, i) => min + i).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <p className="field__hint">
        {min} to {max}
      </p>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
