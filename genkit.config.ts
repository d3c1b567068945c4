import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAICompatible } from '@genkit-ai/compat-oai';
import { openAI } from '@genkit-ai/compat-oai/openai';
import { googleAI } from '@genkit-ai/google-genai';
import { genkit, type Genkit } from 'genkit';
import type { GenkitPlugin, GenkitPluginV2 } from 'genkit/plugin';

type AnyPlugin = GenkitPlugin | GenkitPluginV2;
import type { Env } from './env.js';
import type { ModelInfo } from 'genkit/model';
import { OFFLINE_MODEL_NAME, offlineModel } from './models/offline.js';
import { RESILIENT_MODEL_NAME, resilientModel, type ResilienceOptions } from './models/resilient.js';
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

const PREFIX: Record<ProviderKind, string> = { gemini: 'googleai', openai: 'openai', compatible: 'local', offline: 'offline' };
const modelRef = (kind: ProviderKind, model: string) => (kind === 'offline' ? OFFLINE_MODEL_NAME : `${PREFIX[kind]}/${model}`);

// Retries and timeouts are personaflow's (models/resilient.ts), so the OpenAI client's own are off.
function providerPlugin(p: ProviderSettings, timeoutMs: number): AnyPlugin | undefined {
  switch (p.kind) {
    case 'gemini':
      return googleAI({ apiKey: p.apiKey, ...(p.baseUrl ? { baseUrl: p.baseUrl } : {}) });
    case 'openai':
      return openAI({ apiKey: p.apiKey, maxRetries: 0, timeout: timeoutMs, ...(p.baseUrl ? { baseURL: p.baseUrl } : {}) });
    case 'compatible':
      return openAICompatible({ name: 'local', apiKey: p.apiKey ?? 'not-needed', baseURL: p.baseUrl, maxRetries: 0, timeout: timeoutMs });
    case 'offline':
      return undefined;
  }
}

// What the wrapped model can do: Genkit shapes requests (e.g. JSON output instructions) by this.
const SUPPORTS: Record<ProviderKind, NonNullable<ModelInfo['supports']>> = {
  offline: { multiturn: true, systemRole: true, tools: false, media: false, output: ['text', 'json'], constrained: 'all' },
  gemini: { multiturn: true, systemRole: true, tools: true, media: true, output: ['text', 'json'], constrained: 'all' },
  openai: { multiturn: true, systemRole: true, tools: true, media: true, output: ['text', 'json'], constrained: 'all' },
  compatible: { multiturn: true, systemRole: true, tools: true, media: false, output: ['text', 'json'], constrained: 'none' },
};

export function describeProvider(p: ProviderSettings): ProviderInfo {
  const labels: Record<ProviderKind, string> = {
    offline: 'Offline generator (rule-based, no AI provider configured)',
    gemini: `Gemini · ${p.model}`,
    openai: `OpenAI · ${p.model}`,
    compatible: `OpenAI-compatible server · ${p.model}`,
  };
  return { provider: p.kind, model: p.model, offline: p.kind === 'offline', label: labels[p.kind] };
}

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
  /** Overrides the default model, e.g. a genkit/testing mockModel's name. */
  model?: string;
  plugins?: AnyPlugin[];
  resilience?: Partial<ResilienceSettings>;
};

/**
 * Builds the one `ai` instance the app uses (server/main.ts calls it once). A factory rather
 * than a module-level singleton so tests can build fresh instances with a mock model.
 */
export function createAi({ provider, model, plugins = [], resilience: overrides }: AiOptions): Genkit {
  const resilience = { ...DEFAULT_RESILIENCE, ...overrides };
  const plugin = providerPlugin(provider, resilience.timeoutMs);
  const target = (name: string) => ({ ref: modelRef(provider.kind, name), provider: provider.kind, model: name });
  const ai = genkit({
    plugins: [
      offlineModel(),
      ...(plugin ? [plugin] : []),
      resilientModel({
        primary: target(provider.model),
        fallback: resilience.fallbackModel ? target(resilience.fallbackModel) : undefined,
        supports: SUPPORTS[provider.kind],
        label: describeProvider(provider).label,
        timeoutMs: resilience.timeoutMs,
        maxRetries: resilience.maxRetries,
        baseDelayMs: resilience.baseDelayMs,
        record: resilience.record,
        sleep: resilience.sleep,
      }),
      ...plugins,
    ],
    promptDir,
    model: model ?? RESILIENT_MODEL_NAME,
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
