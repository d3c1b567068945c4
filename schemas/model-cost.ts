import { z } from 'zod';

// What model calls cost, in US dollars at the price table's rates (lib/model-prices.ts).

/** What a campaign run's drafts cost so far. */
export const RunCostSchema = z.object({
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** Some token counts were estimated from the text (the provider did not report usage). */
  tokensEstimated: z.boolean(),
  /** null when a model it used has no price (MODEL_PRICES). */
  usd: z.number().nullable(),
  unpricedModels: z.array(z.string()),
});
export type RunCost = z.infer<typeof RunCostSchema>;

/** What the pre-flight expects a run's drafts to cost, from the workspace's recent drafts. */
export const ProjectedCostSchema = z.object({
  drafts: z.number().int(),
  /** How many recent drafts the per-draft tokens are the average of; 0: none yet, nothing to project from. */
  basedOn: z.number().int(),
  perDraft: z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() }).nullable(),
  model: z.string(),
  usd: z.number().nullable(),
  /** The projection in a sentence, or why there is none. */
  note: z.string(),
});
export type ProjectedCost = z.infer<typeof ProjectedCostSchema>;
