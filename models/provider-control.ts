// Which provider an `ai` instance uses right now, switching among the configured ones at run
// time, and the control the Settings › Model routes drive (server/routes/settings.ts).
import type { Genkit } from 'genkit';
import { withCallContext } from '../lib/call-context.js';
import { describeProvider, wrappedModelName, type ProviderInfo, type ProviderKind, type ProviderSettings } from './providers.js';

export type ProviderState = { active: ProviderSettings; available: ProviderSettings[] };

export type ProviderControl = {
  state(): { active: ProviderInfo; available: ProviderInfo[]; timeoutMs: number; maxRetries: number; fallbackModel: string | null };
  switchTo(kind: ProviderKind): ProviderInfo | undefined;
  /** One small model call through everything a real call goes through. */
  test(): Promise<{ ok: true; latencyMs: number; reply: string } | { ok: false; message: string }>;
};

const providerStates = new WeakMap<Genkit, ProviderState>();

/** createAi records what it configured, so the instance can be switched later. */
export function trackProviders(ai: Genkit, state: ProviderState): void {
  providerStates.set(ai, state);
}

export function providerState(ai: Genkit): ProviderState {
  const state = providerStates.get(ai);
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

export function controlProviders(ai: Genkit, limits: { timeoutMs: number; maxRetries: number; fallbackModel: string | null }): ProviderControl {
  return {
    state: () => {
      const { active, available } = providerState(ai);
      return { active: describeProvider(active), available: available.map(describeProvider), ...limits };
    },
    switchTo: (kind) => {
      const next = switchProvider(ai, kind);
      return next && describeProvider(next);
    },
    test: async () => {
      const started = performance.now();
      try {
        const { text } = await withCallContext({ flow: 'connectionTest', workspaceId: null }, () =>
          ai.generate({ prompt: '[task:ping]\nReply with the single word: pong' }),
        );
        return { ok: true as const, latencyMs: Math.round(performance.now() - started), reply: text.trim().slice(0, 200) };
      } catch (err) {
        return { ok: false as const, message: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
