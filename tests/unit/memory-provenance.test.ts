import { describe, expect, test } from 'vitest';
import type { MemoryFact } from '../../schemas/memory.js';
import { confidenceText, provenance } from '../../ui/src/features/memory/components/provenance.js';

// What the Memory page says about where a fact came from, in words a person reads.

const fact = (over: Partial<MemoryFact>): MemoryFact => ({
  key: 'market',
  label: 'Market',
  value: 'UK e-commerce',
  source: 'USER_PROVIDED',
  confidence: 1,
  visible: true,
  editable: true,
  expiresAt: null,
  expired: false,
  learnedFrom: null,
  createdBy: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  version: 1,
  ...over,
});

describe('memory provenance', () => {
  test('a person’s word: "You wrote this" for the local user and for oneself, the writer’s name for someone else', () => {
    expect(provenance(fact({}), null)).toBe('You wrote this');
    expect(provenance(fact({ createdBy: { userId: 'u1', name: 'Ann A' } }), 'u1')).toBe('You wrote this');
    expect(provenance(fact({ createdBy: { userId: 'u1', name: 'Ann A' } }), 'u2')).toBe('Ann A wrote this');
    expect(provenance(fact({ source: 'INTAKE_FORM' }), null)).toBe('From the intake form');
    expect(confidenceText(fact({}))).toBeNull();
  });

  test('a guess says where it was learned and how sure it is; one that cannot be edited does not ask to be confirmed', () => {
    const guess = fact({ source: 'INFERRED', confidence: 0.625, learnedFrom: 'the persona wizard' });
    expect(provenance(guess, null)).toBe('Learned from the persona wizard — a guess until you confirm it');
    expect(confidenceText(guess)).toBe('63% sure');
    expect(provenance(fact({ source: 'INFERRED', confidence: 0.3, editable: false }), null)).toBe('Learned from your work in personaflow — a guess');
  });
});
