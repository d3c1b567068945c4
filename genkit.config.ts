// The one place that creates the `ai` instance: the provider plugins (models/providers.ts), the
// offline and resilient models, promptDir and the schemas the prompts name.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// genkit/beta: the same instance plus interrupts (the campaign approval pauses on one); pinned exactly.
import { genkit, type GenkitBeta } from 'genkit/beta';
import type { z } from 'zod';
import { offlineModel } from './models/offline.js';
import { trackProviders } from './models/provider-control.js';
import {
  describeProvider,
  jsonDelivery,
  missingKeyMessage,
  modelRef,
  PROVIDER_SUPPORTS,
  providerPlugin,
  wrappedModelName,
  type AnyPlugin,
  type ProviderSettings,
} from './models/providers.js';
import { promptVersions } from './models/prompt-versions.js';
import { resilientModel, type ResilienceOptions } from './models/resilient.js';
import { PersonaModelDraftSchema } from './schemas/persona.js';
import { LeadPersonaPromptInputSchema, LeadPersonaSchema } from './schemas/lead.js';
import { EmailDraftModelSchema, EmailDraftPromptInputSchema } from './schemas/email.js';
import { BuyingProcessExtractInputSchema, BuyingProcessModelExtractSchema, BuyingProcessReplyInputSchema } from './schemas/buying-process.js';
import { ContactBriefModelSchema, ContactBriefPromptInputSchema, ContactChatPromptInputSchema } from './schemas/contact-analysis.js';
import { GeneratedPersonaModelSchema, PersonaGenerateInputSchema, ProductFitModelSchema, ProductFitPromptInputSchema } from './schemas/persona-generation.js';
import { PersonaExtractInputSchema, PersonaReplyInputSchema, PersonaSuggestInputSchema } from './schemas/persona-definition.js';

export const promptDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prompts');

/** The schemas prompt frontmatter names (`output: {schema: PersonaModelDraft}`), by that name. */
const PROMPT_SCHEMAS: Record<string, z.ZodTypeAny> = {
  PersonaModelDraft: PersonaModelDraftSchema,
  PersonaExtractInput: PersonaExtractInputSchema,
  PersonaSuggestInput: PersonaSuggestInputSchema,
  PersonaReplyInput: PersonaReplyInputSchema,
  BuyingProcessExtractInput: BuyingProcessExtractInputSchema,
  BuyingProcessModelExtract: BuyingProcessModelExtractSchema,
  BuyingProcessReplyInput: BuyingProcessReplyInputSchema,
  PersonaGenerateInput: PersonaGenerateInputSchema,
  GeneratedPersonaModel: GeneratedPersonaModelSchema,
  ProductFitPromptInput: ProductFitPromptInputSchema,
  ProductFitModel: ProductFitModelSchema,
  ContactBriefPromptInput: ContactBriefPromptInputSchema,
  ContactBriefModel: ContactBriefModelSchema,
  ContactChatPromptInput: ContactChatPromptInputSchema,
  LeadPersonaPromptInput: LeadPersonaPromptInputSchema,
  LeadPersona: LeadPersonaSchema,
  EmailDraftPromptInput: EmailDraftPromptInputSchema,
  EmailDraftModel: EmailDraftModelSchema,
};

export type ResilienceSettings = {
  timeoutMs: number;
  maxRetries: number;
  /** A second model of the same provider, used when the first keeps failing. */
  fallbackModel?: string;
  baseDelayMs?: number;
  record?: ResilienceOptions['record'];
  /** Tests pass a recording sleep to check waits without waiting. */
  sleep?: ResilienceOptions['sleep'];
};

export const DEFAULT_RESILIENCE: ResilienceSettings = { timeoutMs: 60_000, maxRetries: 2 };

export type AiOptions = {
  provider: ProviderSettings;
  /** Other configured providers a person may switch to at run time (switchProvider). */
  alternatives?: ProviderSettings[];
  /** Overrides the default model, e.g. a genkit/testing mockModel's name. */
  model?: string;
  plugins?: AnyPlugin[];
  resilience?: Partial<ResilienceSettings>;
};

/**
 * Builds the one `ai` instance the app uses (server/main.ts calls it once). A factory rather
 * than a module-level singleton so tests can build fresh instances with a mock model.
 */
export function createAi({ provider, alternatives = [], model, plugins = [], resilience: overrides }: AiOptions): GenkitBeta {
  const resilience = { ...DEFAULT_RESILIENCE, ...overrides };
  const providers = [provider, ...alternatives.filter((a) => a.kind !== provider.kind)];
  const wrapped = providers.map((p) => {
    const target = (name: string) => ({ ref: modelRef(p.kind, name), provider: p.kind, model: name });
    const fallback = resilience.fallbackModel && p.kind !== 'offline' ? target(resilience.fallbackModel) : undefined;
    return {
      name: p.kind,
      primary: target(p.model),
      fallback,
      supports: PROVIDER_SUPPORTS[p.kind],
      json: jsonDelivery(p),
      label: describeProvider(p).label,
      ...(p.missingKey ? { unavailable: missingKeyMessage(p) } : {}),
    };
  });
  const ai = genkit({
    plugins: [
      offlineModel(),
      ...providers.flatMap((p) => providerPlugin(p, resilience.timeoutMs) ?? []),
      resilientModel({
        models: wrapped,
        timeoutMs: resilience.timeoutMs,
        maxRetries: resilience.maxRetries,
        baseDelayMs: resilience.baseDelayMs,
        record: resilience.record,
        promptVersion: (prompt) => promptVersions(promptDir).get(prompt)?.version,
        sleep: resilience.sleep,
      }),
      ...plugins,
    ],
    promptDir,
    model: model ?? wrappedModelName(provider.kind),
  });
  trackProviders(ai, { active: provider, available: providers });
  // Prompt frontmatter names these schemas; they must be registered on the same instance.
  for (const [name, schema] of Object.entries(PROMPT_SCHEMAS)) ai.defineSchema(name, schema);
  return ai;
}
