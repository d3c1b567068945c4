// The size of every prompt as rendered for a typical call, and what a call would cost on the
// default models (tokens estimated as characters / 4; providers count exactly and usage records that).
import type { Genkit } from 'genkit';
import { createAi } from '../genkit.config.js';
import { PROMPT_INPUTS as inputs } from '../tests/helpers/prompt-inputs.js';
import { DEFAULT_PRICES, estimateCostUsd } from '../lib/model-prices.js';

async function renderedChars(ai: Genkit, name: string): Promise<number> {
  const req = await ai.prompt(name).render(inputs[name] as never);
  const schema = req.output?.jsonSchema ? JSON.stringify(req.output.jsonSchema).length : 0;
  return JSON.stringify(req.messages).length + schema;
}

export async function benchPromptSizes() {
  const ai = createAi({ provider: { kind: 'offline', model: 'personaflow' } });
  const rows = [];
  for (const name of Object.keys(inputs)) {
    const chars = await renderedChars(ai, name);
    const inputTokens = Math.ceil(chars / 4);
    const outputTokens = name.endsWith('generate') ? 450 : name.endsWith('summary') || name.endsWith('brief') ? 600 : 120;
    rows.push({
      name,
      chars,
      inputTokens,
      outputTokens,
      gemini: estimateCostUsd(DEFAULT_PRICES, 'gemini-2.5-flash', inputTokens, outputTokens)!,
      openai: estimateCostUsd(DEFAULT_PRICES, 'gpt-4o-mini', inputTokens, outputTokens)!,
    });
  }
  return rows;
}
