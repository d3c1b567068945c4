import type { ProjectedCost, RunCost } from '../schemas/model-cost.js';
import { estimateCostUsd, type Price } from './model-prices.js';

type Tokens = { calls: number; inputTokens: number; outputTokens: number; tokensEstimated: boolean };

const usd = (amount: number) => (amount === 0 ? '$0' : amount < 0.01 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`);
const n = (value: number) => value.toLocaleString('en-US');

/** A run's calls priced model by model; unknown when any model has no price. */
export function runCost(prices: Record<string, Price>, byModel: (Tokens & { model: string })[]): RunCost {
  const unpricedModels = byModel.filter((m) => !prices[m.model]).map((m) => m.model);
  const total = byModel.reduce((sum, m) => sum + (estimateCostUsd(prices, m.model, m.inputTokens, m.outputTokens) ?? 0), 0);
  return {
    calls: byModel.reduce((sum, m) => sum + m.calls, 0),
    inputTokens: byModel.reduce((sum, m) => sum + m.inputTokens, 0),
    outputTokens: byModel.reduce((sum, m) => sum + m.outputTokens, 0),
    tokensEstimated: byModel.some((m) => m.tokensEstimated),
    usd: unpricedModels.length ? null : total,
    unpricedModels,
  };
}

/**
 * The drafts of a run priced at what this workspace's recent drafts took, on the model that will
 * write them. Nothing is projected from nothing: without recent drafts it says so.
 */
export function projectedCost(
  prices: Record<string, Price>,
  { model, label }: { model: string; label: string },
  drafts: number,
  recent: Tokens,
): ProjectedCost {
  const base = { drafts, basedOn: recent.calls, model };
  if (recent.calls === 0)
    return {
      ...base,
      perDraft: null,
      usd: null,
      note: 'No email has been drafted in this workspace yet, so there is nothing to project the model cost from. The run shows what it cost.',
    };
  const perDraft = { inputTokens: recent.inputTokens, outputTokens: recent.outputTokens };
  const each = estimateCostUsd(prices, model, perDraft.inputTokens, perDraft.outputTokens);
  const tokens = `${n(perDraft.inputTokens)} in / ${n(perDraft.outputTokens)} out tokens each${recent.tokensEstimated ? ' (estimated from the text)' : ''}, the average of the last ${recent.calls} ${recent.calls === 1 ? 'draft' : 'drafts'}`;
  if (each === null)
    return { ...base, perDraft, usd: null, note: `Up to ${n(drafts)} drafts at ${tokens}; no price is known for ${label} (set MODEL_PRICES to see one).` };
  const total = each * drafts;
  return {
    ...base,
    perDraft,
    usd: total,
    note: `About ${usd(total)} for up to ${n(drafts)} ${drafts === 1 ? 'draft' : 'drafts'} on ${label}: ${tokens}. A draft you accepted is sent as it is; one that says something the lead's data does not back is written once more.`,
  };
}
