// The Claude plugin (@genkit-ai/anthropic) on an Anthropic client personaflow configures.
// The plugin's options are an API key and an API surface only: left to itself it builds a client
// with the SDK's defaults (api.anthropic.com, two retries of its own, a 10-minute timeout), which
// would multiply personaflow's retries (models/resilient.ts) and could not be pointed at a local
// fake or a proxy. Its one way to take a configured client is the option under its internal
// `__testClient` symbol, which the package does not export: it is read from the plugin's own
// ESM module (the one its index.mjs imports), and the package is pinned exactly in package.json.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import { anthropic } from '@genkit-ai/anthropic';
import type { GenkitPluginV2 } from 'genkit/plugin';

const pluginDir = path.dirname(createRequire(import.meta.url).resolve('@genkit-ai/anthropic'));
const { __testClient } = (await import(pathToFileURL(path.join(pluginDir, 'types.mjs')).href)) as { __testClient?: unknown };
if (typeof __testClient !== 'symbol')
  throw new Error(
    '@genkit-ai/anthropic no longer takes a configured client (its __testClient option is gone): update models/anthropic-plugin.ts before upgrading it.',
  );
const clientOption: symbol = __testClient;

export type AnthropicClientSettings = { apiKey: string; baseUrl?: string; timeoutMs: number };

/** The SDK client every Claude call goes through: our key and base URL, no retries of its own. */
export const anthropicClient = ({ apiKey, baseUrl, timeoutMs }: AnthropicClientSettings) =>
  // baseURL is always given, so ANTHROPIC_BASE_URL in the environment cannot send calls elsewhere.
  new Anthropic({ apiKey, baseURL: baseUrl ?? 'https://api.anthropic.com', maxRetries: 0, timeout: timeoutMs });

/** Claude's models as anthropic/<model>, on the stable Messages API. */
export function anthropicPlugin(settings: AnthropicClientSettings): GenkitPluginV2 {
  return anthropic({ apiVersion: 'stable', [clientOption]: anthropicClient(settings) } as Parameters<typeof anthropic>[0]);
}
