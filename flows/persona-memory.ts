// What the persona wizard takes from the workspace's memory and what it teaches it. Pure: the flow
// does the reading and writing through its WorkspaceMemory port.
import { isFilled } from '../schemas/persona.js';
import { prefillFrom, type RecalledFact } from '../schemas/memory-prefill.js';
import type { PersonaDefinitionState } from '../schemas/persona-definition.js';
import type { PersonaField } from '../schemas/persona.js';
import { applyFields } from './persona-definition-reducers.js';
import type { LearnedFact } from './workspace-memory.js';

/**
 * How sure the guess "the workspace's market is this persona's industry" is: a person named the
 * industry of one buyer; the workspace may sell into more than one.
 */
export const MARKET_FROM_PERSONA_CONFIDENCE = 0.5;

/** A new session's state with the fields memory can fill: each marked as from memory, unconfirmed. */
export function prefillPersona(state: PersonaDefinitionState, facts: readonly RecalledFact[], at: string): PersonaDefinitionState {
  const fields = prefillFrom('personaWizard', facts);
  const values = Object.fromEntries(Object.entries(fields).map(([field, f]) => [field, f.value]));
  const r = applyFields(state, values, 'memory', at);
  const origins = { ...r.state.origins };
  for (const field of r.changed) origins[field] = { ...origins[field]!, memoryKey: fields[field]!.from.key };
  return { ...r.state, origins };
}

/** Fields a person gave (said in the chat or typed), never a suggestion or a value memory gave. */
const personGave = (state: PersonaDefinitionState, field: PersonaField) => {
  const source = state.origins[field]?.source;
  return (source === 'chat' || source === 'form') && isFilled(state.persona[field]);
};

/** What a saved persona teaches memory: the industry its buyer works in, as the workspace's market. */
export function learnedFromPersona(state: PersonaDefinitionState): LearnedFact[] {
  if (!personGave(state, 'industry')) return [];
  const name = state.persona.personName;
  return [
    {
      key: 'market',
      value: state.persona.industry!,
      confidence: MARKET_FROM_PERSONA_CONFIDENCE,
      learnedFrom: name ? `the persona wizard (“${name}”)` : 'the persona wizard',
    },
  ];
}
