import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Contact } from '@schemas/contact.js';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { contacts, sortContacts } from '../../../shared/catalog/contacts';
import { formatDate } from '../../../shared/format';
import { initials } from './initials';
import { paths } from '../../../shared/paths';

/** /contacts — real people: their pasted profile text and enrichment, to generate personas from. */
export function ContactsPage() {
  const list = contacts.useList();
  const location = useLocation();
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const items = sortContacts(list.data);

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Contacts</h1>
          <p className="muted">Real people you sell to. Paste what you know about them and generate a persona from it.</p>
        </div>
        <Link to={paths.newContact} className="btn btn--primary" data-testid="contact-new">
          + New contact
        </Link>
      </div>
      {notice ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(undefined)} /> : null}
      {list.isPending ? <Loading label="Loading contacts…" /> : null}
      {list.isError ? (
        <ErrorBanner
          title="Could not load your contacts."
          message={list.error.message}
          actions={<Button onClick={() => void list.refetch()}>Try again</Button>}
        />
      ) : null}
      {list.data && items.length === 0 ? (
        <EmptyState
          title="No contacts yet"
          action={
            <Link to={paths.newContact} className="btn btn--primary">
              Add a contact
            </Link>
          }
        >
          <p>Add someone you are talking to: their LinkedIn text, their company's website text or an enrichment record.</p>
        </EmptyState>
      ) : null}
      {items.length ? (
        <ul className="cards">
          {items.map((c) => (
            <li key={c.id}>
              <ContactCard contact={c} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ContactCard({ contact }: { contact: Contact }) {
  const has = [contact.linkedinText ? 'LinkedIn text' : null, contact.websiteText ? 'Website text' : null, contact.enrichment ? 'Enrichment' : null].filter(
    (x): x is string => x !== null,
  );
  return (
    <Link to={paths.contact(contact.id)} className="card" data-testid="contact-card" data-contact-id={contact.id}>
      <span className="card__avatar" aria-hidden="true">
        {initials(contact.name)}
      </span>
      <span className="card__main">
        <span className="card__title">{contact.name}</span>
        <span className="card__subtitle">{[contact.title, contact.company].filter(Boolean).join(' · ') || contact.email || '—'}</span>
        {has.length ? (
          <span className="card__tags">
            {has.map((h) => (
              <span key={h} className="tag">
                {h}
              </span>
            ))}
          </span>
        ) : null}
        <span className="card__meta">Updated {formatDate(contact.updatedAt)}</span>
      </span>
    </Link>
  );
}
