import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAICompatible } from '@genkit-ai/compat-oai';
import { openAI } from '@genkit-ai/compat-oai/openai';
import { googleAI } from '@genkit-ai/google-genai';
// genkit/beta: the same instance plus interrupts (the campaign approval pauses on one); pinned exactly.
import { genkit, type GenkitBeta } from 'genkit/beta';
import type { Genkit } from 'genkit';
import type { GenkitPlugin, GenkitPluginV2 } from 'genkit/plugin';

type AnyPlugin = GenkitPlugin | GenkitPluginV2;
import type { Env } from './env.js';
import type { ModelInfo } from 'genkit/model';
import { OFFLINE_MODEL_NAME, offlineModel } from './models/offline.js';
import { resilientModel, type ResilienceOptions } from './models/resilient.js';
import { PersonaModelDraftSchema } from './schemas/persona.js';
import { LeadPersonaPromptInputSchema, LeadPersonaSchema } from './schemas/lead.js';
import { EmailDraftModelSchema, EmailDraftPromptInputSchema } from './schemas/email.js';
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
  /** MODEL_PROVIDER chose this provider but its key is not set: every call fails saying so. */
  missingKey?: string;
};

export type ProviderInfo = { provider: ProviderKind; model: string; offline: boolean; label: string; missingKey?: string };

const PROVIDER_NAMES: Record<ProviderKind, string> = { gemini: 'Gemini', openai: 'OpenAI', compatible: 'OpenAI-compatible server', offline: 'Offline generator' };

/** What a person reads when the chosen provider has no key: what is missing and where to set it. */
export const missingKeyMessage = (p: ProviderSettings) =>
  `${PROVIDER_NAMES[p.kind]} API key not configured: set ${p.missingKey} in the server's environment and restart (README, "On a real model"), or choose another provider in Settings › Model.`;

/** Every provider the environment configures, in order of preference, and always the offline model last. */
export function configuredProviders(env: Env): ProviderSettings[] {
  const geminiKey = env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY;
  const found: ProviderSettings[] = [];
  if (geminiKey) found.push({ kind: 'gemini', model: env.MODEL ?? 'gemini-2.5-flash', apiKey: geminiKey });
  if (env.OPENAI_API_KEY) found.push({ kind: 'openai', model: env.MODEL ?? 'gpt-4o-mini', apiKey: env.OPENAI_API_KEY });
  if (env.LLM_BASE_URL) found.push({ kind: 'compatible', model: env.MODEL ?? 'llama3.2', apiKey: env.LLM_API_KEY, baseUrl: env.LLM_BASE_URL });
  found.push({ kind: 'offline', model: 'personaflow' });
  const wanted = env.MODEL_PROVIDER;
  if (wanted && wanted !== found[0]!.kind) {
    const configured = found.find((p) => p.kind === wanted);
    if (configured) return [configured, ...found.filter((p) => p !== configured)];
    const missingKey = { gemini: 'GEMINI_API_KEY', openai: 'OPENAI_API_KEY', compatible: 'LLM_BASE_URL', offline: '' }[wanted];
    const model = env.MODEL ?? { gemini: 'gemini-2.5-flash', openai: 'gpt-4o-mini', compatible: 'llama3.2', offline: 'personaflow' }[wanted];
    return [{ kind: wanted, model, missingKey }, ...found];
  }
  return found;
}

/** Picks the provider from the environment: Gemini, then OpenAI, then an OpenAI-compatible server, else offline. */
export function chooseProvider(env: Env): ProviderSettings {
  return configuredProviders(env)[0]!;
}

const PREFIX: Record<ProviderKind, string> = { gemini: 'googleai', openai: 'openai', compatible: 'local', offline: 'offline' };
const modelRef = (kind: ProviderKind, model: string) => (kind === 'offline' ? OFFLINE_MODEL_NAME : `${PREFIX[kind]}/${model}`);

// Retries and timeouts are personaflow's (models/resilient.ts), so the OpenAI client's own are off.
function providerPlugin(p: ProviderSettings, timeoutMs: number): AnyPlugin | undefined {
  if (p.missingKey) return undefined;
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
  if (p.missingKey) return { provider: p.kind, model: p.model, offline: false, label: `${labels[p.kind]} (API key not configured)`, missingKey: p.missingKey };
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
      name: p.kind, primary: target(p.model), fallback, supports: SUPPORTS[p.kind], label: describeProvider(p).label,
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
        sleep: resilience.sleep,
      }),
      ...plugins,
    ],
    promptDir,
    model: model ?? wrappedModelName(provider.kind),
  });
  activeProviders.set(ai, { active: provider, available: providers });
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
  ai.defineSchema('LeadPersonaPromptInput', LeadPersonaPromptInputSchema);
  ai.defineSchema('LeadPersona', LeadPersonaSchema);
  ai.defineSchema('EmailDraftPromptInput', EmailDraftPromptInputSchema);
  ai.defineSchema('EmailDraftModel', EmailDraftModelSchema);
  return ai;
}

const wrappedModelName = (kind: ProviderKind) => `personaflow/${kind}`;
const activeProviders = new WeakMap<Genkit, { active: ProviderSettings; available: ProviderSettings[] }>();

export function providerState(ai: Genkit): { active: ProviderSettings; available: ProviderSettings[] } {
  const state = activeProviders.get(ai);
  if (!state) throw new Error('providerState: this ai instance was not made by createAi');
  return state;
}

/** Makes another configured provider the default model of every prompt, from the next call on. */
export function switchProvider(ai: Genkit, kind: ProviderKind): ProviderSettings | undefined {
  const state = providerState(ai);
  const next = state.available.find((p) => p.kind === kind);
  if (!next) return undefined;
  // Genkit keeps the default model as a registry value; prompts without a model read it per call.
  ai.registry.registerValue('defaultModel', 'defaultModel', { name: wrappedModelName(kind) });
  state.active = next;
  return next;
}
