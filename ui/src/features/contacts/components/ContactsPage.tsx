import { useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Contact } from '@schemas/contact.js';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { contacts } from '../../../shared/catalog/contacts';
import { ListControls, ListNoMatch, ListPager } from '../../../shared/components/ListControls';
import type { ListSpec } from '../../../shared/hooks/list-query';
import { useListQuery } from '../../../shared/hooks/use-list-query';
import { formatDate } from '../../../shared/format';
import { initials } from './initials';
import { paths } from '../../../shared/paths';

const CONTACTS_LIST: ListSpec<Contact> = {
  searchFields: (c) => [c.name, c.title, c.company, c.email],
  filterValue: (c) => c.company,
  sorts: { name: (c) => c.name, updated: (c) => c.updatedAt, company: (c) => c.company },
  defaultSort: { key: 'name', dir: 'asc' },
};
const CONTACT_SORTS = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
  { value: '-updated', label: 'Last updated' },
  { value: 'company', label: 'Company (A–Z)' },
];
const NO_CONTACTS: Contact[] = [];

/** /contacts — real people: their pasted profile text and enrichment, to generate personas from. */
export function ContactsPage() {
  const list = contacts.useList();
  const location = useLocation();
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const all = list.data ?? NO_CONTACTS;
  const view = useListQuery(all, CONTACTS_LIST);
  const companies = useMemo(
    () => [...new Set(all.map((c) => c.company).filter(Boolean))].sort((a, b) => a.localeCompare(b)).map((c) => ({ value: c, label: c })),
    [all],
  );

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
      {list.data && all.length === 0 ? (
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
      {all.length ? (
        <section aria-label="Your contacts">
          <ListControls
            list={view}
            name="contacts"
            searchLabel="Search contacts"
            searchPlaceholder="Name, title, company or email"
            filter={{ label: 'Company', allLabel: 'All companies', options: companies }}
            sorts={CONTACT_SORTS}
          />
          {view.rows.length ? (
            <ul className="cards">
              {view.rows.map((c) => (
                <li key={c.id}>
                  <ContactCard contact={c} />
                </li>
              ))}
            </ul>
          ) : (
            <ListNoMatch list={view} total={all.length} noun={['contact', 'contacts']} filterText={`at ${view.query.filter}`} name="contacts" />
          )}
          <div className="list-foot">
            <ListPager list={view} noun={['contact', 'contacts']} name="contacts" />
          </div>
        </section>
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
