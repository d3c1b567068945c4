import type { PrefilledFrom } from '@schemas/memory-prefill.js';

/** Says where a guess came from, in the words the Memory page uses. */
function describe(from: PrefilledFrom): string {
  const source =
    from.source === 'INFERRED'
      ? `a guess (${Math.round(from.confidence * 100)}% sure)${from.learnedFrom ? ` learned from ${from.learnedFrom}` : ''}`
      : from.source === 'INTAKE_FORM'
        ? 'from the intake form'
        : 'written by someone in this workspace';
  return `Filled in from your workspace's memory — ${from.label}, ${source}. Change it if it does not fit; Settings → Memory shows every fact.`;
}

/** The small "from memory" marker of a field a new form filled in from memory, until a person changes it. */
export function FromMemoryBadge({ from, testId }: { from: PrefilledFrom; testId?: string }) {
  return (
    <span className="badge badge--info" title={describe(from)} data-testid={testId} data-memory-key={from.key} data-memory-source={from.source}>
      from memory
    </span>
  );
}
