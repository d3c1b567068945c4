import type { ReactNode } from 'react';
import { ContactInputSchema, type Contact } from '@schemas/contact.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import type { ContactInput } from '../../../shared/catalog/contacts';
import { focusFirstError, serverFieldErrors, useTextForm, zodFieldErrors, type FieldErrors } from '../../../shared/forms';
import { parseJsonObject, prettyJson } from '../../../shared/json';

export const CONTACT_FIELDS = ['name', 'title', 'company', 'email', 'linkedinText', 'websiteText', 'enrichment', 'notes'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const contactValues = (c: Contact | undefined): Record<ContactField, string> => ({
  name: c?.name ?? '',
  title: c?.title ?? '',
  company: c?.company ?? '',
  email: c?.email ?? '',
  linkedinText: c?.linkedinText ?? '',
  websiteText: c?.websiteText ?? '',
  enrichment: c?.enrichment ? prettyJson(c.enrichment) : '',
  notes: c?.notes ?? '',
});

type Props = {
  initial: Contact | undefined;
  busy: boolean;
  /** The last save error (400 field problems land on their fields). */
  error: ApiError | null;
  onDismissError: () => void;
  onSubmit: (data: ContactInput) => void;
  onCancel: () => void;
  submitLabel: string;
  /** Shown above the buttons, e.g. a version conflict. */
  extra?: ReactNode;
};

/** Create or edit a contact with ContactInputSchema; the enrichment JSON must parse to an object. */
export function ContactForm({ initial, busy, error, onDismissError, onSubmit, onCancel, submitLabel, extra }: Props) {
  const form = useTextForm<ContactField>(contactValues(initial));
  const serverErrors: FieldErrors<ContactField> = error?.status === 400 ? serverFieldErrors(error, CONTACT_FIELDS) : {};
  const errors = { ...serverErrors, ...form.errors };

  const enrichment = parseJsonObject(form.values.enrichment);

  function submit() {
    const parsed = ContactInputSchema.safeParse({ ...form.values, enrichment: enrichment.ok ? enrichment.value : null });
    const next: FieldErrors<ContactField> = {
      ...(parsed.success ? {} : zodFieldErrors<ContactField>(parsed.error)),
      ...(enrichment.ok ? {} : { enrichment: enrichment.message }),
    };
    if (!parsed.success || Object.keys(next).length) {
      form.setErrors(next);
      focusFirstError(next, CONTACT_FIELDS, 'contact-');
      return;
    }
    onSubmit(parsed.data);
  }

  const field = (f: ContactField) => ({
    id: `contact-${f}`,
    testId: `contact-field-${f}`,
    value: form.values[f],
    error: errors[f],
    onChange: (v: string) => {
      form.set(f, v);
      if (serverErrors[f]) onDismissError();
    },
  });

  const keys = enrichment.ok && enrichment.value ? Object.keys(enrichment.value).length : 0;
  return (
    <form
      className="panel editor"
      noValidate
      data-testid="contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="form-grid">
        <TextField {...field('name')} label="Name" required placeholder="e.g. Dana Whitfield" maxLength={160} />
        <TextField {...field('email')} label="Email" type="email" placeholder="dana@example.com" />
        <TextField {...field('title')} label="Title" placeholder="e.g. VP Operations" maxLength={160} />
        <TextField {...field('company')} label="Company" placeholder="e.g. Northwind Freight" maxLength={160} />
      </div>
      <TextField
        {...field('linkedinText')}
        label="LinkedIn profile text"
        multiline
        rows={4}
        placeholder="Paste the text of their LinkedIn profile: headline, about, experience…"
        maxLength={20_000}
      />
      <TextField
        {...field('websiteText')}
        label="Website text"
        multiline
        rows={4}
        placeholder="Paste text from their company's website: the about page, what they sell…"
        maxLength={20_000}
      />
      <TextField
        {...field('enrichment')}
        label="Enrichment record (JSON)"
        multiline
        rows={5}
        mono
        placeholder={'{ "title": "VP Operations", "seniority": "vp", "organization": { "name": "Northwind", "industry": "logistics" } }'}
        onBlur={() => {
          if (!enrichment.ok) form.setErrors({ ...form.errors, enrichment: enrichment.message });
          else if (enrichment.value) form.set('enrichment', prettyJson(enrichment.value));
        }}
        hint={
          keys ? (
            <span className="ok-text">
              ✓ A JSON object with {keys} field{keys === 1 ? '' : 's'}.
            </span>
          ) : (
            'An Apollo-style record or any JSON object, pasted as exported. Optional.'
          )
        }
      />
      <TextField {...field('notes')} label="Notes" multiline rows={3} placeholder="Anything else you know about them" maxLength={5000} />

      {extra}
      {error && error.status !== 400 && !error.isConflict ? <ErrorBanner message={error.message} onDismiss={onDismissError} /> : null}
      {error?.status === 400 && !Object.keys(serverErrors).length ? <ErrorBanner message={error.message} onDismiss={onDismissError} /> : null}

      <div className="editor__actions">
        <Button type="submit" variant="primary" busy={busy} data-testid="contact-save">
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
