// Pure reducers of the persona definition wizard: (state, input) → state. No I/O, no model.
import {
  EVIDENCE_QUOTE_MAX,
  isFilled,
  missingPersonaFields,
  PERSONA_FIELDS,
  REQUIRED_PERSONA_FIELDS,
  type PersonaDraft,
  type PersonaEvidence,
  type PersonaField,
  type PersonaPatch,
} from '../schemas/persona.js';
import { PERSONA_PHASES, PERSONA_TOPICS, type PersonaDefinitionState, type PersonaPhase } from '../schemas/persona-definition.js';
import type { ChatMessage, FieldSource } from '../schemas/wizard.js';

type TopicPhase = keyof typeof PERSONA_TOPICS;
const isTopic = (p: PersonaPhase): p is TopicPhase => p in PERSONA_TOPICS;
const isRequired = (f: PersonaField) => REQUIRED_PERSONA_FIELDS.includes(f);
/** A suggestion or a value from the workspace's memory: fills only empty fields and waits for a person's confirmation. */
const isGuess = (source: FieldSource) => source === 'model' || source === 'memory';

export function initialPersonaState(): PersonaDefinitionState {
  return { phase: 'who', persona: {}, origins: {}, messages: [], skipped: [] };
}

export function addMessage(state: PersonaDefinitionState, role: ChatMessage['role'], text: string, at: string): PersonaDefinitionState {
  return { ...state, messages: [...state.messages, { role, text, at }] };
}

function normaliseList(items: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    const key = item.toLowerCase();
    if (item && !seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/**
 * Writes values into the persona and records where each came from.
 * - form: the person typed it; replaces the value (null clears it).
 * - chat: taken from the person's message; replaces text, adds to lists.
 * - model: a suggestion; only fills empty fields and stays unconfirmed.
 * - memory: a fact the workspace's memory holds, filled in when a session starts; like a suggestion.
 */
export function applyFields(
  state: PersonaDefinitionState,
  values: PersonaDraft | PersonaPatch,
  source: FieldSource,
  at: string,
): { state: PersonaDefinitionState; changed: PersonaField[] } {
  const persona: PersonaDraft = { ...state.persona };
  const origins = { ...state.origins };
  const changed: PersonaField[] = [];
  for (const field of PERSONA_FIELDS) {
    if (!(field in values)) continue;
    const incoming = (values as Record<string, unknown>)[field];
    if (incoming === undefined) continue;
    if (incoming === null) {
      if (source === 'form' && isFilled(persona[field])) {
        delete persona[field];
        delete origins[field];
        changed.push(field);
      }
      continue;
    }
    if (isGuess(source) && isFilled(persona[field])) continue;
    let next: string | string[];
    if (field === 'painPoints') {
      const list = normaliseList(incoming as string[]);
      next = source === 'chat' ? normaliseList([...(persona.painPoints ?? []), ...list]) : list;
      if (next.length === 0) continue;
    } else {
      next = String(incoming).trim();
      if (!next) continue;
    }
    const before = JSON.stringify(persona[field]);
    (persona as Record<string, unknown>)[field] = next;
    const sameValue = before === JSON.stringify(next);
    // A form edit that leaves the value as it was still confirms a suggestion.
    if (sameValue && source !== 'form') continue;
    origins[field] = { source, confirmed: !isGuess(source), at };
    changed.push(field);
  }
  const skipped = state.skipped.filter((f) => !changed.includes(f));
  return { state: { ...state, persona, origins, skipped }, changed };
}

/** Keeps, with each field a chat message filled, the words of that message it rests on. */
export function quoteMessage(state: PersonaDefinitionState, fields: PersonaField[], message: string): PersonaDefinitionState {
  const origins = { ...state.origins };
  for (const field of fields) {
    const origin = origins[field];
    const quote = origin?.source === 'chat' && isFilled(state.persona[field]) ? quoteFor(message, state.persona[field]!) : undefined;
    if (origin && quote) origins[field] = { ...origin, quote };
  }
  return { ...state, origins };
}

export function confirmSuggestions(state: PersonaDefinitionState, at: string): { state: PersonaDefinitionState; confirmed: PersonaField[] } {
  const origins = { ...state.origins };
  const confirmed: PersonaField[] = [];
  for (const field of PERSONA_FIELDS) {
    const origin = origins[field];
    if (origin && !origin.confirmed) {
      origins[field] = { ...origin, confirmed: true, at };
      confirmed.push(field);
    }
  }
  return { state: { ...state, origins }, confirmed };
}

export function unconfirmedFields(state: PersonaDefinitionState): PersonaField[] {
  return PERSONA_FIELDS.filter((f) => state.origins[f] && !state.origins[f]!.confirmed);
}

export function missingRequired(state: PersonaDefinitionState): PersonaField[] {
  return missingPersonaFields(state.persona);
}

/** The empty fields of the current topic the assistant should ask about, required ones first. */
export function askingFor(state: PersonaDefinitionState): PersonaField[] {
  if (!isTopic(state.phase)) return state.phase === 'review' ? missingRequired(state) : [];
  const empty = PERSONA_TOPICS[state.phase].filter((f) => !isFilled(state.persona[f]));
  return [...empty.filter(isRequired), ...empty.filter((f) => !isRequired(f) && !state.skipped.includes(f))];
}

export function moveTo(state: PersonaDefinitionState, phase: PersonaPhase): PersonaDefinitionState {
  return { ...state, phase };
}

export function nextPhase(phase: PersonaPhase): PersonaPhase {
  if (phase === 'review' || phase === 'saved') return phase;
  return PERSONA_PHASES[PERSONA_PHASES.indexOf(phase) + 1]!;
}

export function previousPhase(phase: PersonaPhase): PersonaPhase {
  if (phase === 'saved') return 'review';
  return PERSONA_PHASES[Math.max(0, PERSONA_PHASES.indexOf(phase) - 1)]!;
}

/** The person answered without giving the optional field asked about: don't ask for it again. */
export function skipField(state: PersonaDefinitionState, field: PersonaField): PersonaDefinitionState {
  if (isRequired(field) || state.skipped.includes(field)) return state;
  return { ...state, skipped: [...state.skipped, field] };
}

/** Moves past every topic whose questions are all answered (or skipped), stopping at review. */
export function advanceWhileComplete(state: PersonaDefinitionState): PersonaDefinitionState {
  let s = state;
  while (isTopic(s.phase) && askingFor(s).length === 0) s = moveTo(s, nextPhase(s.phase));
  return s;
}

/** After a saved persona is edited, the wizard is back in review until it is saved again. */
export function reopenIfSaved(state: PersonaDefinitionState, changed: PersonaField[]): PersonaDefinitionState {
  return state.phase === 'saved' && changed.length > 0 ? moveTo(state, 'review') : state;
}

export type FinalizeCheck = { ok: true } | { ok: false; missing: PersonaField[]; unconfirmed: PersonaField[] };

export function checkFinalize(state: PersonaDefinitionState): FinalizeCheck {
  const missing = missingRequired(state);
  const unconfirmed = unconfirmedFields(state);
  return missing.length === 0 && unconfirmed.length === 0 ? { ok: true } : { ok: false, missing, unconfirmed };
}

/**
 * What each field of a wizard persona rests on, saved with it so the library shows what the wizard
 * showed: said in the chat (with the person's words), typed in the form, or a suggestion the person
 * confirmed. A long message is quoted by the sentence that holds the value, never cut.
 */
export function wizardEvidence(state: PersonaDefinitionState): PersonaEvidence {
  const evidence: PersonaEvidence = {};
  for (const field of PERSONA_FIELDS) {
    const origin = state.origins[field];
    if (!origin || !isFilled(state.persona[field])) continue;
    if (origin.source === 'model') {
      evidence[field] = { source: 'inference', ...(origin.confirmed ? { confirmed: true } : {}) };
      continue;
    }
    // What the workspace told personaflow about its own business, which the person confirmed here.
    if (origin.source === 'memory') {
      evidence[field] = { source: 'company' };
      continue;
    }
    // Sessions from before origins kept their quote still have the message in their state.
    const said = origin.source === 'chat' && !origin.quote ? state.messages.find((m) => m.role === 'user' && m.at === origin.at)?.text : undefined;
    const quote = origin.quote ?? (said && quoteFor(said, state.persona[field]!));
    evidence[field] = { source: 'description', ...(quote ? { quote } : {}) };
  }
  return evidence;
}

function quoteFor(message: string, value: string | string[]): string | undefined {
  const text = message.trim();
  if (text.length <= EVIDENCE_QUOTE_MAX) return text;
  const first = (Array.isArray(value) ? value[0]! : value).toLowerCase().slice(0, 24);
  const sentence = text.split(/(?<=[.!?])\s+|\n+/).find((s) => s.toLowerCase().includes(first));
  return sentence && sentence.length <= EVIDENCE_QUOTE_MAX ? sentence.trim() : undefined;
}

/** Saved as the next library version: the one after the version the session was based on (1 for a new persona). */
export function markSaved(state: PersonaDefinitionState, personaId: string): PersonaDefinitionState {
  const version = state.savedPersonaId === personaId ? (state.savedPersonaVersion ?? 0) + 1 : 1;
  return { ...state, phase: 'saved', savedPersonaId: personaId, savedPersonaVersion: version };
}

/** The library copy's version the session is now based on (its values were resolved against it). */
export function rebase(state: PersonaDefinitionState, libraryVersion: number): PersonaDefinitionState {
  return state.savedPersonaId ? { ...state, savedPersonaVersion: libraryVersion } : state;
}
