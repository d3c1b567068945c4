import { useState } from 'react';
import { SenderProfileInputSchema, type SenderProfile } from '@schemas/sender-profile.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { focusFirstError, serverFieldErrors, useTextForm, zodFieldErrors } from '../../../shared/forms';
import { formatAddress, formatDateTime } from '../../../shared/format';
import { useMe } from '../../../shared/session/session';
import { useSaveSender, useSenderSettings, type SenderSettings } from '../api/sender';
import '../sender-settings.css';

const FIELDS = ['fromName', 'fromEmail', 'replyTo', 'signature', 'postalAddress'] as const;
type Field = (typeof FIELDS)[number];

const valuesOf = (p: SenderProfile | null): Record<Field, string> => ({
  fromName: p?.fromName ?? '',
  fromEmail: p?.fromEmail ?? '',
  replyTo: p?.replyTo ?? '',
  signature: p?.signature ?? '',
  postalAddress: p?.postalAddress ?? '',
});

/** /settings/sender — who campaign email comes from, how it is signed, and the footer's postal address. */
export function SenderSettingsPage() {
  const settings = useSenderSettings();
  // Lives here: a save moves the version on, which re-keys the form below.
  const [savedAt, setSavedAt] = useState<string | null>(null);
  return (
    <div className="page page--narrow">
      <div className="page__head">
        <div>
          <h1 className="page-title">Who sends your email</h1>
          <p className="muted">
            Every campaign email goes out with these details: recipients see the From name and address, and replies go to Reply-To when you set one.
          </p>
        </div>
      </div>
      {settings.isPending ? <Loading label="Loading the sender…" /> : null}
      {settings.isError ? (
        <ErrorBanner
          title="Could not load the sender."
          message={settings.error.message}
          actions={<Button onClick={() => void settings.refetch()}>Try again</Button>}
        />
      ) : null}
      {settings.data ? <SenderForm key={settings.data.profile?.version ?? 0} settings={settings.data} savedAt={savedAt} setSavedAt={setSavedAt} /> : null}
    </div>
  );
}

type FormProps = { settings: SenderSettings; savedAt: string | null; setSavedAt: (at: string | null) => void };

function SenderForm({ settings, savedAt, setSavedAt }: FormProps) {
  const me = useMe();
  const canEdit = me.data?.workspace?.role !== 'member';
  const form = useTextForm<Field>(valuesOf(settings.profile));
  const save = useSaveSender();
  const version = settings.profile?.version ?? 0;

  function submit() {
    const parsed = SenderProfileInputSchema.safeParse(form.values);
    if (!parsed.success) {
      const errors = zodFieldErrors<Field>(parsed.error);
      form.setErrors(errors);
      focusFirstError(errors, FIELDS, 'sender-field-');
      return;
    }
    save.mutate(
      { data: parsed.data, expectedVersion: version },
      {
        onSuccess: (saved) => setSavedAt(saved.profile?.updatedAt ?? null),
        onError: (error: ApiError) => {
          if (error.status === 400) form.setErrors(serverFieldErrors(error, FIELDS));
        },
      },
    );
  }

  const field = (f: Field) => ({
    id: `sender-field-${f}`,
    testId: `sender-${f}`,
    value: form.values[f],
    error: form.errors[f],
    disabled: !canEdit,
    onChange: (v: string) => {
      setSavedAt(null);
      form.set(f, v);
    },
  });

  return (
    <>
      <form
        className="panel editor"
        data-testid="sender-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {settings.profile ? null : (
          <ErrorBanner
            tone="info"
            testId="sender-default"
            message={`No sender set for this workspace yet: emails come from ${formatAddress(settings.sender.from)}, the server's default. Save your own below.`}
          />
        )}
        {canEdit ? null : <ErrorBanner tone="info" message="Only an owner of this workspace can change who emails come from." />}
        <TextField
          {...field('fromName')}
          label="From name"
          required
          placeholder="e.g. Dana from RoutePilot"
          maxLength={80}
          hint="What the inbox shows, and how every email is signed."
        />
        <TextField
          {...field('fromEmail')}
          label="From address"
          required
          type="email"
          placeholder="e.g. dana@routepilot.com"
          maxLength={254}
          hint="Use an address your mail server is allowed to send for (SPF, DKIM)."
        />
        <TextField {...field('replyTo')} label="Reply-To" type="email" placeholder="Leave empty: replies go to the From address" maxLength={254} />
        <TextField
          {...field('signature')}
          label="Signature"
          multiline
          rows={4}
          placeholder={'e.g. Dana Reyes\nHead of Growth, RoutePilot'}
          maxLength={1000}
          hint="Added under every email."
        />
        <TextField
          {...field('postalAddress')}
          label="Postal address"
          placeholder="e.g. 12 Harbour St, Leith EH6 6LF, UK"
          maxLength={300}
          hint="Printed in every footer. The law in many places (CAN-SPAM in the US) requires a valid postal address in commercial email."
        />

        {save.error?.isConflict ? (
          <ErrorBanner
            tone="warning"
            title="The sender was changed elsewhere."
            message={`${save.error.message} Reloading the page shows the latest (your edits here are discarded).`}
          />
        ) : save.error && !Object.values(form.errors).some(Boolean) ? (
          <ErrorBanner message={save.error.message} onDismiss={() => save.reset()} />
        ) : null}
        {savedAt ? (
          <ErrorBanner tone="success" message={`Saved · ${formatDateTime(savedAt)}`} onDismiss={() => setSavedAt(null)} testId="sender-saved" />
        ) : null}

        {canEdit ? (
          <div className="editor__actions">
            <Button type="submit" variant="primary" busy={save.isPending} data-testid="sender-save">
              {settings.profile ? 'Save changes' : 'Save sender'}
            </Button>
          </div>
        ) : null}
      </form>
      <section className="panel sender-preview" aria-labelledby="sender-preview-title">
        <h2 id="sender-preview-title" className="panel__title">
          The end of every email
        </h2>
        <p className="muted small">As saved: under the draft, then the footer with each recipient&rsquo;s own unsubscribe link.</p>
        <dl className="sender-preview__head">
          <dt>From</dt>
          <dd data-testid="sender-preview-from">{formatAddress(settings.sender.from)}</dd>
          {settings.sender.replyTo ? (
            <>
              <dt>Reply-To</dt>
              <dd>{settings.sender.replyTo}</dd>
            </>
          ) : null}
        </dl>
        <pre className="sender-preview__body" data-testid="sender-preview">
          {settings.endOfEmail}
        </pre>
      </section>
    </>
  );
}
