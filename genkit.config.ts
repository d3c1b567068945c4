import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAICompatible } from '@genkit-ai/compat-oai';
import { openAI } from '@genkit-ai/compat-oai/openai';
import { googleAI } from '@genkit-ai/google-genai';
import { genkit, type Genkit } from 'genkit';
import type { GenkitPlugin, GenkitPluginV2 } from 'genkit/plugin';

type AnyPlugin = GenkitPlugin | GenkitPluginV2;
import type { Env } from './env.js';
import { OFFLINE_MODEL_NAME, offlineModel } from './models/offline.js';
import { PersonaModelDraftSchema } from './schemas/persona.js';
import {
  BuyingProcessExtractInputSchema,
  BuyingProcessModelExtractSchema,
  BuyingProcessReplyInputSchema,
} from './schemas/buying-process.js';
import { ContactBriefModelSchema, ContactBriefPromptInputSchema, ContactChatPromptInputSchema } from './schemas/contact-analysis.js';
import {
  GeneratedPersonaModelSchema,
  PersonaGenerateInputSchema,
  ProductFitModelSchema,
  ProductFitPromptInputSchema,
} from './schemas/persona-generation.js';
import {
  PersonaExtractInputSchema,
  PersonaReplyInputSchema,
  PersonaSuggestInputSchema,
} from './schemas/persona-definition.js';

export const promptDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prompts');

export type ProviderKind = 'offline' | 'gemini' | 'openai' | 'compatible';

export type ProviderSettings = {
  kind: ProviderKind;
  /** The model name as the provider knows it, e.g. gemini-2.5-flash. */
  model: string;
  apiKey?: string;
  /** Points the provider's plugin somewhere else: an OpenAI-compatible server, or a local fake in tests. */
  baseUrl?: string;
};

export type ProviderInfo = { provider: ProviderKind; model: string; offline: boolean; label: string };

/** Picks the provider from the environment: Gemini, then OpenAI, then an OpenAI-compatible server, else offline. */
export function chooseProvider(env: Env): ProviderSettings {
  const geminiKey = env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY;
  if (geminiKey) return { kind: 'gemini', model: env.MODEL ?? 'gemini-2.5-flash', apiKey: geminiKey };
  if (env.OPENAI_API_KEY) return { kind: 'openai', model: env.MODEL ?? 'gpt-4o-mini', apiKey: env.OPENAI_API_KEY };
  if (env.LLM_BASE_URL) return { kind: 'compatible', model: env.MODEL ?? 'llama3.2', apiKey: env.LLM_API_KEY, baseUrl: env.LLM_BASE_URL };
  return { kind: 'offline', model: 'personaflow' };
}

function providerPlugin(p: ProviderSettings): { plugin?: AnyPlugin; modelRef: string } {
  switch (p.kind) {
    case 'gemini':
      return { plugin: googleAI({ apiKey: p.apiKey, ...(p.baseUrl ? { baseUrl: p.baseUrl } : {}) }), modelRef: `googleai/${p.model}` };
    case 'openai':
      return { plugin: openAI({ apiKey: p.apiKey, ...(p.baseUrl ? { baseURL: p.baseUrl } : {}) }), modelRef: `openai/${p.model}` };
    case 'compatible':
      return {
        plugin: openAICompatible({ name: 'local', apiKey: p.apiKey ?? 'not-needed', baseURL: p.baseUrl }),
        modelRef: `local/${p.model}`,
      };
    case 'offline':
      return { modelRef: OFFLINE_MODEL_NAME };
  }
}

export function describeProvider(p: ProviderSettings): ProviderInfo {
  const labels: Record<ProviderKind, string> = {
    offline: 'Offline generator (rule-based, no AI provider configured)',
    gemini: `Gemini · ${p.model}`,
    openai: `OpenAI · ${p.model}`,
    compatible: `OpenAI-compatible server · ${p.model}`,
  };
  return { provider: p.kind, model: p.model, offline: p.kind === 'offline', label: labels[p.kind] };
}

export type AiOptions = {
  provider: ProviderSettings;
  /** Overrides the default model, e.g. a genkit/testing mockModel's name. */
  model?: string;
  plugins?: AnyPlugin[];
};

/**
 * Builds the one `ai` instance the app uses (server/main.ts calls it once). A factory rather
 * than a module-level singleton so tests can build fresh instances with a mock model.
 */
export function createAi({ provider, model, plugins = [] }: AiOptions): Genkit {
  const { plugin, modelRef } = providerPlugin(provider);
  const ai = genkit({
    plugins: [offlineModel(), ...(plugin ? [plugin] : []), ...plugins],
    promptDir,
    model: model ?? modelRef,
  });
  // Prompt frontmatter names these schemas; they must be registered on the same instance.
  ai.defineSchema('PersonaModelDraft', PersonaModelDraftSchema);
  ai.defineSchema('PersonaExtractInput', PersonaExtractInputSchema);
  ai.defineSchema('PersonaSuggestInput', PersonaSuggestInputSchema);
  ai.defineSchema('PersonaReplyInput', PersonaReplyInputSchema);
  ai.defineSchema('BuyingProcessExtractInput', BuyingProcessExtractInputSchema);
  ai.defineSchema('BuyingProcessModelExtract', BuyingProcessModelExtractSchema);
  ai.defineSchema('BuyingProcessReplyInput', BuyingProcessReplyInputSchema);
  ai.defineSchema('PersonaGenerateInput', PersonaGenerateInputSchema);
  ai.defineSchema('GeneratedPersonaModel', GeneratedPersonaModelSchema);
  ai.defineSchema('ProductFitPromptInput', ProductFitPromptInputSchema);
  ai.defineSchema('ProductFitModel', ProductFitModelSchema);
  ai.defineSchema('ContactBriefPromptInput', ContactBriefPromptInputSchema);
  ai.defineSchema('ContactBriefModel', ContactBriefModelSchema);
  ai.defineSchema('ContactChatPromptInput', ContactChatPromptInputSchema);
  return ai;
}
