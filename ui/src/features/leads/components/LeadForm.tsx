import type { ReactNode } from 'react';
import { LEAD_URL_REQUIRED, LeadInputWithSourceSchema } from '@schemas/lead.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { focusFirstError, serverFieldErrors, useTextForm, zodFieldErrors, type FieldErrors } from '../../../shared/forms';
import type { Lead, LeadInput } from '../api/leads';

export const LEAD_FIELDS = ['name', 'position', 'email', 'requirement', 'linkedinUrl', 'websiteUrl', 'linkedinText'] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

const TEST_IDS: Record<LeadField, string> = {
  name: 'lead-name',
  email: 'lead-email',
  position: 'lead-position',
  requirement: 'lead-requirement',
  linkedinUrl: 'lead-linkedin',
  websiteUrl: 'lead-website',
  linkedinText: 'lead-linkedin-text',
};

const leadValues = (l: Lead | undefined): Record<LeadField, string> => ({
  name: l?.name ?? '',
  email: l?.email ?? '',
  position: l?.position ?? '',
  requirement: l?.requirement ?? '',
  linkedinUrl: l?.linkedinUrl ?? '',
  websiteUrl: l?.websiteUrl ?? '',
  linkedinText: l?.linkedinText ?? '',
});

/** A 409 about the email address (another lead has it, named in details.fields), as opposed to a stale version. */
export const isDuplicateEmail = (error: ApiError | null) =>
  Boolean(error?.isConflict && (error.fields.some((f) => /email/.test(f.path)) || /e-?mail/i.test(error.message)));

type Props = {
  initial: Lead | undefined;
  busy: boolean;
  /** The last save error: 400 field problems and a duplicate email land on their fields. */
  error: ApiError | null;
  onDismissError: () => void;
  onSubmit: (data: LeadInput) => void;
  onCancel: () => void;
  submitLabel: string;
  /** Shown above the buttons, e.g. a version conflict. */
  extra?: ReactNode;
  title?: string;
};

/** Add or edit a lead, checked with LeadInputWithSourceSchema (the server's own rule) as you submit. */
export function LeadForm({ initial, busy, error, onDismissError, onSubmit, onCancel, submitLabel, extra, title }: Props) {
  const form = useTextForm<LeadField>(leadValues(initial));
  const serverErrors: FieldErrors<LeadField> =
    error?.status === 400 ? serverFieldErrors(error, LEAD_FIELDS) : isDuplicateEmail(error) ? { email: error!.message.replace(/\.$/, '') } : {};
  const errors = { ...serverErrors, ...form.errors };

  function submit() {
    const parsed = LeadInputWithSourceSchema.safeParse(form.values);
    if (!parsed.success) {
      const next = zodFieldErrors<LeadField>(parsed.error);
      form.setErrors(next);
      focusFirstError(next, LEAD_FIELDS, 'lead-field-');
      return;
    }
    onSubmit(parsed.data);
  }

  const field = (f: LeadField) => ({
    id: `lead-field-${f}`,
    testId: TEST_IDS[f],
    value: form.values[f],
    error: errors[f],
    onChange: (v: string) => {
      form.set(f, v);
      // The "one of the two URLs" rule sits on the LinkedIn field: typing a website clears it too.
      if (f === 'websiteUrl' && form.errors.linkedinUrl === LEAD_URL_REQUIRED) form.setErrors((e) => ({ ...e, linkedinUrl: undefined }));
      if (serverErrors[f] || (f === 'websiteUrl' && serverErrors.linkedinUrl)) onDismissError();
    },
  });

  const unplaced = error?.status === 400 && !Object.keys(serverErrors).length;
  return (
    <form
      className="panel editor lead-form"
      noValidate
      data-testid="lead-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {title ? <h2 className="panel__title">{title}</h2> : null}
      <div className="lead-form__grid">
        <TextField {...field('name')} label="Name" required placeholder="e.g. Dana Whitfield" maxLength={160} />
        <TextField {...field('position')} label="Position" placeholder="e.g. VP of Sales" maxLength={160} />
        <TextField {...field('email')} label="Email" type="email" placeholder="dana@example.com" hint="Needed to send them emails." />
        <div className="lead-form__wide">
          <TextField
            {...field('requirement')}
            label="What they need"
            multiline
            rows={2}
            placeholder="e.g. Cut onboarding time for new sales reps"
            maxLength={2000}
            hint="In your words or theirs. The persona and every email draw on it."
          />
        </div>
      </div>
      <fieldset className="lead-form__sources">
        <legend className="field__label">
          Where their persona comes from <span className="muted small">— a LinkedIn URL, a website URL, or both</span>
        </legend>
        <div className="form-grid">
          <TextField {...field('linkedinUrl')} label="LinkedIn URL" placeholder="https://www.linkedin.com/in/dana-whitfield" />
          <TextField {...field('websiteUrl')} label="Website URL" placeholder="https://northwind.example" />
        </div>
        <TextField
          {...field('linkedinText')}
          label="Pasted LinkedIn text"
          multiline
          rows={3}
          placeholder="Paste the text of their LinkedIn profile: headline, about, experience…"
          maxLength={20_000}
          hint="LinkedIn pages cannot be read without signing in, so paste what matters. The persona and every email may quote it."
        />
      </fieldset>

      {extra}
      {error && error.status !== 400 && !isDuplicateEmail(error) && !(error.isConflict && extra) ? (
        <ErrorBanner message={error.message} onDismiss={onDismissError} />
      ) : null}
      {unplaced ? <ErrorBanner message={error!.message} onDismiss={onDismissError} /> : null}

      <div className="editor__actions">
        <Button type="submit" variant="primary" busy={busy} data-testid="lead-save">
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
