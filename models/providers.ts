// Which model providers the environment configures, how each is described to a person, and the
// Genkit plugin and capabilities behind each. genkit.config.ts builds the `ai` instance from these.
import { openAICompatible } from '@genkit-ai/compat-oai';
import { openAI } from '@genkit-ai/compat-oai/openai';
import { googleAI } from '@genkit-ai/google-genai';
import type { ModelInfo } from 'genkit/model';
import type { GenkitPlugin, GenkitPluginV2 } from 'genkit/plugin';
import type { Env } from '../env.js';
import { anthropicPlugin } from './anthropic-plugin.js';
import type { JsonDelivery } from './json-answer.js';
import { OFFLINE_MODEL_NAME } from './offline.js';

export type AnyPlugin = GenkitPlugin | GenkitPluginV2;

export type ProviderKind = 'offline' | 'gemini' | 'openai' | 'anthropic' | 'compatible';

export type ProviderSettings = {
  kind: ProviderKind;
  /** The model name as the provider knows it, e.g. gemini-2.5-flash. */
  model: string;
  apiKey?: string;
  /** Points the provider's plugin somewhere else: an OpenAI-compatible server, a proxy, or a local fake in tests. */
  baseUrl?: string;
  /** MODEL_PROVIDER chose this provider but its key is not set: every call fails saying so. */
  missingKey?: string;
  /** An OpenAI-compatible server is sent JSON prompts' schemas as response_format (LLM_JSON_SCHEMA, default on). */
  jsonSchema?: boolean;
};

export type ProviderInfo = { provider: ProviderKind; model: string; offline: boolean; label: string; missingKey?: string };

const PROVIDER_NAMES: Record<ProviderKind, string> = {
  gemini: 'Gemini',
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  compatible: 'OpenAI-compatible server',
  offline: 'Offline generator',
};

/** Each provider's model when MODEL is not set. */
const DEFAULT_MODELS: Record<ProviderKind, string> = {
  gemini: 'gemini-2.5-flash',
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  compatible: 'llama3.2',
  offline: 'personaflow',
};

/** The variable that configures each provider, named when it is missing. */
const KEY_VARIABLES: Record<ProviderKind, string> = {
  gemini: 'GEMINI_API_KEY',
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  compatible: 'LLM_BASE_URL',
  offline: '',
};

/** What a person reads when the chosen provider has no key: what is missing and where to set it. */
export const missingKeyMessage = (p: ProviderSettings) =>
  `${PROVIDER_NAMES[p.kind]} API key not configured: set ${p.missingKey} in the server's environment and restart (README, "On a real model"), or choose another provider in Settings › Model.`;

/**
 * Every provider the environment configures, in order of preference (Gemini, then OpenAI, then
 * Anthropic, then an OpenAI-compatible server, or MODEL_PROVIDER's choice first), and always the
 * offline model last.
 */
export function configuredProviders(env: Env): ProviderSettings[] {
  const geminiKey = env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY;
  const found: ProviderSettings[] = [];
  if (geminiKey) found.push({ kind: 'gemini', model: env.MODEL ?? DEFAULT_MODELS.gemini, apiKey: geminiKey });
  if (env.OPENAI_API_KEY) found.push({ kind: 'openai', model: env.MODEL ?? DEFAULT_MODELS.openai, apiKey: env.OPENAI_API_KEY });
  if (env.ANTHROPIC_API_KEY) found.push({ kind: 'anthropic', model: env.MODEL ?? DEFAULT_MODELS.anthropic, apiKey: env.ANTHROPIC_API_KEY });
  if (env.LLM_BASE_URL)
    found.push({
      kind: 'compatible',
      model: env.MODEL ?? DEFAULT_MODELS.compatible,
      apiKey: env.LLM_API_KEY,
      baseUrl: env.LLM_BASE_URL,
      jsonSchema: env.LLM_JSON_SCHEMA === 'on',
    });
  found.push({ kind: 'offline', model: DEFAULT_MODELS.offline });
  const wanted = env.MODEL_PROVIDER;
  if (wanted && wanted !== found[0]!.kind) {
    const configured = found.find((p) => p.kind === wanted);
    if (configured) return [configured, ...found.filter((p) => p !== configured)];
    return [{ kind: wanted, model: env.MODEL ?? DEFAULT_MODELS[wanted], missingKey: KEY_VARIABLES[wanted] }, ...found];
  }
  return found;
}

export function describeProvider(p: ProviderSettings): ProviderInfo {
  const labels: Record<ProviderKind, string> = {
    offline: 'Offline generator (rule-based, no AI provider configured)',
    gemini: `Gemini · ${p.model}`,
    openai: `OpenAI · ${p.model}`,
    anthropic: `Anthropic · ${p.model}`,
    compatible: `OpenAI-compatible server · ${p.model}`,
  };
  if (p.missingKey) return { provider: p.kind, model: p.model, offline: false, label: `${labels[p.kind]} (API key not configured)`, missingKey: p.missingKey };
  return { provider: p.kind, model: p.model, offline: p.kind === 'offline', label: labels[p.kind] };
}

const PREFIX: Record<ProviderKind, string> = { gemini: 'googleai', openai: 'openai', anthropic: 'anthropic', compatible: 'local', offline: 'offline' };

/** The name the provider's own plugin registers a model under. */
export const modelRef = (kind: ProviderKind, model: string) => (kind === 'offline' ? OFFLINE_MODEL_NAME : `${PREFIX[kind]}/${model}`);

/** The name of personaflow's resilient wrapper around a provider's model: what prompts call. */
export const wrappedModelName = (kind: ProviderKind) => `personaflow/${kind}`;

// Retries and timeouts are personaflow's (models/resilient.ts), so the OpenAI and Anthropic clients' own are off.
export function providerPlugin(p: ProviderSettings, timeoutMs: number): AnyPlugin | undefined {
  if (p.missingKey) return undefined;
  switch (p.kind) {
    case 'gemini':
      return googleAI({ apiKey: p.apiKey, ...(p.baseUrl ? { baseUrl: p.baseUrl } : {}) });
    case 'openai':
      return openAI({ apiKey: p.apiKey, maxRetries: 0, timeout: timeoutMs, ...(p.baseUrl ? { baseURL: p.baseUrl } : {}) });
    case 'anthropic':
      return anthropicPlugin({ apiKey: p.apiKey ?? '', baseUrl: p.baseUrl, timeoutMs });
    case 'compatible':
      return openAICompatible({ name: 'local', apiKey: p.apiKey ?? 'not-needed', baseURL: p.baseUrl, maxRetries: 0, timeout: timeoutMs });
    case 'offline':
      return undefined;
  }
}

/**
 * What the wrapped model can do: Genkit shapes requests (e.g. JSON output instructions) by this.
 * Every wrapped model takes a JSON schema ('all'): for OpenAI, Anthropic and an OpenAI-compatible
 * server the wrapper itself puts it in response_format and/or the prompt (jsonDelivery), and it
 * always sees the schema to check the answer against and repair it.
 */
export const PROVIDER_SUPPORTS: Record<ProviderKind, NonNullable<ModelInfo['supports']>> = {
  offline: { multiturn: true, systemRole: true, tools: false, media: false, output: ['text', 'json'], constrained: 'all' },
  gemini: { multiturn: true, systemRole: true, tools: true, media: true, output: ['text', 'json'], constrained: 'all' },
  openai: { multiturn: true, systemRole: true, tools: true, media: true, output: ['text', 'json'], constrained: 'all' },
  anthropic: { multiturn: true, systemRole: true, tools: true, media: true, output: ['text', 'json'], constrained: 'all' },
  compatible: { multiturn: true, systemRole: true, tools: true, media: false, output: ['text', 'json'], constrained: 'all' },
};

/**
 * How each provider is given a JSON prompt's schema (models/json-answer.ts). The Anthropic plugin's
 * stable Messages API path takes text output only (it throws on a JSON output request), and its
 * structured outputs exist only on the beta surface: Claude gets the schema in the prompt.
 */
export function jsonDelivery(p: ProviderSettings): JsonDelivery {
  if (p.kind === 'openai') return 'response_format';
  if (p.kind === 'anthropic') return 'prompt';
  if (p.kind === 'compatible') return p.jsonSchema === false ? 'prompt' : 'response_format+prompt';
  return 'native';
}
