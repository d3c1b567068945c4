import { useState } from 'react';
import type { ResearchPageKind } from '@schemas/lead-research.js';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Fold } from '../../../shared/components/Fold';
import { formatDateTime, formatRelative } from '../../../shared/format';
import type { Lead } from '../api/leads';
import { useLeadResearch, useResearchWebsite } from '../api/research';

const KIND_LABELS: Record<ResearchPageKind, string> = { home: 'Home page', about: 'About', pricing: 'Pricing', customers: 'Customers' };

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** What the lead's website said when last read (on request only), and the LinkedIn text pasted for them: the evidence their persona and emails may quote. */
export function ResearchTab({ lead }: { lead: Lead }) {
  const research = useLeadResearch(lead.id);
  const read = useResearchWebsite(lead.id);
  const [justRead, setJustRead] = useState(false);
  const r = research.data;
  const onLinkedIn = /(^|\.)linkedin\.com$/i.test(hostOf(lead.websiteUrl).replace(/:\d+$/, ''));
  const canRead = Boolean(lead.websiteUrl) && !onLinkedIn;

  return (
    <div className="lead-research" data-testid="lead-research">
      <section className="lead-research__section">
        <header className="lead-research__head">
          <div>
            <h2 className="lead-research__title">Their website</h2>
            {r ? (
              <p className="muted small" data-testid="lead-research-fetched-at">
                Read {formatRelative(r.fetchedAt)} · {formatDateTime(r.fetchedAt)} from {hostOf(r.sourceUrl)}
              </p>
            ) : null}
          </div>
          <Button
            variant={r ? undefined : 'primary'}
            disabled={!canRead}
            busy={read.isPending}
            data-testid="lead-research-run"
            onClick={() =>
              read.mutate(undefined, {
                onSuccess: () => setJustRead(true),
              })
            }
          >
            {r ? 'Refresh' : 'Research website'}
          </Button>
        </header>

        {!lead.websiteUrl ? (
          <p className="muted small">Add their company’s website URL to the lead (Edit) to read what it says.</p>
        ) : onLinkedIn ? (
          <p className="muted small">
            The website URL is a LinkedIn page, which cannot be read without signing in: paste their profile into “Pasted LinkedIn text” instead.
          </p>
        ) : !r && !read.isPending && research.isSuccess ? (
          <p className="muted small">
            Nothing has been read yet. “Research website” reads {hostOf(lead.websiteUrl)} and the about, pricing and customers pages it links to, so the persona
            and emails can quote what the company says about itself. It is read again only when you press Refresh.
          </p>
        ) : null}

        {read.isPending ? (
          <p role="status" className="muted">
            <span className="spinner" aria-hidden="true" /> Reading {hostOf(lead.websiteUrl)}…
          </p>
        ) : null}
        {read.isError ? <ErrorBanner title="The website could not be researched." message={read.error.message} onDismiss={() => read.reset()} /> : null}
        {research.isPending ? <Loading label="Loading research…" /> : null}
        {research.isError ? (
          <ErrorBanner message={research.error.message} actions={<Button onClick={() => void research.refetch()}>Try again</Button>} />
        ) : null}

        {justRead && r && !read.isPending ? (
          <ErrorBanner
            tone="success"
            message={
              r.pages.length
                ? `Read ${r.pages.length} page${r.pages.length === 1 ? '' : 's'}. Email drafts use it from now on; press Regenerate on the Persona tab for a persona that uses it.`
                : 'No page could be read: see why below.'
            }
            onDismiss={() => setJustRead(false)}
          />
        ) : null}

        {r?.failures.length ? (
          <div className="lead-research__failures" data-testid="lead-research-failures">
            <h3 className="group__legend">Not read</h3>
            <ul className="bullets">
              {r.failures.map((f) => (
                <li key={`${f.kind}-${f.url}`}>
                  <strong>{KIND_LABELS[f.kind]}</strong> <span className="lead-research__url">{f.url}</span>: {f.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {r?.pages.map((p) => (
          <article key={`${p.kind}-${p.url}`} className="lead-research__page" data-testid={`lead-research-page-${p.kind}`}>
            <h3 className="lead-research__page-title">
              <span className="badge badge--info">{KIND_LABELS[p.kind]}</span> {p.title || hostOf(p.url)}
            </h3>
            <p className="small">
              <a href={p.url} target="_blank" rel="noreferrer noopener" className="lead-research__url">
                {p.url} ↗
              </a>
            </p>
            {p.description ? <p className="lead-research__description">{p.description}</p> : null}
            {p.text ? (
              <Fold summary={`Readable text (${p.text.length.toLocaleString()} characters)`}>
                <p className="prewrap lead-research__text">{p.text}</p>
              </Fold>
            ) : (
              <p className="muted small">No readable text on this page.</p>
            )}
          </article>
        ))}
      </section>

      <section className="lead-research__section" data-testid="lead-research-linkedin">
        <h2 className="lead-research__title">Pasted LinkedIn text</h2>
        {lead.linkedinText.trim() ? (
          <p className="prewrap lead-research__text">{lead.linkedinText}</p>
        ) : (
          <p className="muted small">
            None pasted. LinkedIn pages cannot be read without signing in: Edit the lead and paste their profile to use it as evidence.
          </p>
        )}
      </section>
    </div>
  );
}
