import type { CampaignSettings, SequenceStep } from '../schemas/campaign.js';
import type { AcceptedDraft, DraftEmailInput } from '../schemas/email.js';
import type { LeadStore } from './ports.js';

// What a campaign step asks of the email drafter for one lead, and the draft a person accepted
// that it uses instead: the approval samples and the sends read both the same way.

/** The drafter's input for this step to this lead: the step's tone, else the campaign's. */
export const stepDraftInput = (campaign: CampaignSettings, step: SequenceStep, leadId: string): DraftEmailInput => ({
  leadId,
  tone: step.promptConfig.tone ?? campaign.promptContext.tone,
  productId: null,
  campaignId: campaign.id,
  stepId: step.id,
  instructions: '',
});

/** The draft a person accepted for this lead that this step uses, if any. */
export const acceptedDraftForStep = (
  leads: Pick<LeadStore, 'acceptedDraftFor'>,
  workspaceId: string,
  campaign: CampaignSettings,
  step: SequenceStep,
  leadId: string,
): Promise<AcceptedDraft | null> => leads.acceptedDraftFor({ workspaceId, leadId, campaignId: campaign.id, stepId: step.id, firstStep: step.position === 1 });
