// The email tone a workspace keeps choosing, learned into memory as `email.tone` (a guess): from
// the tones of the drafts people accepted and of the campaigns whose samples they approved.
import type { LearnedFact, WorkspaceMemory } from './workspace-memory.js';

/** How many of the latest choices count. */
export const TONE_HABIT_WINDOW = 5;
/** A tone chosen fewer times than this among them is not a habit yet. */
export const TONE_HABIT_MIN_PICKS = 2;
/** A habit is still a guess: never certain, however often the tone was chosen. */
const MAX_CONFIDENCE = 0.9;

/**
 * The tone chosen most often among the latest choices (newest first), if chosen at least twice; a
 * tie goes to the one chosen most recently. Confidence: its share of the window, two decimals.
 */
export function toneHabit(latestFirst: readonly string[]): { value: string; confidence: number } | null {
  const window = latestFirst
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, TONE_HABIT_WINDOW);
  const counts = new Map<string, { value: string; count: number }>();
  // Newest first, so the spelling kept is the latest one and Map order breaks ties by recency.
  for (const tone of window) {
    const key = tone.toLowerCase();
    const seen = counts.get(key);
    counts.set(key, { value: seen?.value ?? tone, count: (seen?.count ?? 0) + 1 });
  }
  let best: { value: string; count: number } | null = null;
  for (const c of counts.values()) if (!best || c.count > best.count) best = c;
  if (!best || best.count < TONE_HABIT_MIN_PICKS) return null;
  return { value: best.value, confidence: Math.min(MAX_CONFIDENCE, Math.round((best.count / TONE_HABIT_WINDOW) * 100) / 100) };
}

export type ToneLearnerDeps = {
  memory: WorkspaceMemory;
  /** The tones people chose lately (accepted drafts, approved campaigns), newest first. */
  recentTones(args: { workspaceId: string; limit: number }): Promise<string[]>;
};

/** After a person chose a tone (accepted a draft, approved a campaign): remembers the habit, if there is one. */
export function createToneLearner(deps: ToneLearnerDeps) {
  return async function learnEmailTone({ workspaceId }: { workspaceId: string }): Promise<{ written: boolean; fact: LearnedFact | null }> {
    const habit = toneHabit(await deps.recentTones({ workspaceId, limit: TONE_HABIT_WINDOW }));
    if (!habit) return { written: false, fact: null };
    const fact: LearnedFact = { key: 'email.tone', ...habit, learnedFrom: 'the tones you chose for emails' };
    return { ...(await deps.memory.learn({ workspaceId, fact })), fact };
  };
}
export type LearnEmailTone = ReturnType<typeof createToneLearner>;
