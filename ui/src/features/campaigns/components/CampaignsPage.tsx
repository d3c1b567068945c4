import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { CampaignInputSchema, type Campaign } from '@schemas/campaign.js';
import { asSuggestedTone, SUGGESTED_TONES } from '@schemas/email.js';
import { FromMemoryBadge } from '../../../shared/memory/FromMemoryBadge';
import { usePrefill } from '../../../shared/memory/prefill';
import { capitalize, withCurrent } from '../tone-options';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { formatDateTime, formatRelative } from '../../../shared/format';
import { campaigns } from '../api/campaigns';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { paths } from '../../../shared/paths';

/** /campaigns — every campaign with its state, and "New campaign". */
export function CampaignsPage() {
  const list = campaigns.useList();
  const location = useLocation();
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const [creating, setCreating] = useState(false);
  const items = [...(list.data ?? [])].sort((a, b) => (b.lastRunAt ?? b.createdAt).localeCompare(a.lastRunAt ?? a.createdAt));

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Campaigns</h1>
          <p className="muted">Email a set of leads in your words: each email is drafted from the lead’s persona, reviewed by you before the first send.</p>
        </div>
        {!creating ? (
          <Button variant="primary" onClick={() => setCreating(true)} data-testid="campaign-new">
            + New campaign
          </Button>
        ) : null}
      </div>
      {notice ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(undefined)} /> : null}
      {creating ? <NewCampaign onCancel={() => setCreating(false)} /> : null}
      {list.isPending ? <Loading label="Loading campaigns…" /> : null}
      {list.isError ? (
        <ErrorBanner
          title="Could not load your campaigns."
          message={list.error.message}
          actions={<Button onClick={() => void list.refetch()}>Try again</Button>}
        />
      ) : null}
      {list.data && items.length === 0 && !creating ? (
        <EmptyState
          title="No campaigns yet"
          action={
            <Button variant="primary" onClick={() => setCreating(true)}>
              Create a campaign
            </Button>
          }
        >
          <p>
            A campaign emails a group of <Link to={paths.leads}>leads</Link>: pick them, say what you offer and in what tone, check the sample drafts, then
            send.
          </p>
        </EmptyState>
      ) : null}
      {items.length ? (
        <div className="panel cmp-list-panel">
          <ul className="cmp-list" aria-label="Campaigns">
            <li className="cmp-list__head" aria-hidden="true">
              <span>Campaign</span>
              <span>Status</span>
              <span className="num">Leads</span>
              <span className="num">Emails sent</span>
              <span>Last run</span>
            </li>
            {items.map((c) => (
              <CampaignRow key={c.id} campaign={c} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function CampaignRow({ campaign: c }: { campaign: Campaign }) {
  return (
    <li>
      <Link to={paths.campaign(c.id)} className="cmp-row" data-testid="campaign-row" data-campaign-id={c.id}>
        <span className="cmp-row__name">{c.name}</span>
        <span className="cmp-row__status">
          <CampaignStatusBadge status={c.status} />
        </span>
        <span className="num cmp-row__leads">
          {c.leadIds.length}
          <span className="cmp-row__unit"> lead{c.leadIds.length === 1 ? '' : 's'}</span>
        </span>
        <span className="num cmp-row__sent">
          {c.emailsSent}
          <span className="cmp-row__unit"> sent</span>
        </span>
        <span className="cmp-row__last muted" title={c.lastRunAt ? formatDateTime(c.lastRunAt) : undefined}>
          {c.lastRunAt ? formatRelative(c.lastRunAt) : 'Never run'}
        </span>
      </Link>
    </li>
  );
}

function NewCampaign({ onCancel }: { onCancel(): void }) {
  const navigate = useNavigate();
  const create = campaigns.useCreate();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  // The tone memory knows, marked as such, until the person picks one (null: not picked yet).
  const remembered = usePrefill('campaign').data?.fields.tone ?? null;
  const [pickedTone, setPickedTone] = useState<string | null>(null);
  const tone = pickedTone ?? (remembered ? asSuggestedTone(remembered.value) : 'friendly');
  useEffect(() => document.getElementById('campaign-name')?.focus(), []);

  function submit() {
    const parsed = CampaignInputSchema.shape.name.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      document.getElementById('campaign-name')?.focus();
      return;
    }
    create.mutate(
      { name: parsed.data, promptContext: { tone } },
      {
        onSuccess: (c) => navigate(paths.campaign(c.id)),
        onError: (e) => {
          const field = e.fields.find((f) => f.path.endsWith('name'));
          if (field) setError(field.message);
        },
      },
    );
  }

  return (
    <form
      className="panel cmp-new"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <TextField
        id="campaign-name"
        testId="campaign-name"
        label="Name the campaign"
        required
        value={name}
        onChange={(v) => {
          setName(v);
          setError(undefined);
        }}
        error={error}
        placeholder="e.g. Q3 logistics leaders"
        maxLength={160}
        hint="You add leads and the product next."
      />
      <div className="field">
        <label className="field__label" htmlFor="campaign-new-tone">
          Tone {remembered && pickedTone === null ? <FromMemoryBadge from={remembered.from} testId="campaign-tone-from-memory" /> : null}
        </label>
        <select id="campaign-new-tone" className="input" data-testid="campaign-new-tone" value={tone} onChange={(e) => setPickedTone(e.target.value)}>
          {withCurrent(SUGGESTED_TONES, tone).map((t) => (
            <option key={t} value={t}>
              {capitalize(t)}
            </option>
          ))}
        </select>
      </div>
      {create.error && !error ? <ErrorBanner message={create.error.message} onDismiss={() => create.reset()} /> : null}
      <div className="editor__actions">
        <Button type="submit" variant="primary" busy={create.isPending} data-testid="campaign-create">
          Create campaign
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={create.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
