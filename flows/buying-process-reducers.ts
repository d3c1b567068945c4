// Pure reducers of the buying-process mapping wizard. No I/O, no model.
import {
  BUYER_FIELDS,
  BUYING_PHASES,
  MAX_STAGES,
  OPTIONAL_STAGES,
  SELLER_FIELDS,
  STAGE_FIELD_LABELS,
  STANDARD_STAGES,
  type BuyingPhase,
  type BuyingProcessSessionState,
  type BuyingProcessState,
  type BuyingStage,
  type StageField,
} from '../schemas/buying-process.js';
import type { ChatMessage } from '../schemas/wizard.js';

type State = BuyingProcessSessionState;

export function initialBuyingState(at: string): State {
  return {
    phase: 'intro',
    map: { persona_id: null, persona_name: '', persona_pain_points: '', buying_stages: [], status: 'in_progress', last_updated_at: at },
    messages: [],
  };
}

export function addMessage(state: State, role: ChatMessage['role'], text: string, at: string): State {
  return { ...state, messages: [...state.messages, { role, text, at }] };
}

function withMap(state: State, map: Partial<BuyingProcessState>, at: string): State {
  const next = { ...state.map, ...map, last_updated_at: at };
  // Changing a completed map makes it a draft again until it is completed once more.
  const changed = JSON.stringify({ ...next, last_updated_at: '' }) !== JSON.stringify({ ...state.map, last_updated_at: '' });
  if (changed && state.map.status === 'completed' && map.status === undefined) next.status = 'in_progress';
  return { ...state, map: next };
}

export function emptyStage(stage_name: string): BuyingStage {
  return { stage_name, buyer_actions: '', duration: '', key_influencers: '', seller_actions: '', content_type: '', key_message: '' };
}

export function setPersona(state: State, persona: { persona_id?: string | null; persona_name?: string; persona_pain_points?: string }, at: string): State {
  return withMap(state, persona, at);
}

/** Replaces the stage list; stages keep their details when their name is kept. */
export function setStages(state: State, stages: BuyingStage[], at: string): State {
  return withMap(state, { buying_stages: stages.slice(0, MAX_STAGES) }, at);
}

export function setStageNames(state: State, names: string[], at: string): State {
  const byName = new Map(state.map.buying_stages.map((s) => [s.stage_name.toLowerCase(), s]));
  const unique = names.map((n) => n.trim()).filter((n, i, all) => n && all.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i);
  return setStages(
    state,
    unique.map((n) => ({ ...(byName.get(n.toLowerCase()) ?? emptyStage(n)), stage_name: n })),
    at,
  );
}

export function useStandardStages(state: State, optional: string[], at: string): State {
  const extras = OPTIONAL_STAGES.filter((o) => optional.some((x) => x.toLowerCase() === o.toLowerCase()));
  return setStageNames(state, [...STANDARD_STAGES, ...extras], at);
}

export function setStageDetails(state: State, index: number, details: Partial<Record<StageField, string>>, at: string): { state: State; filled: StageField[] } {
  const stage = state.map.buying_stages[index];
  if (!stage) return { state, filled: [] };
  const filled: StageField[] = [];
  const next = { ...stage };
  for (const [field, value] of Object.entries(details) as Array<[StageField, string | undefined]>) {
    if (field === 'stage_name' || value === undefined || !value.trim()) continue;
    next[field] = value.trim();
    filled.push(field);
  }
  const stages = state.map.buying_stages.map((s, i) => (i === index ? next : s));
  return { state: withMap(state, { buying_stages: stages }, at), filled };
}

const missingOf = (stage: BuyingStage, fields: readonly StageField[]) => fields.filter((f) => !stage[f].trim());

/** What the assistant should ask about next. */
export type Asking =
  | { kind: 'persona_name' | 'persona_pain_points' | 'persona_done' | 'stage_choice' | 'summary' | 'review' }
  | { kind: 'stage'; index: number; fields: StageField[] };

export function asking(state: State): Asking {
  const { map } = state;
  switch (state.phase) {
    case 'intro':
    case 'persona':
      if (!map.persona_name.trim()) return { kind: 'persona_name' };
      if (!map.persona_pain_points.trim()) return { kind: 'persona_pain_points' };
      // Back on a finished persona (e.g. after reopening): invite changes rather than re-asking.
      return map.buying_stages.length > 0 ? { kind: 'persona_done' } : { kind: 'stage_choice' };
    case 'stages':
    case 'alignment': {
      if (map.buying_stages.length === 0) return { kind: 'stage_choice' };
      const fields = state.phase === 'stages' ? BUYER_FIELDS : SELLER_FIELDS;
      const index = map.buying_stages.findIndex((s) => missingOf(s, fields).length > 0);
      if (index >= 0) return { kind: 'stage', index, fields: missingOf(map.buying_stages[index]!, fields) };
      return { kind: 'summary' };
    }
    case 'summary':
      return { kind: 'summary' };
    case 'review':
      return { kind: 'review' };
  }
}

export function describeAsking(a: Asking): string {
  return a.kind === 'stage' ? a.fields.join(',') : a.kind;
}

function phaseComplete(state: State): boolean {
  const { map } = state;
  switch (state.phase) {
    case 'intro':
      return true;
    case 'persona':
      return Boolean(map.persona_name.trim() && map.persona_pain_points.trim());
    case 'stages':
      return map.buying_stages.length > 0 && map.buying_stages.every((s) => missingOf(s, BUYER_FIELDS).length === 0);
    case 'alignment':
      return map.buying_stages.length > 0 && map.buying_stages.every((s) => missingOf(s, SELLER_FIELDS).length === 0);
    case 'summary':
      return Boolean(map.ai_generated_summary);
    case 'review':
      return false;
  }
}

export function moveTo(state: State, phase: BuyingPhase): State {
  return { ...state, phase };
}

export function nextPhase(phase: BuyingPhase): BuyingPhase {
  return BUYING_PHASES[Math.min(BUYING_PHASES.length - 1, BUYING_PHASES.indexOf(phase) + 1)]!;
}

export function previousPhase(phase: BuyingPhase): BuyingPhase {
  return BUYING_PHASES[Math.max(1, BUYING_PHASES.indexOf(phase) - 1)]!;
}

/** Moves past every phase whose questions are answered, stopping at review. */
export function advanceWhileComplete(state: State): State {
  let s = state;
  while (s.phase !== 'review' && phaseComplete(s)) s = moveTo(s, nextPhase(s.phase));
  return s;
}

/** Everything that stops the map being completed, in words a person can act on. */
export function problems(map: BuyingProcessState): string[] {
  const out: string[] = [];
  if (!map.persona_name.trim()) out.push('Persona name');
  if (!map.persona_pain_points.trim()) out.push('Persona pain points');
  if (map.buying_stages.length === 0) out.push('At least one buying stage');
  const names = new Set<string>();
  for (const stage of map.buying_stages) {
    const key = stage.stage_name.trim().toLowerCase();
    if (!key) out.push('A stage without a name');
    else if (names.has(key)) out.push(`${stage.stage_name}: the name is used twice`);
    names.add(key);
    const missing = missingOf(stage, [...BUYER_FIELDS, ...SELLER_FIELDS]);
    if (missing.length) out.push(`${stage.stage_name || 'Unnamed stage'}: ${missing.map((f) => STAGE_FIELD_LABELS[f].toLowerCase()).join(', ')}`);
  }
  return out;
}

export function complete(state: State, at: string): State {
  return moveTo(withMap(state, { status: 'completed' }, at), 'review');
}

export function reopen(state: State, at: string): State {
  return withMap(state, { status: 'in_progress' }, at);
}

export function setSummary(state: State, summary: string, at: string): State {
  return withMap(state, { ai_generated_summary: summary }, at);
}
