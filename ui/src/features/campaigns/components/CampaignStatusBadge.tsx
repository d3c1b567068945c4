import type { Campaign } from '@schemas/campaign.js';

const TEXT: Record<Campaign['status'], [string, string, string]> = {
  draft: ['Draft', '', 'Not run yet'],
  awaiting_approval: ['Awaiting approval', 'warning', 'Sample drafts are waiting for a person to approve them'],
  running: ['Sending', 'info', 'A run is sending now'],
  completed: ['Sent', 'success', 'The last run has finished'],
};

export function CampaignStatusBadge({ status }: { status: Campaign['status'] }) {
  const [text, tone, title] = TEXT[status];
  return (
    <span className={`badge${tone ? ` badge--${tone}` : ''}`} title={title} data-testid="campaign-status" data-status={status}>
      {text}
    </span>
  );
}
