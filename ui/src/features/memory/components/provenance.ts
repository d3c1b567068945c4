import type { MemoryFact } from '@schemas/memory.js';

/** Where a fact came from, as a person reads it ("You wrote this", "From the intake form", "Learned from …"). */
export function provenance(fact: MemoryFact, myUserId: string | null): string {
  if (fact.source === 'INTAKE_FORM') return 'From the intake form';
  if (fact.source === 'INFERRED')
    return `Learned from ${fact.learnedFrom ?? 'your work in personaflow'} — a guess${fact.editable ? ' until you confirm it' : ''}`;
  if (!fact.createdBy || fact.createdBy.userId === myUserId) return 'You wrote this';
  return `${fact.createdBy.name} wrote this`;
}

/** "60% sure": only a guess has a confidence worth showing. */
export const confidenceText = (fact: MemoryFact): string | null => (fact.source === 'INFERRED' ? `${Math.round(fact.confidence * 100)}% sure` : null);
