import { randomUUID } from 'node:crypto';
import type { Genkit } from 'genkit';
import type { PersonaStage } from '../schemas/buying-process.js';
import { AppError } from '../lib/errors.js';
import { matchPersonas } from './persona-match.js';
import { asDataLiteral } from '../lib/untrusted.js';
import { fieldErrors } from '../lib/validation.js';
import type { CompanyProfile } from '../schemas/company.js';
import type { Contact } from '../schemas/contact.js';
import {
  ContactAnalysisInputSchema,
  ContactAnalysisOutputSchema,
  ContactBriefModelSchema,
  ContactSessionStateSchema,
  type ContactAnalysisInput,
  type ContactBrief,
  type ContactSessionState,
} from '../schemas/contact-analysis.js';
import type { SavedPersona } from '../schemas/persona.js';
import type { Product } from '../schemas/product.js';
import { aiStep, parseFlowInput, scoped, streamReply, type Unscoped } from './flow-steps.js';
import { runWizardTurn, undoTurn, type TurnContext, type TurnResult, type WizardDeps, type WizardSpec } from './wizard-engine.js';

export const ANALYZE_CONTACT_FLOW = 'analyzeContact';

type State = ContactSessionState;
type Ctx = TurnContext<State, ContactAnalysisInput>;
type Scoped<T> = (args: { workspaceId: string; id: string }) => Promise<T>;

export type AnalyzeContactDeps = WizardDeps & {
  getContact: Scoped<Contact>;
  getProduct: Scoped<Product>;
  listPersonas(args: { workspaceId: string }): Promise<SavedPersona[]>;
  listCompanies(args: { workspaceId: string }): Promise<CompanyProfile[]>;
  stagesForPersona(args: { workspaceId: string; personaId: string }): Promise<PersonaStage[]>;
  latestAnalysisVersion(args: { workspaceId: string; contactId: string }): Promise<number>;
};

const contactData = (c: Contact) => ({
  name: c.name,
  title: c.title,
  company: c.company,
  linkedinText: c.linkedinText,
  websiteText: c.websiteText,
  enrichment: c.enrichment,
  notes: c.notes,
});

async function generateBrief(ctx: Ctx, deps: AnalyzeContactDeps, state: State): Promise<{ state: State; analysisEffect: TurnResult<State>['effects'] }> {
  const { workspaceId } = deps;
  if (!state.contactId) throw new AppError('invalid', 'Pick a contact first: send patch.contactId.');
  const [contact, product, personas, companies] = await ctx.ai.run('load-context', () =>
    Promise.all([
      deps.getContact({ workspaceId, id: state.contactId! }),
      state.productId ? deps.getProduct({ workspaceId, id: state.productId }) : null,
      deps.listPersonas({ workspaceId }),
      deps.listCompanies({ workspaceId }),
    ]),
  );
  const matches = matchPersonas(contact, personas);
  // The stages of the best-matching persona's most recent map, if it has one.
  const allStages = matches[0] ? await deps.stagesForPersona({ workspaceId, personaId: matches[0].personaId }) : [];
  const stages = allStages.filter((s) => s.mapId === allStages[0]?.mapId);

  const { output } = await aiStep('brief', () =>
    ctx.ai.prompt('contact/brief')({
      contactJson: asDataLiteral(contactData(contact)),
      productJson: asDataLiteral(product ? { name: product.name, description: product.description, valueProposition: product.valueProposition } : null),
      companyJson: asDataLiteral(companies[0] ? { name: companies[0].name, whatItDoes: companies[0].whatItDoes } : null),
      matchesJson: asDataLiteral(matches),
      stagesJson: asDataLiteral(
        stages.map((s) => ({ stage_name: s.stage_name, buyer_actions: s.buyer_actions, key_message: s.key_message, content_type: s.content_type })),
      ),
    }),
  );
  const model = ContactBriefModelSchema.safeParse(output);
  if (!model.success) {
    throw new AppError('model_output_invalid', 'The model returned a brief that is not valid, so the previous brief is kept. Try again.', {
      reason: 'model_output_invalid',
      fields: fieldErrors(model.error),
    });
  }
  const { stageName, stageWhy, ...rest } = model.data;
  const stage = stageName ? stages.find((s) => s.stage_name.toLowerCase() === stageName.toLowerCase()) : undefined;
  const brief: ContactBrief = {
    ...rest,
    personaMatches: matches,
    buyingStage: stage
      ? { mapId: stage.mapId, stageName: stage.stage_name, keyMessage: stage.key_message, contentType: stage.content_type, why: stageWhy ?? '' }
      : null,
  };
  const version = (await deps.latestAnalysisVersion({ workspaceId, contactId: contact.id })) + 1;
  const analysis = { id: randomUUID(), contactId: contact.id, productId: product?.id ?? null, version, brief, createdAt: ctx.at };
  return {
    state: { ...state, phase: 'brief', contactName: contact.name, analysis },
    analysisEffect: [{ kind: 'saveContactAnalysis', analysis }],
  };
}

async function answer(ctx: Ctx, deps: AnalyzeContactDeps, state: State, question: string): Promise<string> {
  // The contact's own text, so an answer can rest on what they (or the user's notes) said.
  const contact = state.contactId ? await ctx.ai.run('load-contact', () => deps.getContact({ workspaceId: deps.workspaceId, id: state.contactId! })) : null;
  return streamReply(ctx, 'contact/chat', {
    contactJson: asDataLiteral(contact ? contactData(contact) : { name: state.contactName }),
    briefJson: asDataLiteral(state.analysis?.brief ?? null),
    historyJson: asDataLiteral(state.messages.slice(-6)),
    questionJson: asDataLiteral(question),
  });
}

function say(ctx: Ctx, text: string): string {
  ctx.sendChunk(text);
  return text;
}

function contactTurn(deps: AnalyzeContactDeps) {
  return async (ctx: Ctx): Promise<TurnResult<State>> => {
    const { input, at } = ctx;
    let s = ctx.state;
    let effects: TurnResult<State>['effects'] = [];
    let reply = '';

    if (input.patch) {
      if (input.patch.contactId !== undefined && input.patch.contactId !== s.contactId) {
        const contact = await deps.getContact({ workspaceId: deps.workspaceId, id: input.patch.contactId });
        s = { ...s, contactId: contact.id, contactName: contact.name, analysis: null, phase: 'setup' };
      }
      if (input.patch.productId !== undefined) {
        if (input.patch.productId) await deps.getProduct({ workspaceId: deps.workspaceId, id: input.patch.productId });
        s = { ...s, productId: input.patch.productId };
      }
    }

    if (input.action === 'undo') return undoTurn(ctx);

    // A new session about a contact starts with its brief.
    const wantsBrief = input.action === 'generate' || (ctx.isNew && s.contactId !== null);
    if (wantsBrief) {
      const r = await generateBrief(ctx, deps, s);
      s = r.state;
      effects = r.analysisEffect;
      const gaps = s.analysis!.brief.gaps;
      reply = say(
        ctx,
        `Your brief for ${s.contactName} is ready (version ${s.analysis!.version}).${gaps.length ? ` Thin spots: ${gaps[0]}` : ''} Ask me anything about how to approach them.`,
      );
    }

    if (input.message !== undefined) {
      const question = input.message.trim();
      if (!question) reply = say(ctx, 'Ask me about this contact: how to open the call, what to ask, or how to answer an objection.');
      else {
        if (!s.analysis) throw new AppError('invalid', 'Generate the brief first: then I can answer questions about this contact.');
        s = { ...s, messages: [...s.messages, { role: 'user', text: question, at }] };
        reply = await answer(ctx, deps, s, question);
      }
    }
    if (!reply && ctx.isNew) reply = say(ctx, 'Pick a contact (and a product) to prepare for a meeting.');
    if (reply) s = { ...s, messages: [...s.messages, { role: 'assistant', text: reply, at }] };
    return { state: s, reply, effects };
  };
}

export function defineAnalyzeContactFlow(ai: Genkit, wired: Unscoped<AnalyzeContactDeps>) {
  const specFor = (deps: AnalyzeContactDeps): WizardSpec<State, State['phase'], ContactAnalysisInput> => ({
    flow: ANALYZE_CONTACT_FLOW,
    stateSchema: ContactSessionStateSchema,
    initial: () => ({ phase: 'setup', contactId: null, contactName: null, productId: null, analysis: null, messages: [] }),
    phase: (s) => s.phase,
    missing: (s) => (s.contactId ? [] : ['contactId']),
    done: (s) => s.analysis !== null,
    title: (s) => s.contactName,
    subject: (s) => s.contactId,
    turn: contactTurn(deps),
  });
  return ai.defineFlow(
    {
      name: ANALYZE_CONTACT_FLOW,
      inputSchema: ContactAnalysisInputSchema,
      outputSchema: ContactAnalysisOutputSchema,
      streamSchema: ContactAnalysisOutputSchema.shape.reply,
    },
    async (rawInput, { sendChunk, context }) => {
      const input = parseFlowInput(ContactAnalysisInputSchema, rawInput);
      const deps = scoped(wired, context).deps;
      return runWizardTurn(ai, specFor(deps), deps, input, sendChunk);
    },
  );
}
