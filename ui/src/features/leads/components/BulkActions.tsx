import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { paths } from '../../../shared/paths';
import { useAddLeadsToCampaign, useCampaignChoices, useDeleteLeads, type LeadListItem } from '../api/leads';

type Props = { leadIds: string[]; leads: LeadListItem[]; onDone: (notice: string) => void; onClear: () => void };

const plural = (n: number) => `${n} lead${n === 1 ? '' : 's'}`;

/** What can be done to the selected leads at once: add them to a campaign, or delete them. */
export function BulkActions({ leadIds, leads, onDone, onClear }: Props) {
  const id = useId();
  const campaigns = useCampaignChoices();
  const add = useAddLeadsToCampaign();
  const remove = useDeleteLeads();
  const [campaignId, setCampaignId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string>();
  const names = leads.filter((l) => leadIds.includes(l.id)).map((l) => l.name);
  const campaign = campaigns.data?.find((c) => c.id === campaignId);

  const addToCampaign = () => {
    if (!campaign) return;
    setFailure(undefined);
    add.mutate(
      { campaignId: campaign.id, leadIds },
      { onSuccess: () => onDone(`Added ${plural(leadIds.length)} to “${campaign.name}”.`), onError: (e) => setFailure(e.message) },
    );
  };
  const deleteAll = () => {
    setFailure(undefined);
    remove.mutate(leadIds, {
      onSuccess: ({ deleted, failed }) => {
        setConfirming(false);
        if (failed.length === 0) onDone(`Deleted ${plural(deleted.length)}.`);
        else setFailure(`Deleted ${plural(deleted.length)}; ${plural(failed.length)} could not be deleted: ${failed[0]!.error.message}`);
      },
      onError: (e) => {
        setConfirming(false);
        setFailure(e.message);
      },
    });
  };

  return (
    <div className="lead-bulk" role="region" aria-label="Selected leads" data-testid="leads-bulk">
      <span className="lead-bulk__count" data-testid="leads-selected-count">
        {plural(leadIds.length)} selected
      </span>
      {campaigns.data && campaigns.data.length === 0 ? (
        <span className="small muted">
          No campaigns yet: <Link to={paths.campaigns}>create one</Link> to add leads to it.
        </span>
      ) : (
        <span className="lead-bulk__campaign">
          <label className="sr-only" htmlFor={`${id}-campaign`}>
            Campaign
          </label>
          <select
            id={`${id}-campaign`}
            className="input"
            value={campaignId}
            onChange={(e) => setCampaignId(e.target.value)}
            disabled={!campaigns.data}
            data-testid="leads-bulk-campaign"
          >
            <option value="">{campaigns.isPending ? 'Loading campaigns…' : 'Campaign…'}</option>
            {campaigns.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <Button onClick={addToCampaign} disabled={!campaign} busy={add.isPending} data-testid="leads-bulk-add">
            Add to campaign
          </Button>
        </span>
      )}
      <Button variant="danger" onClick={() => setConfirming(true)} disabled={remove.isPending} data-testid="leads-bulk-delete">
        Delete
      </Button>
      <Button variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
      {campaigns.isError ? <ErrorBanner title="Could not load your campaigns." message={campaigns.error.message} /> : null}
      {failure ? <ErrorBanner message={failure} onDismiss={() => setFailure(undefined)} /> : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${plural(leadIds.length)}?`}
        confirmLabel={`Delete ${plural(leadIds.length)}`}
        busy={remove.isPending}
        onConfirm={deleteAll}
        onCancel={() => setConfirming(false)}
        confirmTestId="leads-bulk-delete-confirm"
      >
        <p>
          {names.slice(0, 5).join(', ')}
          {names.length > 5 ? ` and ${names.length - 5} more` : ''} will be removed, with their personas, accepted drafts and places in campaigns. Emails
          already sent stay in the outbox. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
