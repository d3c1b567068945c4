import type { Genkit } from 'genkit';
import { AppError } from '../lib/errors.js';
import { withCallContext } from '../lib/call-context.js';
import { asDataLiteral } from '../lib/untrusted.js';
import { fieldErrors } from '../lib/validation.js';
import type { CompanyProfile } from '../schemas/company.js';
import type { LeadResearch } from '../schemas/lead-research.js';
import { leadEvidence, researchEvidence } from './lead-evidence.js';
import { LEAD_URL_REQUIRED, LeadPersonaSchema, LeadSchema, type Lead, type LeadPersona } from '../schemas/lead.js';
import { z } from 'zod';
import { aiStep, parseFlowInput, scoped, toUserFacing, type Unscoped } from './flow-steps.js';

export const GENERATE_LEAD_PERSONA_FLOW = 'generateLeadPersona';

export type LeadPersonaDeps = {
  listCompanies(args: { workspaceId: string }): Promise<CompanyProfile[]>;
  /** What the lead's website said when last researched (null: never). */
  getResearch(args: { workspaceId: string; leadId: string }): Promise<LeadResearch | null>;
};

const tidy = (v: unknown) => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x.trim() : x)).filter(Boolean) : v);

/** The lead persona of source document 001, from the lead's record and website research (fenced as data). */
export function createLeadPersonaGenerator(ai: Genkit, deps: LeadPersonaDeps) {
  return async function generateLeadPersona({ workspaceId, lead }: { workspaceId: string; lead: Lead }): Promise<LeadPersona> {
    if (!lead.linkedinUrl && !lead.websiteUrl)
      throw new AppError('invalid', LEAD_URL_REQUIRED, { fields: [{ path: 'linkedinUrl', message: LEAD_URL_REQUIRED }] });
    const [[company], research] = await Promise.all([deps.listCompanies({ workspaceId }), deps.getResearch({ workspaceId, leadId: lead.id })]);
    const { output } = await aiStep('lead persona', () =>
      ai.prompt('lead/persona')({
        leadJson: asDataLiteral(leadEvidence(lead)),
        researchJson: asDataLiteral(researchEvidence(research)),
        companyJson: asDataLiteral(company ? { name: company.name, whatItDoes: company.whatItDoes, market: company.market } : null),
        productJson: 'null',
      }),
    );
    const raw = output && typeof output === 'object' ? Object.fromEntries(Object.entries(output).map(([k, v]) => [k, tidy(v)])) : {};
    const persona = LeadPersonaSchema.safeParse(raw);
    if (!persona.success) {
      throw new AppError(
        'model_output_invalid',
        `The model's persona was incomplete (${fieldErrors(persona.error)
          .map((f) => f.path)
          .join(', ')}); nothing was saved. Try again.`,
        {
          reason: 'model_output_invalid',
        },
      );
    }
    return persona.data;
  };
}

/**
 * The same generation as a flow, for the Genkit Dev UI and HTTP: generates and stores the
 * persona now instead of waiting for the background job.
 */
export function defineGenerateLeadPersonaFlow(
  ai: Genkit,
  wired: Unscoped<
    LeadPersonaDeps & {
      workspaceId: string;
      getLead(args: { workspaceId: string; id: string }): Promise<Lead>;
      requestPersona(args: { workspaceId: string; id: string }): Promise<{ workspaceId: string; leadId: string; request: number }>;
      storePersona(args: { workspaceId: string; leadId: string; request: number; persona: LeadPersona }): Promise<boolean>;
    }
  >,
) {
  const generate = createLeadPersonaGenerator(ai, wired);
  const Input = z.object({ leadId: z.string().uuid('leadId must be a lead id') }).strict();
  return ai.defineFlow({ name: GENERATE_LEAD_PERSONA_FLOW, inputSchema: Input, outputSchema: LeadSchema }, async (raw, { context }) => {
    const { leadId } = parseFlowInput(Input, raw);
    const { deps } = scoped(wired, context);
    const { workspaceId } = deps;
    return withCallContext({ flow: GENERATE_LEAD_PERSONA_FLOW, workspaceId }, async () => {
      try {
        const lead = await deps.getLead({ workspaceId, id: leadId });
        const persona = await generate({ workspaceId, lead });
        const ref = await deps.requestPersona({ workspaceId, id: leadId });
        await deps.storePersona({ ...ref, persona });
        return deps.getLead({ workspaceId, id: leadId });
      } catch (err) {
        throw toUserFacing(err);
      }
    });
  });
}
