import { PersonaStatusBadge } from '../../../shared/components/PersonaStatusBadge';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Campaign } from '@schemas/campaign.js';
import type { Lead } from '@schemas/lead.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TrashIcon } from '../../../shared/components/TrashIcon';
import { useAddLeads, useRemoveLead } from '../api/campaigns';
import { paths } from '../../../shared/paths';

const SHOW_FIRST = 25;

type LeadsQuery = { data: Lead[] | undefined; isPending: boolean; error: ApiError | null; refetch(): unknown };

/** The campaign's leads, with a checklist to add more from the workspace. */
export function LeadsPanel({ campaign, leads }: { campaign: Campaign; leads: LeadsQuery }) {
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const remove = useRemoveLead(campaign.id);
  const byId = useMemo(() => new Map((leads.data ?? []).map((l) => [l.id, l])), [leads.data]);
  const inCampaign = new Set(campaign.leadIds);
  const available = (leads.data ?? []).filter((l) => !inCampaign.has(l.id));
  const rows = campaign.leadIds.map((id) => ({ id, lead: byId.get(id) }));
  const shown = showAll ? rows : rows.slice(0, SHOW_FIRST);

  return (
    <section className="panel cmp-leads" aria-labelledby="campaign-leads-title" data-testid="campaign-leads">
      <div className="panel__head">
        <h2 className="panel__title" id="campaign-leads-title">
          Leads <span className="muted cmp-count">{campaign.leadIds.length}</span>
        </h2>
        {!adding ? (
          <Button
            size="sm"
            variant={campaign.leadIds.length ? 'secondary' : 'primary'}
            onClick={() => {
              setAdding(true);
              setNotice(null);
            }}
            data-testid="campaign-add-leads"
          >
            + Add leads
          </Button>
        ) : null}
      </div>

      {notice ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(null)} /> : null}
      {leads.error ? (
        <ErrorBanner
          title="Could not load your leads."
          message={leads.error.message}
          actions={<Button onClick={() => void leads.refetch()}>Try again</Button>}
        />
      ) : null}

      {adding ? (
        <AddLeads
          campaign={campaign}
          available={available}
          loading={leads.isPending}
          workspaceHasLeads={(leads.data?.length ?? 0) > 0}
          onClose={() => setAdding(false)}
          onAdded={(n) => {
            setAdding(false);
            setNotice(`Added ${n} lead${n === 1 ? '' : 's'}.`);
          }}
        />
      ) : null}

      {rows.length === 0 && !adding ? (
        <p className="muted cmp-leads__empty">
          No leads in this campaign yet. Add the people to email from your <Link to={paths.leads}>leads</Link>.
        </p>
      ) : null}

      {rows.length ? (
        <ul className="cmp-lead-list">
          {shown.map(({ id, lead }) => (
            <li key={id} className="cmp-lead" data-testid="campaign-lead-row" data-lead-id={id}>
              <div className="cmp-lead__main">
                {lead ? (
                  <Link to={paths.lead(id)} className="cmp-lead__name">
                    {lead.name}
                  </Link>
                ) : (
                  <span className="cmp-lead__name muted">{leads.isPending ? 'Loading…' : 'A lead that no longer exists'}</span>
                )}
                {lead ? (
                  <span className="cmp-lead__meta">
                    {lead.email ? <span className="cmp-lead__email">{lead.email}</span> : <span className="cmp-warn">No email address</span>}
                    {lead.suppressed ? <span className="badge badge--warning">Unsubscribed</span> : null}
                    {lead.position ? <span className="muted"> · {lead.position}</span> : null}
                  </span>
                ) : null}
              </div>
              {lead ? <PersonaStatusBadge lead={lead} testId="campaign-lead-persona" className="cmp-lead__persona" /> : null}
              <button
                type="button"
                className="icon-btn"
                onClick={() => remove.mutate(id)}
                disabled={remove.isPending && remove.variables === id}
                aria-label={`Remove ${lead?.name ?? 'this lead'} from the campaign`}
                title="Remove from the campaign (the lead stays in your leads)"
                data-testid="campaign-lead-remove"
              >
                <TrashIcon />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {rows.length > shown.length ? (
        <button type="button" className="linkish small cmp-leads__more" onClick={() => setShowAll(true)}>
          Show all {rows.length} leads
        </button>
      ) : null}
      {remove.error ? <ErrorBanner title="Could not remove the lead." message={remove.error.message} onDismiss={() => remove.reset()} /> : null}
    </section>
  );
}

function AddLeads({
  campaign,
  available,
  loading,
  workspaceHasLeads,
  onClose,
  onAdded,
}: {
  campaign: Campaign;
  available: Lead[];
  loading: boolean;
  workspaceHasLeads: boolean;
  onClose(): void;
  onAdded(count: number): void;
}) {
  const add = useAddLeads(campaign.id);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const shown = q ? available.filter((l) => [l.name, l.email, l.position].some((v) => v.toLowerCase().includes(q))) : available;
  const allShownPicked = shown.length > 0 && shown.every((l) => picked.has(l.id));

  function toggle(id: string, on: boolean) {
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function toggleAll(on: boolean) {
    setPicked((p) => {
      const next = new Set(p);
      for (const l of shown) {
        if (on) next.add(l.id);
        else next.delete(l.id);
      }
      return next;
    });
  }

  return (
    <form
      className="cmp-picker"
      data-testid="campaign-add-leads-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (picked.size) add.mutate([...picked], { onSuccess: () => onAdded(picked.size) });
      }}
    >
      <div className="cmp-picker__head">
        <strong>Add leads</strong>
        <span className="muted small">Leads not yet in this campaign</span>
      </div>
      {loading ? (
        <Loading label="Loading leads…" />
      ) : available.length === 0 ? (
        <p className="muted small">
          {workspaceHasLeads ? 'Every lead is already in this campaign.' : 'You have no leads yet.'}{' '}
          <Link to={paths.leads}>{workspaceHasLeads ? 'Add more leads' : 'Add or import leads'}</Link>
        </p>
      ) : (
        <>
          {available.length > 8 ? (
            <input
              className="input"
              type="search"
              placeholder="Filter by name, email or position"
              aria-label="Filter leads"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          ) : null}
          <label className="check cmp-picker__all">
            <input
              type="checkbox"
              checked={allShownPicked}
              onChange={(e) => toggleAll(e.target.checked)}
              data-testid="campaign-lead-select-all"
              disabled={shown.length === 0}
            />
            Select all{q ? ' shown' : ''} ({shown.length})
          </label>
          <ul className="cmp-picker__list">
            {shown.map((l) => (
              <li key={l.id}>
                <label className="cmp-option">
                  <input
                    type="checkbox"
                    checked={picked.has(l.id)}
                    onChange={(e) => toggle(l.id, e.target.checked)}
                    data-testid="campaign-lead-option"
                    data-lead-id={l.id}
                  />
                  <span className="cmp-option__text">
                    <span className="cmp-option__name">{l.name}</span>
                    <span className="muted small">
                      {l.email || <span className="cmp-warn">no email address</span>}
                      {l.position ? ` · ${l.position}` : ''}
                      {l.suppressed ? ' · unsubscribed' : ''}
                    </span>
                  </span>
                </label>
              </li>
            ))}
            {shown.length === 0 ? <li className="muted small">No lead matches “{filter}”.</li> : null}
          </ul>
        </>
      )}
      {add.error ? <ErrorBanner title="Could not add the leads." message={add.error.message} onDismiss={() => add.reset()} /> : null}
      <div className="cmp-picker__actions">
        <Button type="submit" variant="primary" size="sm" disabled={picked.size === 0} busy={add.isPending} data-testid="campaign-add-leads-submit">
          {picked.size ? `Add ${picked.size} lead${picked.size === 1 ? '' : 's'}` : 'Add leads'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose} disabled={add.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
