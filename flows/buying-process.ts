import type { Genkit } from 'genkit';
import { AppError } from '../lib/errors.js';
import { asDataLiteral } from '../lib/untrusted.js';
import {
  BuyingProcessInputSchema,
  BuyingProcessModelExtractSchema,
  BuyingProcessOutputSchema,
  BuyingProcessSessionStateSchema,
  type BuyingPhase,
  type BuyingProcessInput,
  type BuyingProcessModelExtract,
  type BuyingProcessReplyInput,
  type BuyingProcessSessionState,
  type BuyingProcessState,
  type BuyingStage,
  PERSONA_NAME_MAX,
  PERSONA_PAINS_MAX,
  STAGE_FIELD_LIMITS,
  STAGE_FIELDS,
} from '../schemas/buying-process.js';
import type { SavedPersona } from '../schemas/persona.js';
import { LIBRARY_REFERENCE, libraryPersonaIn } from './library-persona.js';
import {
  addMessage,
  advanceWhileComplete,
  asking,
  complete,
  describeAsking,
  initialBuyingState,
  moveTo,
  nextPhase,
  previousPhase,
  problems,
  reopen,
  setPersona,
  setStageDetails,
  setStageNames,
  setStages,
  setSummary,
  useStandardStages,
} from './buying-process-reducers.js';
import { aiStep, parseFlowInput, scoped, streamReply, type Unscoped } from './flow-steps.js';
import { phasedTurn, runWizardTurn, type TurnContext, type TurnDraft, type TurnResult, type WizardDeps, type WizardSpec } from './wizard-engine.js';

export const BUYING_PROCESS_FLOW = 'buyingProcess';

type State = BuyingProcessSessionState;
type Ctx = TurnContext<State, BuyingProcessInput>;
type Event = BuyingProcessReplyInput['event'];

export type BuyingProcessDeps = WizardDeps & {
  /** Reads a persona of the library, to link a map to it. */
  getPersona(args: { workspaceId: string; id: string }): Promise<SavedPersona>;
  /** The persona library, to link a persona the person names in the chat. */
  listPersonas(args: { workspaceId: string }): Promise<SavedPersona[]>;
};

const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

async function extract(ai: Genkit, state: State, message: string): Promise<BuyingProcessModelExtract> {
  const a = asking(state);
  const { output } = await aiStep('extract', () =>
    ai.prompt('buying-process/extract')({
      phase: state.phase,
      asking: describeAsking(a),
      stageName: a.kind === 'stage' ? (state.map.buying_stages[a.index]?.stage_name ?? '') : '',
      mapJson: asDataLiteral(state.map),
      messageJson: asDataLiteral(message),
    }),
  );
  const parsed = BuyingProcessModelExtractSchema.safeParse(output ?? {});
  if (!parsed.success) {
    throw new AppError('model_output_invalid', 'The model returned details that are not valid, so nothing was changed. Try again, or rephrase your message.', {
      reason: 'model_output_invalid',
    });
  }
  return parsed.data;
}

/** Applies what the message said; returns the fields it filled, and those whose answer was too long to take. */
function applyExtract(state: State, x: BuyingProcessModelExtract, at: string): { state: State; filled: string[]; tooLong: string[] } {
  let s = state;
  const filled: string[] = [];
  const tooLong: string[] = [];
  const persona = { persona_name: clean(x.persona_name), persona_pain_points: clean(x.persona_pain_points) };
  // Over their limits: not taken (and said so), never cut.
  if (persona.persona_name && persona.persona_name.length > PERSONA_NAME_MAX) {
    tooLong.push('persona_name');
    persona.persona_name = '';
  }
  if (persona.persona_pain_points && persona.persona_pain_points.length > PERSONA_PAINS_MAX) {
    tooLong.push('persona_pain_points');
    persona.persona_pain_points = '';
  }
  if (persona.persona_name || persona.persona_pain_points) {
    s = setPersona(s, Object.fromEntries(Object.entries(persona).filter(([, v]) => v)), at);
    filled.push(...Object.keys(persona).filter((k) => persona[k as keyof typeof persona]));
  }
  let names = (x.stage_names ?? []).map((n) => n.trim()).filter(Boolean);
  // A stage name longer than a stage name holds is not a list the person wrote: asked again, never cut.
  if (names.some((n) => n.length > STAGE_FIELD_LIMITS.stage_name)) {
    tooLong.push('stage_name');
    names = [];
  } else if (names.length) {
    s = setStageNames(s, names, at);
    filled.push('buying_stages');
  }
  if (!names.length && !tooLong.length && x.stage_choice === 'standard') {
    s = useStandardStages(s, x.optional_stages ?? [], at);
    filled.push('buying_stages');
  }
  if (x.stage) {
    const a = asking(s);
    const index = a.kind === 'stage' ? a.index : 0;
    const fits = Object.entries(x.stage).filter(([field, value]) => {
      const limit = STAGE_FIELD_LIMITS[field as keyof typeof STAGE_FIELD_LIMITS];
      if (typeof value === 'string' && limit && value.trim().length > limit) {
        tooLong.push(field);
        return false;
      }
      return true;
    });
    const r = setStageDetails(s, index, Object.fromEntries(fits), at);
    s = r.state;
    filled.push(...r.filled);
  }
  return { state: s, filled, tooLong };
}

type Journey = Pick<BuyingProcessState, 'persona_name' | 'persona_pain_points' | 'buying_stages'>;

/** The AI summary of a buying-process map (source document 002, phase 5), a named step in the turn's trace. */
export function summarizeJourney(ai: Genkit, journey: Journey): Promise<{ summary: string }> {
  return ai.run('summarize-buying-journey', journey, async () => {
    if (journey.buying_stages.length === 0) {
      throw new Error('There are no buying stages to summarize yet: add at least one stage first.');
    }
    const response = await ai.prompt('buying-process/summary')({ journeyJson: asDataLiteral(journey) });
    const summary = response.text.trim();
    if (!summary) throw new Error('The model returned an empty summary.');
    return { summary };
  });
}

async function summarize(ai: Genkit, state: State, at: string): Promise<State> {
  if (state.map.buying_stages.length === 0) {
    throw new AppError('invalid', 'Add at least one buying stage before asking for a summary.');
  }
  const { summary } = await aiStep('summary', () =>
    summarizeJourney(ai, {
      persona_name: state.map.persona_name,
      persona_pain_points: state.map.persona_pain_points,
      buying_stages: state.map.buying_stages,
    }),
  );
  return setSummary(state, summary, at);
}

async function writeReply(ctx: Ctx, s: State, event: Event, filled: string[], library: string[]): Promise<string> {
  const a = asking(s);
  const stage = a.kind === 'stage' ? s.map.buying_stages[a.index] : undefined;
  const input: BuyingProcessReplyInput = {
    phase: s.phase,
    event,
    filled: filled.join(','),
    asking: describeAsking(a),
    stageName: stage?.stage_name ?? '',
    stageNumber: a.kind === 'stage' ? String(a.index + 1) : '',
    stageCount: String(s.map.buying_stages.length),
    problems: event === 'incomplete' ? problems(s.map).join('; ') : '',
    personaName: s.map.persona_name,
    library: event === 'not_in_library' ? library.join('; ') : '',
    mapJson: asDataLiteral(s.map),
  };
  return streamReply(ctx, 'buying-process/reply', input);
}

/** Which columns a table edit changed; 'buying_stages' when stages were added, removed or renamed. */
function changedStageFields(before: BuyingStage[], after: BuyingStage[]): string[] {
  if (before.length !== after.length || before.some((s, i) => s.stage_name !== after[i]!.stage_name)) return ['buying_stages'];
  const fields = new Set<string>();
  before.forEach((s, i) => {
    for (const f of STAGE_FIELDS) if (s[f] !== after[i]![f]) fields.add(f);
  });
  return [...fields];
}

type Draft = TurnDraft<State, Event>;

/** The map follows a library persona: linked by id, its name and pain points copied. */
const linkPersona = (s: State, persona: SavedPersona, at: string) =>
  setPersona(s, { persona_id: persona.id, persona_name: persona.data.personName, persona_pain_points: persona.data.painPoints.join('; ') }, at);

const PERSONA_QUESTIONS = new Set(['persona_name', 'persona_pain_points', 'persona_done']);

function buyingProcessTurn(deps: BuyingProcessDeps) {
  return phasedTurn<State, BuyingPhase, BuyingProcessInput, Event>({
    phase: (s) => s.phase,
    nextPhase,
    previousPhase,
    moveTo,
    askingNext: asking,

    // Any answer after the introduction starts the persona step ('next' makes that move itself).
    begin: ({ input }, s) =>
      s.phase === 'intro' && (input.message !== undefined || input.patch || (input.action && !['start', 'next'].includes(input.action)))
        ? moveTo(s, 'persona')
        : s,

    async applyPatch(ctx, d, p) {
      const { at } = ctx;
      let s = d.state;
      const filled = [...d.filled];
      if (p.persona_id !== undefined) {
        if (p.persona_id === null) s = setPersona(s, { persona_id: null }, at);
        else {
          s = linkPersona(s, await deps.getPersona({ workspaceId: deps.workspaceId, id: p.persona_id }), at);
          filled.push('persona_name', 'persona_pain_points');
        }
      }
      const typed = { persona_name: p.persona_name, persona_pain_points: p.persona_pain_points };
      const typedKeys = Object.keys(typed).filter((k) => typed[k as keyof typeof typed] !== undefined);
      if (typedKeys.length) {
        s = setPersona(s, Object.fromEntries(typedKeys.map((k) => [k, typed[k as keyof typeof typed]])), at);
        filled.push(...typedKeys);
      }
      if (p.buying_stages) {
        filled.push(...changedStageFields(s.map.buying_stages, p.buying_stages));
        s = setStages(s, p.buying_stages, at);
      }
      if (p.ai_generated_summary !== undefined) {
        s = setSummary(s, p.ai_generated_summary, at);
        filled.push('ai_generated_summary');
      }
      return { ...d, state: s, filled };
    },

    async action(ctx, d, action): Promise<Draft> {
      const { at } = ctx;
      const s = d.state;
      switch (action) {
        case 'standard_stages':
          // New stages need their details next, wherever the conversation was.
          return { ...d, state: moveTo(useStandardStages(s, [], at), 'stages'), filled: [...d.filled, 'buying_stages'], event: 'answered' };
        case 'summarize':
          return { ...d, state: await summarize(ctx.ai, s, at), event: 'summarized' };
        case 'finalize':
          return problems(s.map).length > 0 ? { ...d, state: moveTo(s, 'review'), event: 'incomplete' } : { ...d, state: complete(s, at), event: 'completed' };
        case 'reopen':
          return { ...d, state: moveTo(reopen(s, at), 'persona'), event: 'reopened' };
      }
    },

    async message(ctx, d, message): Promise<Draft> {
      const { at } = ctx;
      let s = addMessage(d.state, 'user', message, at);
      // A persona named from the library is linked as the picker links it, never typed in as a new name.
      const referred = LIBRARY_REFERENCE.test(message);
      if (referred || PERSONA_QUESTIONS.has(asking(s).kind)) {
        const library = await deps.listPersonas({ workspaceId: deps.workspaceId });
        const persona = libraryPersonaIn(message, library);
        if (persona) {
          s = linkPersona(s, persona, at);
          return { ...d, state: s, filled: [...new Set([...d.filled, 'persona_name', 'persona_pain_points'])], event: 'linked' };
        }
        if (referred && PERSONA_QUESTIONS.has(asking(s).kind)) return { ...d, state: s, event: 'not_in_library' };
      }
      const x = await extract(ctx.ai, s, message);
      const r = applyExtract(s, x, at);
      s = r.state;
      const filled = [...new Set([...d.filled, ...r.filled])];
      if (x.wants_summary && (s.phase === 'summary' || s.phase === 'review'))
        return { ...d, state: await summarize(ctx.ai, s, at), filled, event: 'summarized' };
      if (r.filled.length > 0) return { ...d, state: s, filled, event: 'answered' };
      if (r.tooLong.length > 0) return { ...d, state: s, filled, event: 'tooLong' };
      // Declining the summary moves on to the review.
      if (s.phase === 'summary') return { ...d, state: moveTo(s, 'review'), filled, event: 'moved' };
      return { ...d, state: s, filled, event: 'unclear' };
    },

    settle: (s, event) => (event === 'answered' || event === 'linked' || event === 'edited' || event === 'summarized' ? advanceWhileComplete(s) : s),

    async reply(ctx, d) {
      const library = d.event === 'not_in_library' ? (await deps.listPersonas({ workspaceId: deps.workspaceId })).map((p) => p.data.personName) : [];
      const reply = await writeReply(ctx, d.state, d.event, d.filled, library);
      return { state: addMessage(d.state, 'assistant', reply, ctx.at), reply };
    },
  });
}

/** A map's content, as versions compare it (when it was last touched is not content). */
const content = ({ last_updated_at: _, ...map }: BuyingProcessState) => JSON.stringify(map);

/**
 * Every commit writes the map beside the snapshot. A turn that changes the map's content makes its
 * next version, based on the version the session holds (or the libraryVersion the person resolved a
 * conflict against); the store refuses it if the library copy moved on. Undo changes content too.
 */
function withMapVersion(turn: (ctx: Ctx) => Promise<TurnResult<State>>) {
  return async (ctx: Ctx): Promise<TurnResult<State>> => {
    const r = await turn(ctx);
    if (ctx.isNew) return { ...r, state: { ...r.state, mapVersion: 1 }, effects: [{ kind: 'saveBuyingProcessMap', phase: r.state.phase, map: r.state.map }] };
    const base = ctx.input.libraryVersion ?? ctx.state.mapVersion ?? 1;
    const changed = ctx.input.libraryVersion !== undefined || content(ctx.state.map) !== content(r.state.map);
    return {
      ...r,
      state: { ...r.state, mapVersion: changed ? base + 1 : base },
      effects: [{ kind: 'saveBuyingProcessMap', phase: r.state.phase, map: r.state.map, baseVersion: base, changed }],
    };
  };
}

export function buyingProcessSpec(deps: BuyingProcessDeps): WizardSpec<State, BuyingPhase, BuyingProcessInput> {
  return {
    flow: BUYING_PROCESS_FLOW,
    stateSchema: BuyingProcessSessionStateSchema,
    initial: () => initialBuyingState(new Date().toISOString()),
    phase: (s) => s.phase,
    missing: (s) => problems(s.map),
    done: (s) => s.map.status === 'completed',
    title: (s) => s.map.persona_name || null,
    turn: withMapVersion(buyingProcessTurn(deps)),
  };
}

export function defineBuyingProcessFlow(ai: Genkit, wired: Unscoped<BuyingProcessDeps>) {
  return ai.defineFlow(
    {
      name: BUYING_PROCESS_FLOW,
      inputSchema: BuyingProcessInputSchema,
      outputSchema: BuyingProcessOutputSchema,
      streamSchema: BuyingProcessOutputSchema.shape.reply,
    },
    async (rawInput, { sendChunk, context }) => {
      const input = parseFlowInput(BuyingProcessInputSchema, rawInput);
      const deps = scoped(wired, context).deps;
      return runWizardTurn(ai, buyingProcessSpec(deps), deps, input, sendChunk);
    },
  );
}
