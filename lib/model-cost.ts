import type { ProjectedCost, RunCost } from '../schemas/model-cost.js';
import { estimateCostUsd, type Price } from './model-prices.js';

type Tokens = { calls: number; inputTokens: number; outputTokens: number; tokensEstimated: boolean };

const usd = (amount: number) => (amount < 0.01 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`);
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
  const tokens = `${n(perDraft.inputTokens)} in / ${n(perDraft.outputTokens)} out tokens each${recent.tokensEstimated ? ', estimated' : ''}`;
  const basis = recent.calls === 1 ? 'your last draft' : `your last ${recent.calls} drafts`;
  const upTo = `up to ${n(drafts)} ${drafts === 1 ? 'draft' : 'drafts'}`;
  if (each === null) return { ...base, perDraft, usd: null, note: `No price is known for ${label} (set MODEL_PRICES to see one): ${upTo}, ${tokens}.` };
  const total = each * drafts;
  if (total === 0) return { ...base, perDraft, usd: 0, note: `No model cost: ${label} is free (${upTo}, ${tokens}).` };
  return { ...base, perDraft, usd: total, note: `About ${usd(total)} for ${upTo} on ${label} (${tokens}, the average of ${basis}).` };
}
