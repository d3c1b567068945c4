// The workspace memory a flow needs (the port): db/queries/memory.ts implements it, wired in
// server/services.ts. Flows see only this: they recall facts to start a form from, and record what
// a person said or chose as a guess (INFERRED), which never replaces a person's word.
import type { KnownMemoryKey } from '../schemas/memory.js';
import type { RecalledFact } from '../schemas/memory-prefill.js';

/** What a flow learned from what a person said or chose: always a guess, with how sure it is. */
export type LearnedFact = { key: KnownMemoryKey; value: string; confidence: number; learnedFrom: string };

export interface WorkspaceMemory {
  /** The workspace's live facts (expired ones count as absent). */
  recall(args: { workspaceId: string }): Promise<RecalledFact[]>;
  /** Records a guess; `written: false` when a person's word (or a live guess of the same value) is kept instead. */
  learn(args: { workspaceId: string; fact: LearnedFact }): Promise<{ written: boolean }>;
}
