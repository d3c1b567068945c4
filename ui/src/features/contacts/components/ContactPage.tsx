import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Contact } from '@schemas/contact.js';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { JsonTree } from '../../../shared/components/JsonTree';
import { contacts } from '../../../shared/catalog/contacts';
import { formatDateTime } from '../../../shared/format';
import { ContactForm } from './ContactForm';
import { initials } from './initials';
import { paths } from '../../../shared/paths';

/** /contacts/:id — read the contact, edit it, delete it, prepare for a meeting with them or generate a persona from it. */
export function ContactPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const contact = contacts.useOne(id);
  const update = contacts.useUpdate(id);
  const remove = contacts.useDelete();
  const [editing, setEditing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);

  if (contact.isPending) return <Loading label="Loading contact…" />;
  if (contact.isError) {
    return <LoadFailure error={contact.error} what="contact" back={{ to: paths.contacts, label: 'Back to contacts' }} onRetry={() => void contact.refetch()} />;
  }

  const c = contact.data;
  return (
    <div className="page">
      <p className="crumbs">
        <Link to={paths.contacts}>← Contacts</Link>
      </p>
      <div className="page__head">
        <div className="contact-head">
          <span className="card__avatar" aria-hidden="true">
            {initials(c.name)}
          </span>
          <div>
            <h1 className="page-title">{c.name}</h1>
            <p className="muted">
              {[c.title, c.company].filter(Boolean).join(' · ')}
              {c.email ? (
                <>
                  {c.title || c.company ? ' · ' : ''}
                  <a href={`mailto:${c.email}`}>{c.email}</a>
                </>
              ) : null}
            </p>
            <p className="muted small">
              Version {c.version} · updated {formatDateTime(c.updatedAt)}
            </p>
          </div>
        </div>
        {!editing ? (
          <div className="toolbar">
            <Link to={paths.contactPrep(c.id)} className="btn btn--primary" data-testid="contact-prep">
              Prepare for a meeting
            </Link>
            <Link to={paths.personaBuilderForContact(c.id)} className="btn btn--secondary" data-testid="contact-generate">
              Generate persona from this contact
            </Link>
            <Button
              onClick={() => {
                update.reset();
                setEditing(true);
              }}
              data-testid="contact-edit"
            >
              Edit
            </Button>
            <Button variant="danger" onClick={() => setConfirming(true)} data-testid="contact-delete">
              Delete
            </Button>
          </div>
        ) : null}
      </div>

      {notice && !editing ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(undefined)} /> : null}

      {editing ? (
        <ContactForm
          key={formKey}
          initial={c}
          busy={update.isPending}
          error={update.error}
          onDismissError={() => update.reset()}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={(data) =>
            update.mutate(
              { data, expectedVersion: c.version },
              {
                onSuccess: (saved) => {
                  setEditing(false);
                  setNotice(`Saved as version ${saved.version}.`);
                },
              },
            )
          }
          extra={
            update.error?.isConflict ? (
              <ErrorBanner
                tone="warning"
                title="This contact was changed elsewhere."
                message={update.error.message}
                actions={
                  <Button
                    onClick={async () => {
                      await contact.refetch();
                      update.reset();
                      setFormKey((k) => k + 1);
                    }}
                  >
                    Load the latest (discards your edits)
                  </Button>
                }
              />
            ) : null
          }
        />
      ) : (
        <ContactView contact={c} />
      )}

      <ConfirmDialog
        open={confirming}
        title={`Delete “${c.name}”?`}
        confirmLabel="Delete contact"
        confirmTestId="confirm-delete"
        busy={remove.isPending}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(c.id, {
            onSuccess: () => navigate(paths.contacts, { replace: true, state: { notice: `Deleted “${c.name}”.` } }),
          })
        }
      >
        <p>The contact and what you pasted for them are deleted. Personas generated from them stay in the library.</p>
        {remove.isError ? <p className="field__error">{remove.error.message}</p> : null}
      </ConfirmDialog>
    </div>
  );
}

function ContactView({ contact: c }: { contact: Contact }) {
  const nothing = !c.notes && !c.linkedinText && !c.websiteText && !c.enrichment;
  return (
    <div className="panel contact-view">
      {nothing ? (
        <p className="muted">
          Nothing pasted for this contact yet. Edit it to add their LinkedIn text, website text or an enrichment record: a persona generated from the contact
          then rests on more than their title.
        </p>
      ) : null}
      {c.notes ? (
        <section className="contact-view__section">
          <h2 className="group__legend">Notes</h2>
          <p className="prewrap">{c.notes}</p>
        </section>
      ) : null}
      {c.linkedinText ? <Pasted title="LinkedIn profile text" text={c.linkedinText} testId="contact-linkedin" /> : null}
      {c.websiteText ? <Pasted title="Website text" text={c.websiteText} testId="contact-website" /> : null}
      {c.enrichment ? (
        <section className="contact-view__section">
          <h2 className="group__legend">Enrichment record</h2>
          <JsonTree value={c.enrichment} testId="contact-enrichment" />
        </section>
      ) : null}
    </div>
  );
}

/** Pasted text, folded: the first lines show, the rest opens on click. */
function Pasted({ title, text, testId }: { title: string; text: string; testId: string }) {
  const preview =
    text
      .trim()
      .split('\n')
      .find((l) => l.trim()) ?? '';
  return (
    <details className="pasted-block" data-testid={testId}>
      <summary>
        <span className="pasted-block__title">{title}</span>
        <span className="muted small"> · {text.length.toLocaleString()} characters</span>
        <span className="pasted-block__preview">{preview}</span>
      </summary>
      <pre className="pasted">{text}</pre>
    </details>
  );
}
