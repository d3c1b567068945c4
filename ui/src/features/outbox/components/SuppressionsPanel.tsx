import { useState } from 'react';
import { SuppressionInputSchema, type Suppression } from '@schemas/email.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime } from '../../../shared/format';
import { useAddSuppression, useRemoveSuppression } from '../api/outbox';

const SOURCE_TEXT: Record<Suppression['source'], string> = {
  unsubscribe: 'Unsubscribed themselves',
  manual: 'Added by hand',
};

type Query = { data: Suppression[] | undefined; isPending: boolean; error: ApiError | null; refetch(): unknown };

/** Addresses no campaign emails: everyone who unsubscribed, and those added by hand. */
export function SuppressionsPanel({ query }: { query: Query }) {
  const add = useAddSuppression();
  const remove = useRemoveSuppression();
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Suppression | null>(null);
  const items = [...(query.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  function submit() {
    const parsed = SuppressionInputSchema.safeParse({ email, ...(reason.trim() ? { reason } : {}) });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Not a valid email address');
      document.getElementById('suppression-email')?.focus();
      return;
    }
    add.mutate(parsed.data, {
      onSuccess: () => {
        setNotice(`${parsed.data.email} will not be emailed.`);
        setEmail('');
        setReason('');
      },
      onError: (e) => {
        const f = e.fields.find((x) => x.path.endsWith('email'));
        if (f) setError(f.message);
      },
    });
  }

  return (
    <div className="panel outbox-supp" data-testid="suppressions">
      <p className="muted small">
        No campaign emails these addresses. Someone who clicks the unsubscribe link in an email lands here on their own, and stays: only they can subscribe
        again. Add others by hand; those you can remove.
      </p>
      <form
        className="outbox-supp__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field outbox-supp__email">
          <label className="field__label" htmlFor="suppression-email">
            Email address
          </label>
          <input
            id="suppression-email"
            className="input"
            type="email"
            data-testid="suppression-email"
            placeholder="name@example.com"
            value={email}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'suppression-email-error' : undefined}
            onChange={(e) => {
              setEmail(e.target.value);
              setError(null);
              setNotice(null);
            }}
          />
        </div>
        <div className="field outbox-supp__reason">
          <label className="field__label" htmlFor="suppression-reason">
            Reason <span className="muted small">(optional)</span>
          </label>
          <input
            id="suppression-reason"
            className="input"
            data-testid="suppression-reason"
            placeholder="e.g. asked by phone"
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <Button type="submit" variant="primary" busy={add.isPending} data-testid="suppression-add" className="outbox-supp__add">
          Suppress
        </Button>
      </form>
      {error ? (
        <p className="field__error" id="suppression-email-error" role="alert">
          {error}
        </p>
      ) : null}
      {add.error && !error ? <ErrorBanner title="Not added." message={add.error.message} onDismiss={() => add.reset()} /> : null}
      {notice ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(null)} /> : null}

      {query.isPending ? <Loading label="Loading suppressed addresses…" /> : null}
      {query.error ? (
        <ErrorBanner title="Could not load the list." message={query.error.message} actions={<Button onClick={() => void query.refetch()}>Try again</Button>} />
      ) : null}
      {query.data && items.length === 0 ? <p className="muted outbox-supp__empty">Nobody is suppressed yet.</p> : null}
      {items.length ? (
        <ul className="outbox-supp__list">
          {items.map((s) => (
            <li key={s.email} className="outbox-supp__row" data-testid="suppression-row" data-email={s.email} data-source={s.source}>
              <span className="outbox-supp__addr">{s.email}</span>
              <span className="muted small">
                <span className={`badge${s.source === 'unsubscribe' ? ' badge--warning' : ''}`} data-testid="suppression-source">
                  {SOURCE_TEXT[s.source]}
                </span>{' '}
                {s.source === 'manual' ? `${s.reason} · ` : ''}
                {formatDateTime(s.createdAt)}
              </span>
              {s.source === 'manual' ? (
                <Button size="sm" variant="ghost" onClick={() => setRemoving(s)} data-testid="suppression-remove">
                  Remove
                </Button>
              ) : (
                <span className="muted small outbox-supp__locked" data-testid="suppression-locked">
                  Only they can subscribe again
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}

      <ConfirmDialog
        open={removing !== null}
        title={`Email ${removing?.email ?? ''} again?`}
        confirmLabel="Remove from the list"
        confirmTestId="confirm-remove-suppression"
        busy={remove.isPending}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.email, {
            onSuccess: () => {
              setNotice(`${removing.email} can be emailed again.`);
              setRemoving(null);
            },
          })
        }
      >
        <p>Campaigns will email this address again. Only do this if the person asked to hear from you: they were suppressed because “{removing?.reason}”.</p>
        {remove.isError ? <p className="field__error">{remove.error.message}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
