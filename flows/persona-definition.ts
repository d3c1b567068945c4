import { randomUUID } from 'node:crypto';
import type { Genkit } from 'genkit';
import { AppError } from '../lib/errors.js';
import { loggableText } from '../lib/loggable.js';
import { asDataLiteral } from '../lib/untrusted.js';
import { PERSONA_FIELD_LIMITS, PERSONA_FIELDS, PersonaDraftSchema, PersonaSchema, type PersonaDraft, type PersonaField } from '../schemas/persona.js';
import {
  PersonaDefinitionInputSchema,
  PersonaDefinitionOutputSchema,
  PersonaDefinitionStateSchema,
  type PersonaDefinitionInput,
  type PersonaDefinitionState,
  type PersonaPhase,
  type PersonaReplyInput,
} from '../schemas/persona-definition.js';
import {
  addMessage,
  advanceWhileComplete,
  applyFields,
  askingFor,
  checkFinalize,
  confirmSuggestions,
  initialPersonaState,
  markSaved,
  missingRequired,
  moveTo,
  nextPhase,
  previousPhase,
  rebase,
  reopenIfSaved,
  skipField,
  unconfirmedFields,
  quoteMessage,
  wizardEvidence,
} from './persona-definition-reducers.js';
import { aiStep, parseFlowInput, scoped, streamReply, type Unscoped } from './flow-steps.js';
import { learnedFromPersona, prefillPersona } from './persona-memory.js';
import type { WorkspaceMemory } from './workspace-memory.js';
import { phasedTurn, runWizardTurn, type TurnContext, type TurnDraft, type WizardDeps, type WizardSpec } from './wizard-engine.js';

export const PERSONA_DEFINITION_FLOW = 'personaDefinition';

type Event = PersonaReplyInput['event'];

/** Model output keeps only real persona fields with real values; anything else fails loudly. */
function cleanModelDraft(raw: unknown, allowed: readonly PersonaField[]): PersonaDraft {
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const kept: Record<string, unknown> = {};
  for (const field of allowed) {
    const raw = obj[field];
    const v = typeof raw === 'string' ? raw.trim() : Array.isArray(raw) ? raw.filter((x) => typeof x !== 'string' || x.trim() !== '') : raw;
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    kept[field] = v;
  }
  const parsed = PersonaDraftSchema.safeParse(kept);
  if (!parsed.success) {
    throw new AppError(
      'model_output_invalid',
      'The model returned persona fields that are not valid, so nothing was changed. Try again, or rephrase your message.',
      {
        reason: 'model_output_invalid',
        fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    );
  }
  return parsed.data;
}

async function extractFields(ai: Genkit, state: PersonaDefinitionState, message: string): Promise<PersonaDraft> {
  const { output } = await aiStep('extract', () =>
    ai.prompt('persona/extract')({
      phase: state.phase,
      askingFor: askingFor(state).join(','),
      currentJson: asDataLiteral(state.persona),
      messageJson: asDataLiteral(message),
    }),
  );
  return cleanModelDraft(output, PERSONA_FIELDS);
}

async function suggestFields(ai: Genkit, state: PersonaDefinitionState, fields: PersonaField[]): Promise<PersonaDraft> {
  const { output } = await aiStep('suggest', () => ai.prompt('persona/suggest')({ fields: fields.join(','), currentJson: asDataLiteral(state.persona) }));
  return cleanModelDraft(output, fields);
}

type Draft = TurnDraft<PersonaDefinitionState, Event>;

async function writeReply(ctx: TurnContext<PersonaDefinitionState, PersonaDefinitionInput>, state: PersonaDefinitionState, event: Event, filled: string[]) {
  const input = {
    phase: state.phase,
    event,
    filled: filled.join(','),
    askingFor: askingFor(state).join(','),
    unconfirmed: unconfirmedFields(state).join(','),
    missingRequired: missingRequired(state).join(','),
    currentJson: asDataLiteral(state.persona),
  };
  return streamReply(ctx, 'persona/reply', input);
}

const personaTurn = phasedTurn<PersonaDefinitionState, PersonaPhase, PersonaDefinitionInput, Event>({
  phase: (s) => s.phase,
  nextPhase,
  previousPhase,
  moveTo,
  askingNext: (s) => askingFor(s)[0],

  // Taking the library's values (a libraryVersion beside the patch) rebases the session on that version.
  begin: (ctx, s) => (ctx.input.libraryVersion !== undefined ? rebase(s, ctx.input.libraryVersion) : s),

  async applyPatch(ctx, d, patch) {
    const r = applyFields(d.state, patch, 'form', ctx.at);
    return { ...d, state: reopenIfSaved(r.state, r.changed), filled: r.changed };
  },

  async action(ctx, d, action): Promise<Draft> {
    const s = d.state;
    switch (action) {
      case 'suggest': {
        const fields = askingFor(s);
        const draft = fields.length ? await suggestFields(ctx.ai, s, fields) : {};
        const r = applyFields(s, draft, 'model', ctx.at);
        return { ...d, state: r.state, filled: r.changed, event: 'suggested' };
      }
      case 'confirm':
        return { ...d, state: confirmSuggestions(s, ctx.at).state, event: 'confirmed' };
      case 'finalize': {
        if (!checkFinalize(s).ok) return { ...d, state: moveTo(s, 'review'), event: 'incomplete' };
        const personaId = s.savedPersonaId ?? randomUUID();
        // A re-save carries the library version the session is based on: if the library moved on, the whole turn is refused.
        const baseVersion = s.savedPersonaId ? (s.savedPersonaVersion ?? null) : undefined;
        return {
          ...d,
          state: markSaved(s, personaId),
          event: 'saved',
          effects: [{ kind: 'savePersona', personaId, data: PersonaSchema.parse(s.persona), source: 'wizard', baseVersion, evidence: wizardEvidence(s) }],
        };
      }
    }
  },

  async message(ctx, d, message): Promise<Draft> {
    const askedBefore = askingFor(ctx.state)[0];
    let s = addMessage(d.state, 'user', message, ctx.at);
    const r = applyFields(s, await extractFields(ctx.ai, s, message), 'chat', ctx.at);
    s = reopenIfSaved(quoteMessage(r.state, r.changed, message), r.changed);
    const filled = [...new Set([...d.filled, ...r.changed])];
    if (r.changed.length > 0) return { ...d, state: s, filled, event: 'answered' };
    // An answer longer than its field holds is not cut to fit: the person is asked for a shorter one.
    if (askedBefore && message.trim().length > PERSONA_FIELD_LIMITS[askedBefore]) return { ...d, state: s, filled, event: 'tooLong' };
    // Nothing found while an optional field was asked: take it as "skip" and move on.
    const skipped = askedBefore ? skipField(s, askedBefore) : s;
    return { ...d, state: skipped, filled, event: skipped === s ? 'unclear' : 'answered' };
  },

  settle: (s, event) => (event === 'answered' || event === 'edited' || event === 'confirmed' ? advanceWhileComplete(s) : s),

  async reply(ctx, d) {
    const reply = await writeReply(ctx, d.state, d.event, d.filled);
    return { state: addMessage(d.state, 'assistant', reply, ctx.at), reply };
  },
});

export const personaDefinitionSpec: WizardSpec<PersonaDefinitionState, PersonaPhase, PersonaDefinitionInput> = {
  flow: PERSONA_DEFINITION_FLOW,
  stateSchema: PersonaDefinitionStateSchema,
  initial: initialPersonaState,
  phase: (s) => s.phase,
  missing: (s) => missingRequired(s),
  done: (s) => s.phase === 'saved',
  title: (s) => s.persona.personName ?? null,
  // The library does not undo: an undone turn keeps the session's link to its library persona and version.
  turn: async (ctx) => {
    const r = await personaTurn(ctx);
    const { savedPersonaId, savedPersonaVersion } = ctx.state;
    if (ctx.input.action !== 'undo' || !savedPersonaId) return r;
    return { ...r, state: { ...r.state, savedPersonaId, ...(savedPersonaVersion !== undefined ? { savedPersonaVersion } : {}) } };
  },
};

/** The wizard's dependencies; with `memory`, a new session starts from what memory knows and a save teaches it. */
export type PersonaDefinitionDeps = WizardDeps & { memory?: WorkspaceMemory };

/** The spec for a new session: its first state holds what memory can fill in, each field marked as from memory. */
async function startingFromMemory(ai: Genkit, memory: WorkspaceMemory, workspaceId: string, at: string): Promise<typeof personaDefinitionSpec> {
  const facts = await ai.run('recall-memory', () => memory.recall({ workspaceId }));
  return { ...personaDefinitionSpec, initial: () => prefillPersona(initialPersonaState(), facts, at) };
}

/** A saved persona's person-given values, remembered as guesses; a failure here never undoes the save. */
async function learnFromSave(ai: Genkit, memory: WorkspaceMemory, workspaceId: string, state: PersonaDefinitionState): Promise<void> {
  const facts = learnedFromPersona(state);
  if (!facts.length) return;
  try {
    await ai.run('learn-into-memory', () => Promise.all(facts.map((fact) => memory.learn({ workspaceId, fact }))));
  } catch (err) {
    console.error(loggableText(`persona wizard: could not remember what the saved persona taught (${err instanceof Error ? err.message : String(err)})`));
  }
}

export function definePersonaDefinitionFlow(ai: Genkit, wired: Unscoped<PersonaDefinitionDeps>) {
  return ai.defineFlow(
    {
      name: PERSONA_DEFINITION_FLOW,
      inputSchema: PersonaDefinitionInputSchema,
      outputSchema: PersonaDefinitionOutputSchema,
      streamSchema: PersonaDefinitionOutputSchema.shape.reply,
    },
    async (rawInput, { sendChunk, context }) => {
      // Genkit validates with JSON Schema only; Zod's strictness, trimming and limits apply here.
      const input = parseFlowInput(PersonaDefinitionInputSchema, rawInput);
      const deps = scoped(wired, context).deps;
      const { memory, workspaceId } = deps;
      const at = (deps.now?.() ?? new Date()).toISOString();
      const spec = memory && !input.sessionId ? await startingFromMemory(ai, memory, workspaceId, at) : personaDefinitionSpec;
      const out = await runWizardTurn(ai, spec, deps, input, sendChunk);
      if (memory && input.action === 'finalize' && out.done) await learnFromSave(ai, memory, workspaceId, out.state);
      return out;
    },
  );
}
