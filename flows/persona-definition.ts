import { randomUUID } from 'node:crypto';
import type { Genkit } from 'genkit';
import { AppError } from '../lib/errors.js';
import { asDataLiteral } from '../lib/untrusted.js';
import { PERSONA_FIELDS, PersonaDraftSchema, PersonaSchema, type PersonaDraft, type PersonaField } from '../schemas/persona.js';
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
  reopenIfSaved,
  skipField,
  unconfirmedFields,
} from './persona-definition-reducers.js';
import { aiStep, parseFlowInput, streamReply } from './flow-steps.js';
import {
  runWizardTurn,
  undoTurn,
  type TurnContext,
  type TurnResult,
  type WizardDeps,
  type WizardSpec,
} from './wizard-engine.js';

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
    throw new AppError('model_output_invalid', 'The model returned persona fields that are not valid, so nothing was changed. Try again, or rephrase your message.', {
      reason: 'model_output_invalid',
      fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
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
  const { output } = await aiStep('suggest', () =>
    ai.prompt('persona/suggest')({ fields: fields.join(','), currentJson: asDataLiteral(state.persona) }),
  );
  return cleanModelDraft(output, fields);
}

async function writeReply(ctx: TurnContext<PersonaDefinitionState, PersonaDefinitionInput>, state: PersonaDefinitionState, event: Event, filled: PersonaField[]) {
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

async function personaTurn(ctx: TurnContext<PersonaDefinitionState, PersonaDefinitionInput>): Promise<TurnResult<PersonaDefinitionState>> {
  const { input, at } = ctx;
  let s = ctx.state;
  const phaseBefore = s.phase;
  const askedBefore = askingFor(s)[0];
  let event: Event | undefined;
  let filled: PersonaField[] = [];
  let parentId: string | null | undefined;
  let effects: TurnResult<PersonaDefinitionState>['effects'];

  if (input.patch) {
    const r = applyFields(s, input.patch, 'form', at);
    s = reopenIfSaved(r.state, r.changed);
    filled = r.changed;
    event = 'edited';
  }

  switch (input.action) {
    case undefined:
      break;
    case 'start':
      event = 'started';
      break;
    case 'next':
      s = moveTo(s, nextPhase(s.phase));
      event = 'moved';
      break;
    case 'back':
      s = moveTo(s, previousPhase(s.phase));
      event = 'moved';
      break;
    case 'undo':
      return undoTurn(ctx);
    case 'suggest': {
      const fields = askingFor(s);
      const draft = fields.length ? await suggestFields(ctx.ai, s, fields) : {};
      const r = applyFields(s, draft, 'model', at);
      s = r.state;
      filled = r.changed;
      event = 'suggested';
      break;
    }
    case 'confirm':
      s = confirmSuggestions(s, at).state;
      event = 'confirmed';
      break;
    case 'finalize': {
      const check = checkFinalize(s);
      if (!check.ok) {
        s = moveTo(s, 'review');
        event = 'incomplete';
        break;
      }
      const personaId = s.savedPersonaId ?? randomUUID();
      effects = [{ kind: 'savePersona', personaId, data: PersonaSchema.parse(s.persona), source: 'wizard' }];
      s = markSaved(s, personaId);
      event = 'saved';
      break;
    }
  }

  if (input.message !== undefined) {
    const message = input.message.trim();
    if (!message) {
      event = 'empty';
    } else {
      s = addMessage(s, 'user', message, at);
      const r = applyFields(s, await extractFields(ctx.ai, s, message), 'chat', at);
      s = reopenIfSaved(r.state, r.changed);
      filled = [...new Set([...filled, ...r.changed])];
      if (r.changed.length > 0) event = 'answered';
      else {
        // Nothing found while an optional field was asked: take it as "skip" and move on.
        const skipped = askedBefore ? skipField(s, askedBefore) : s;
        event = skipped === s ? 'unclear' : 'answered';
        s = skipped;
      }
    }
  }

  if (event === 'answered' || event === 'edited' || event === 'confirmed') s = advanceWhileComplete(s);
  if (ctx.isNew && !event) event = 'started';

  // A form edit only earns a chat reply when it changes what the assistant should ask next.
  const formOnly = event === 'edited' && input.message === undefined && input.action === undefined;
  if (formOnly && s.phase === phaseBefore && askingFor(s)[0] === askedBefore) return { state: s, reply: '', effects, parentId };

  const reply = await writeReply(ctx, s, event ?? 'answered', filled);
  s = addMessage(s, 'assistant', reply, at);
  return { state: s, reply, effects, parentId };
}

export const personaDefinitionSpec: WizardSpec<PersonaDefinitionState, PersonaPhase, PersonaDefinitionInput> = {
  flow: PERSONA_DEFINITION_FLOW,
  stateSchema: PersonaDefinitionStateSchema,
  initial: initialPersonaState,
  phase: (s) => s.phase,
  missing: (s) => missingRequired(s),
  done: (s) => s.phase === 'saved',
  title: (s) => s.persona.personName ?? null,
  turn: personaTurn,
};

export function definePersonaDefinitionFlow(ai: Genkit, deps: WizardDeps) {
  return ai.defineFlow(
    {
      name: PERSONA_DEFINITION_FLOW,
      inputSchema: PersonaDefinitionInputSchema,
      outputSchema: PersonaDefinitionOutputSchema,
      streamSchema: PersonaDefinitionOutputSchema.shape.reply,
    },
    async (rawInput, { sendChunk }) => {
      // Genkit validates with JSON Schema only; Zod's strictness, trimming and limits apply here.
      return runWizardTurn(ai, personaDefinitionSpec, deps, parseFlowInput(PersonaDefinitionInputSchema, rawInput), sendChunk);
    },
  );
}
