import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ListControls, ListNoMatch, ListPager } from '../../../shared/components/ListControls';
import { PersonaStatusBadge } from '../../../shared/components/PersonaStatusBadge';
import { formatDate } from '../../../shared/format';
import type { ListSpec } from '../../../shared/hooks/list-query';
import { useListQuery } from '../../../shared/hooks/use-list-query';
import { paths } from '../../../shared/paths';
import type { LeadListItem } from '../api/leads';
import { BulkActions } from './BulkActions';

const LEADS_LIST: ListSpec<LeadListItem> = {
  searchFields: (l) => [l.name, l.email, l.position, l.websiteUrl],
  filterValue: (l) => l.personaStatus,
  sorts: { name: (l) => l.name, created: (l) => l.createdAt, contacted: (l) => l.lastContactedAt },
  defaultSort: { key: 'created', dir: 'desc' },
};
const LEAD_SORTS = [
  { value: '-created', label: 'Newest first' },
  { value: 'created', label: 'Oldest first' },
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
  { value: '-contacted', label: 'Last contacted (recent first)' },
  { value: 'contacted', label: 'Last contacted (longest ago first)' },
];
const PERSONA_STATUSES = [
  { value: 'ready', label: 'Persona ready' },
  { value: 'pending', label: 'Persona being generated' },
  { value: 'failed', label: 'Persona failed' },
];

const NONE: ReadonlySet<string> = new Set();

/** The leads list: search, filter by persona status, sort, pages of 50, and many selected at once for a campaign or deletion. */
export function LeadsTable({ leads, pending, onNotice }: { leads: LeadListItem[]; pending: number; onNotice: (notice: string) => void }) {
  const list = useListQuery(leads, LEADS_LIST);
  // A selection belongs to the search and filter that showed it: changing either clears it, so
  // rows no longer shown are never acted on (paging and sorting keep it: the same leads match).
  const view = `${list.query.search}\u0000${list.query.filter}`;
  const [selection, setSelection] = useState<{ view: string; ids: ReadonlySet<string> }>({ view, ids: NONE });
  const selected = selection.view === view ? selection.ids : NONE;
  const setSelected = (next: ReadonlySet<string> | ((current: ReadonlySet<string>) => ReadonlySet<string>)) =>
    setSelection((cur) => ({ view, ids: typeof next === 'function' ? next(cur.view === view ? cur.ids : NONE) : next }));
  // A lead deleted elsewhere (or by the bulk delete) leaves the selection.
  const present = useMemo(() => new Set(leads.map((l) => l.id)), [leads]);
  const chosen = [...selected].filter((id) => present.has(id));
  const onPage = list.rows.map((l) => l.id);
  const pageChosen = onPage.filter((id) => selected.has(id)).length;
  const allOnPage = onPage.length > 0 && pageChosen === onPage.length;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = pageChosen > 0 && !allOnPage;
  }, [pageChosen, allOnPage]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const togglePage = () =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of onPage)
        if (allOnPage) next.delete(id);
        else next.add(id);
      return next;
    });

  return (
    <section className="panel lead-list-panel" aria-label="Your leads">
      <div className="lead-list__controls">
        <ListControls
          list={list}
          name="leads"
          searchLabel="Search leads"
          searchPlaceholder="Name, email, position or website"
          filter={{ label: 'Persona', allLabel: 'Any status', options: PERSONA_STATUSES }}
          sorts={LEAD_SORTS}
        />
        {chosen.length ? (
          <BulkActions
            leadIds={chosen}
            leads={leads}
            onDone={(notice) => {
              setSelected(new Set());
              onNotice(notice);
            }}
            onClear={() => setSelected(new Set())}
          />
        ) : null}
      </div>
      <div className="lead-list__head">
        <ListPager list={list} noun={['lead', 'leads']} name="leads" />
        {pending ? (
          <span className="muted small">
            {pending} persona{pending === 1 ? '' : 's'} being generated (this list updates by itself)
          </span>
        ) : null}
      </div>
      {list.rows.length ? (
        <ul className="lead-list">
          <li className="lead-item lead-item--labels">
            <label className="lead-item__check" title="Select all on this page">
              <input ref={selectAll} type="checkbox" checked={allOnPage} onChange={togglePage} data-testid="leads-select-page" />
              <span className="sr-only">Select all on this page</span>
              <span className="lead-item__all" aria-hidden="true">
                Select all on this page
              </span>
            </label>
            <span className="lead-list__labels" aria-hidden="true">
              <span>Name</span>
              <span>Email</span>
              <span>Persona</span>
              <span>Campaign</span>
              <span>Last contacted</span>
              <span>Added</span>
            </span>
          </li>
          {list.rows.map((lead) => (
            <li key={lead.id} className="lead-item">
              <label className="lead-item__check">
                <input type="checkbox" checked={selected.has(lead.id)} onChange={() => toggle(lead.id)} data-testid="lead-select" />
                <span className="sr-only">Select {lead.name}</span>
              </label>
              <LeadRow lead={lead} />
            </li>
          ))}
        </ul>
      ) : (
        <ListNoMatch
          list={list}
          total={leads.length}
          noun={['lead', 'leads']}
          filterText={`with ${PERSONA_STATUSES.find((s) => s.value === list.query.filter)?.label.toLowerCase() ?? list.query.filter}`}
          name="leads"
        />
      )}
      {list.pageCount > 1 ? (
        <div className="lead-list__foot">
          <ListPager list={list} noun={['lead', 'leads']} name="leads-foot" />
        </div>
      ) : null}
    </section>
  );
}

function LeadRow({ lead }: { lead: LeadListItem }) {
  return (
    <Link to={paths.lead(lead.id)} className="lead-row" data-testid="lead-row" data-lead-id={lead.id}>
      <span className="lead-row__who">
        <span className="lead-row__name">{lead.name}</span>
        <span className="lead-row__position">{lead.position || <span className="muted">No position</span>}</span>
      </span>
      <span className="lead-row__email">
        {lead.email || <span className="muted">No email</span>}
        {lead.suppressed ? (
          <span className="tag lead-row__tag" title="This address unsubscribed: no emails are sent to it">
            Unsubscribed
          </span>
        ) : null}
      </span>
      <span className="lead-row__status">
        <PersonaStatusBadge lead={lead} />
      </span>
      <span className="lead-row__campaigns" data-testid="lead-campaigns">
        {lead.campaigns.length ? lead.campaigns.map((c) => c.name).join(', ') : <span className="muted">No campaign</span>}
      </span>
      <span className="lead-row__contacted" data-testid="lead-last-contacted">
        {lead.lastContactedAt ? (
          <>
            <span className="lead-row__narrow-label">Last contacted </span>
            {formatDate(lead.lastContactedAt)}
          </>
        ) : (
          <span className="muted">Never contacted</span>
        )}
      </span>
      <span className="lead-row__date">{formatDate(lead.createdAt)}</span>
    </Link>
  );
}
