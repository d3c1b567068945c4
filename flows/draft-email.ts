import type { Genkit } from 'genkit';
import type { PersonaStage } from '../schemas/buying-process.js';
import { AppError } from '../lib/errors.js';
import { withCallContext } from '../lib/call-context.js';
import { flatText } from '../lib/flat-text.js';
import { resolveMergeFields } from '../lib/merge-fields.js';
import { asDataLiteral } from '../lib/untrusted.js';
import type { CampaignSettings, SequenceStep } from '../schemas/campaign.js';
import type { CompanyProfile } from '../schemas/company.js';
import {
  DraftChunkSchema,
  DraftEmailInputSchema,
  EmailDraftModelSchema,
  EmailDraftSchema,
  type DraftEmailInput,
  type EmailDraft,
  type PersonalDetail,
} from '../schemas/email.js';
import type { Lead, LeadPersona } from '../schemas/lead.js';
import type { LeadResearch } from '../schemas/lead-research.js';
import { leadEvidence, researchEvidence } from './lead-evidence.js';
import type { Product } from '../schemas/product.js';
import type { Sender } from '../schemas/sender-profile.js';
import { aiStep, callScope, parseFlowInput, toUserFacing } from './flow-steps.js';

export const DRAFT_EMAIL_FLOW = 'draftEmail';

type Scoped<T> = (args: { workspaceId: string; id: string }) => Promise<T>;

/** What the caller read just before (a campaign send): used instead of reading it again. */
export type KnownForDraft = { lead?: Lead; campaign?: CampaignSettings; sender?: Sender };

export type DraftEmailDeps = {
  /** Who the workspace's email comes from; its signOff signs the draft. */
  sender(args: { workspaceId: string }): Promise<Sender>;
  getLead: Scoped<Lead>;
  getProduct: Scoped<Product>;
  getCampaign: Scoped<CampaignSettings>;
  listCompanies(args: { workspaceId: string }): Promise<CompanyProfile[]>;
  stagesForPersona(args: { workspaceId: string; personaId: string }): Promise<PersonaStage[]>;
  /** What the lead's website said when last researched (null: never). */
  getResearch(args: { workspaceId: string; leadId: string }): Promise<LeadResearch | null>;
  /** A lead with no persona yet gets one first (source document 001: "or generate if missing"). */
  ensurePersona(args: { workspaceId: string; lead: Lead }): Promise<LeadPersona>;
};

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[“”"'’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Drafts an email to a lead. Also used by campaign sends and the approval samples, so a draft
 * previewed on the lead page and one sent by a campaign come from the same code.
 */
export function createEmailDrafter(ai: Genkit, deps: DraftEmailDeps) {
  return async function draftEmail(
    { workspaceId, input, known }: { workspaceId: string; input: DraftEmailInput; known?: KnownForDraft },
    onChunk?: (chunk: { subject?: string; body?: string }) => void,
  ): Promise<EmailDraft> {
    const lead = known?.lead?.id === input.leadId ? known.lead : await deps.getLead({ workspaceId, id: input.leadId });
    const campaign = !input.campaignId
      ? null
      : known?.campaign?.id === input.campaignId
        ? known.campaign
        : await deps.getCampaign({ workspaceId, id: input.campaignId });
    let step: SequenceStep | null = null;
    if (input.stepId) {
      step = campaign?.steps.find((s) => s.id === input.stepId) ?? null;
      if (!step)
        throw new AppError('invalid', 'That step is not part of the campaign.', { fields: [{ path: 'stepId', message: 'Not a step of this campaign' }] });
    }
    const productId = input.productId ?? campaign?.promptContext.productId ?? null;
    const [product, companies, persona, sender, research] = await Promise.all([
      productId ? deps.getProduct({ workspaceId, id: productId }) : null,
      deps.listCompanies({ workspaceId }),
      lead.persona ?? deps.ensurePersona({ workspaceId, lead }),
      known?.sender ?? deps.sender({ workspaceId }),
      deps.getResearch({ workspaceId, leadId: lead.id }),
    ]);
    const company = companies[0] ?? null;
    const senderName = sender.signOff;
    const ctx = campaign?.promptContext;
    let stage: EmailDraft['stage'] = null;
    if (ctx?.personaId && ctx.stageName) {
      const stages = await deps.stagesForPersona({ workspaceId, personaId: ctx.personaId });
      const found = stages.find((s) => s.stage_name.toLowerCase() === ctx.stageName!.toLowerCase());
      if (found) stage = { name: found.stage_name, keyMessage: found.key_message, contentType: found.content_type };
    }
    const leadData = leadEvidence(lead);
    const researchData = researchEvidence(research);
    const instructions = [step?.promptConfig.instructions, input.instructions].filter(Boolean).join('\n');
    const promptInput = {
      tone: input.tone,
      senderName,
      leadJson: asDataLiteral(leadData),
      researchJson: asDataLiteral(researchData),
      personaJson: asDataLiteral(persona),
      companyJson: asDataLiteral(company ? { name: company.name, whatItDoes: company.whatItDoes, market: company.market } : null),
      productJson: asDataLiteral(
        product ? { name: product.name, description: product.description, valueProposition: product.valueProposition, priceRange: product.priceRange } : null,
      ),
      campaignJson: asDataLiteral(campaign ? { name: campaign.name, goal: ctx!.goal, callToAction: ctx!.callToAction, step: step?.name ?? null } : null),
      stageJson: asDataLiteral(stage),
      instructionsJson: asDataLiteral(instructions),
    };
    const prompt = ai.prompt('email/draft');
    const { output } = await aiStep('email draft', async () => {
      if (!onChunk) return prompt(promptInput);
      const { stream, response } = prompt.stream(promptInput);
      for await (const chunk of stream) {
        const partial = DraftChunkSchema.safeParse(chunk.output ?? {});
        if (partial.success && (partial.data.subject || partial.data.body)) onChunk(partial.data);
      }
      return response;
    });
    const model = EmailDraftModelSchema.safeParse(output ?? {});
    if (!model.success || !model.data.subject.trim() || !model.data.body.trim()) {
      throw new AppError('model_output_invalid', 'The model returned an email without a subject or body; nothing was kept. Try again.', {
        reason: 'model_output_invalid',
      });
    }
    const values = {
      name: lead.name,
      position: lead.position,
      websiteUrl: lead.websiteUrl,
      linkedinUrl: lead.linkedinUrl,
      senderName,
      senderCompany: company?.name ?? '',
    };
    const subject = resolveMergeFields(model.data.subject.trim(), values);
    const body = resolveMergeFields(model.data.body.trim(), values);

    // The model's own word on where each personal detail comes from is checked: the quote must be
    // in the lead's record, their website research or persona, or the detail is flagged for a person to check.
    const haystack = normalise(`${flatText(leadData)} \n ${flatText(researchData?.pages ?? null)} \n ${flatText(persona)}`);
    const personalDetails: PersonalDetail[] = model.data.personalDetails.map((d) => ({
      claim: d.claim.slice(0, 300),
      source: d.source.slice(0, 80),
      grounded: Boolean(d.quote.trim()) && haystack.includes(normalise(d.quote.replace(/…$/, ''))),
    }));
    const warnings = personalDetails
      .filter((d) => !d.grounded)
      .map((d) => `"${d.claim}" is not backed by the lead's record, website research or persona: check it or remove it before sending.`);
    const unresolvedFields = [...new Set([...subject.unresolved, ...body.unresolved])];
    if (unresolvedFields.length) warnings.push(`Replace ${unresolvedFields.join(', ')} before sending.`);
    return EmailDraftSchema.parse({
      leadId: lead.id,
      tone: input.tone,
      subject: subject.text,
      body: body.text,
      personalDetails,
      unresolvedFields,
      warnings,
      stage,
    });
  };
}

export function defineDraftEmailFlow(ai: Genkit, deps: DraftEmailDeps & { localWorkspaceId?: string }) {
  const draft = createEmailDrafter(ai, deps);
  return ai.defineFlow(
    { name: DRAFT_EMAIL_FLOW, inputSchema: DraftEmailInputSchema, outputSchema: EmailDraftSchema, streamSchema: DraftChunkSchema },
    async (raw, { sendChunk, context }) => {
      const input = parseFlowInput(DraftEmailInputSchema, raw);
      const { workspaceId } = callScope(context, deps.localWorkspaceId);
      return withCallContext({ flow: DRAFT_EMAIL_FLOW, workspaceId }, async () => {
        try {
          return await draft({ workspaceId, input }, sendChunk);
        } catch (err) {
          throw toUserFacing(err);
        }
      });
    },
  );
}
