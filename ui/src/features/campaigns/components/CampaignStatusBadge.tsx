import type { Campaign } from '@schemas/campaign.js';
import { useAppConfig } from '../../../shared/api/config';

const TEXT: Record<Campaign['status'], [string, string, string]> = {
  draft: ['Draft', '', 'Not run yet'],
  awaiting_approval: ['Awaiting approval', 'warning', 'Sample drafts are waiting for a person to approve them'],
  running: ['Sending', 'info', 'A run is sending now'],
  completed: ['Sent', 'success', 'The last run has finished'],
};

const OUTBOX: Partial<typeof TEXT> = {
  running: ['Storing', 'info', 'A run is storing its emails in the outbox now (outbox mode: nothing is sent)'],
  completed: ['Stored, not sent', 'success', 'The last run stored its emails in the outbox; outbox mode sends nothing'],
};

export function CampaignStatusBadge({ status }: { status: Campaign['status'] }) {
  const config = useAppConfig();
  const [text, tone, title] = (config.data?.mailMode === 'outbox' ? OUTBOX[status] : undefined) ?? TEXT[status];
  return (
    <span className={`badge${tone ? ` badge--${tone}` : ''}`} title={title} data-testid="campaign-status" data-status={status}>
      {text}
    </span>
  );
}
