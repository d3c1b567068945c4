import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { paths } from '../../../shared/paths';
import { segmentCsvUrl, useCampaignOptions, useSegmentToLeads } from '../api/analytics';

/** The persona's strong matches as a segment: a CSV, or leads (those who gave an email and consent), optionally in a campaign. */
export function SegmentPanel({ personaId, strong }: { personaId: string; strong: number }) {
  const [open, setOpen] = useState(false);
  const [campaignId, setCampaignId] = useState('');
  const campaigns = useCampaignOptions(open);
  const toLeads = useSegmentToLeads(personaId);
  const result = toLeads.data;

  return (
    <section className="panel segment" aria-labelledby="segment-title" data-testid="segment">
      <div className="panel__head">
        <h3 className="panel__title" id="segment-title">
          Segment: strong matches
        </h3>
        <span className="panel__hint">{strong.toLocaleString()} responses</span>
      </div>
      <div className="toolbar">
        {strong ? (
          <a className="btn btn--secondary" href={segmentCsvUrl(personaId)} download data-testid="segment-csv">
            Export strong matches (CSV)
          </a>
        ) : (
          <span className="muted small">No strong match to export yet.</span>
        )}
        {strong && !open ? (
          <Button onClick={() => setOpen(true)} data-testid="segment-leads-open">
            Add to a campaign as leads
          </Button>
        ) : null}
      </div>

      {open ? (
        <form
          className="segment__leads"
          onSubmit={(e) => {
            e.preventDefault();
            toLeads.mutate(campaignId ? { campaignId } : {});
          }}
        >
          <p className="muted small">Only respondents who gave an email and agreed to be contacted become leads; the others are listed with the reason.</p>
          <div className="field">
            <label htmlFor="segment-campaign" className="field__label">
              Campaign
            </label>
            <select
              id="segment-campaign"
              className="input"
              value={campaignId}
              onChange={(e) => {
                setCampaignId(e.target.value);
                toLeads.reset();
              }}
              disabled={campaigns.isPending}
              data-testid="segment-campaign"
            >
              <option value="">No campaign — add as leads only</option>
              {(campaigns.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {campaigns.error ? <p className="field__error">Cannot load the campaigns: {campaigns.error.message}</p> : null}
          </div>
          <div className="toolbar">
            <Button type="submit" variant="primary" busy={toLeads.isPending} data-testid="segment-leads-add">
              Add as leads
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}

      {toLeads.error ? <ErrorBanner title="Not added." message={toLeads.error.message} onDismiss={() => toLeads.reset()} /> : null}
      {result ? (
        <div className="note segment__result" role="status" data-testid="segment-result">
          <p className="note__title">
            Added {result.added} lead{result.added === 1 ? '' : 's'}
            {result.alreadyLeads ? `; ${result.alreadyLeads} ${result.alreadyLeads === 1 ? 'was' : 'were'} already a lead` : ''}
            {result.skipped.length ? `; ${result.skipped.length} skipped` : ''}.
          </p>
          {result.skipped.length ? (
            <ul>
              {summariseReasons(result.skipped).map(([reason, count]) => (
                <li key={reason}>
                  {count} × {reason}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="small">
            <Link to={campaignId ? paths.campaign(campaignId) : paths.leads}>{campaignId ? 'Open the campaign' : 'Open the leads'}</Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** Skipped respondents grouped by reason, most common first (a long list of the same reason says nothing more). */
function summariseReasons(skipped: { reason: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
