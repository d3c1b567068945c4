// A scripted "model" for personaflow's persona prompts, shared by every fake provider.
// It recognises the prompt by the `[task:...]` line of the system instruction, reads the
// "Turn facts" and the fenced data blocks, and answers like a well-behaved LLM would:
// JSON for persona/extract and persona/suggest, one or two plain sentences for persona/reply.
import type { FakeReply, ModelCall, Responder } from './common.js';
import { promptTask } from '../../../models/prompt-task.js';

export type PersonaTask = 'persona/extract' | 'persona/suggest' | 'persona/reply';

export type ScriptedCall = ModelCall & { task: string; facts: Record<string, string>; blocks: Record<string, string> };

/** What the scripted model extracts from a chat message (the message as the user typed it). */
export const EXTRACTIONS: Record<string, Record<string, unknown>> = {
  'Enterprise CMO': { personName: 'Enterprise CMO' },
  "She's the VP of Marketing at a Series B fintech with 200-500 employees": {
    title: 'VP of Marketing',
    seniority: 'VP',
    industry: 'Fintech',
    companySize: '200-500 employees',
    company: 'Series B fintech',
  },
  'Owns brand and demand gen': { role: 'Owns brand and demand generation' },
  'Grow pipeline': { coreGoal: 'Grow qualified pipeline' },
};

const SUGGESTIONS: Record<string, unknown> = {
  personName: 'Growth-stage marketing leader',
  title: 'Chief Marketing Officer',
  role: 'Owns brand, demand generation and marketing budget',
  seniority: 'C-level',
  coreGoal: 'Turn marketing spend into predictable pipeline',
  painPoints: ['Attribution across channels is unreliable', 'Too many disconnected tools'],
  needForOurProduct: 'One view of campaign ROI the board trusts',
  potentialPitch: 'See which campaigns create pipeline, in one place, without a data team.',
  industry: 'B2B SaaS',
  companySize: '200-1000 employees',
  company: 'Series B software company',
};

const QUESTIONS: Record<string, string> = {
  personName: 'Who is this persona: a name or an archetype, like "Enterprise CMO"?',
  title: 'What is their job title?',
  role: 'What do they do day to day?',
  seniority: 'How senior are they? You can skip this one.',
  coreGoal: 'What is the main thing they are trying to achieve?',
  painPoints: 'What problems keep them up at night?',
  needForOurProduct: 'What do they want from your product?',
  potentialPitch: 'Is there a pitch that would land with them? You can skip this one.',
  industry: 'Which industry is their company in?',
  companySize: 'How big is their company?',
  company: 'What kind of company is it? You can skip this one.',
};

/** Reads the task, the "- key: value" facts and the <name>...</name> blocks of a prompt. */
export function parseCall(call: ModelCall): ScriptedCall {
  const all = `${call.system}\n${call.user}`;
  const task = promptTask(call.system) ?? '';
  const facts: Record<string, string> = {};
  for (const m of call.system.matchAll(/^- (\w+): ?(.*)$/gm)) facts[m[1]!] = m[2]!.trim();
  const blocks: Record<string, string> = {};
  for (const m of all.matchAll(/^<(\w+)>\n([\s\S]*?)\n<\/\1>$/gm)) blocks[m[1]!] = m[2]!.trim();
  return { ...call, task, facts, blocks };
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

function reply(c: ScriptedCall): string {
  const asking = list(c.facts.askingFor)[0];
  const question = asking ? (QUESTIONS[asking] ?? `Tell me about ${asking}.`) : 'Check the form, then save the persona.';
  switch (c.facts.event) {
    case 'started':
      return `Hi! Let's sketch your buyer persona together. ${question}`;
    case 'answered':
    case 'edited':
    case 'confirmed':
      return `Got it${c.facts.filled ? ` (${list(c.facts.filled).join(', ')})` : ''}. ${question}`;
    case 'unclear':
    case 'empty':
      return `I couldn't find an answer in that message. ${question}`;
    case 'suggested':
      return 'I added suggestions to the form, marked as unconfirmed: confirm or edit them.';
    default:
      return question;
  }
}

export type PersonaScript = {
  respond: Responder;
  /** Every call the script answered, parsed, in order. */
  calls: ScriptedCall[];
  /** Makes the next calls of one task answer with this instead (until cleared with undefined). */
  override(task: PersonaTask, answer: ((c: ScriptedCall) => FakeReply) | undefined): void;
};

export function personaScript(): PersonaScript {
  const calls: ScriptedCall[] = [];
  const overrides = new Map<string, (c: ScriptedCall) => FakeReply>();
  const respond: Responder = (_body, call) => {
    const c = parseCall(call);
    calls.push(c);
    const o = overrides.get(c.task);
    if (o) return o(c);
    switch (c.task) {
      case 'persona/extract': {
        let message: unknown = '';
        try {
          message = JSON.parse(c.blocks.user_message ?? '""');
        } catch {
          // not a JSON literal: extract nothing
        }
        return { text: JSON.stringify(EXTRACTIONS[String(message)] ?? {}) };
      }
      case 'persona/suggest':
        return { text: JSON.stringify(Object.fromEntries(list(c.facts.fields).map((f) => [f, SUGGESTIONS[f]]))) };
      case 'persona/reply':
        return { text: reply(c) };
      default:
        return { status: 400, body: { error: { code: 400, message: `Scripted model: unknown task "${c.task}"`, status: 'INVALID_ARGUMENT' } } };
    }
  };
  return {
    respond,
    calls,
    override(task, answer) {
      if (answer) overrides.set(task, answer);
      else overrides.delete(task);
    },
  };
}
