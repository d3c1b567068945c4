import { GenkitError } from 'genkit';
import type { MessageData, ModelResponseData } from 'genkit/model';
import { genkitPlugin } from 'genkit/plugin';
import { PersonaDraftSchema, type PersonaField } from '../schemas/persona.js';
import { PersonaPhaseSchema, PersonaReplyInputSchema } from '../schemas/persona-definition.js';
import { BuyingPhaseSchema, BuyingProcessReplyInputSchema } from '../schemas/buying-process.js';
import { buyingProcessReply, extractBuyingProcess, summarizeJourney } from './offline-buying-process.js';
import { briefOffline, chatOffline } from './offline-contact.js';
import { extractPersonaFields, personaReply, suggestPersonaFields } from './offline-persona.js';
import { fitProductsOffline, generatePersonaOffline } from './offline-persona-generator.js';
import { emailDraftOffline, leadPersonaOffline } from './offline-lead.js';
import { promptTask } from './prompt-task.js';

// The offline model: a real Genkit model that answers personaflow's own prompts by rules.
// It recognises a prompt by its "[task:...]" line and reads the "Turn facts" and fenced data
// blocks the prompt renders, so it needs no network and always returns schema-valid output.

export const OFFLINE_MODEL_NAME = 'offline/personaflow';

type Task = (prompt: ParsedPrompt) => unknown;

export type ParsedPrompt = {
  task: string;
  facts: Record<string, string>;
  blocks: Record<string, string>;
};

const listFact = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

const parseJson = (text: string | undefined, fallback: unknown) => {
  if (!text) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
};

export function parsePrompt(messages: MessageData[]): ParsedPrompt {
  const text = messages.flatMap((m) => m.content.map((p) => p.text ?? '')).join('\n');
  const task = promptTask(text) ?? '';
  const facts: Record<string, string> = {};
  for (const m of text.matchAll(/^- (\w+): ?(.*)$/gm)) facts[m[1]!] = m[2]!.trim();
  const blocks: Record<string, string> = {};
  for (const m of text.matchAll(/^<(\w+)>\n([\s\S]*?)\n<\/\1>$/gm)) blocks[m[1]!] = m[2]!.trim();
  return { task, facts, blocks };
}

const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

const TASKS: Record<string, Task> = {
  ping: () => 'pong',
  'persona/extract': ({ facts, blocks }) => {
    const message = parseJson(blocks.user_message, '');
    return extractPersonaFields(typeof message === 'string' ? message : '', listFact(facts.askingFor) as PersonaField[]);
  },
  'persona/suggest': ({ facts, blocks }) => {
    const current = PersonaDraftSchema.safeParse(parseJson(blocks.persona, {}));
    return suggestPersonaFields(listFact(facts.fields) as PersonaField[], current.success ? current.data : {});
  },
  'persona/reply': ({ facts, blocks }) => {
    const persona = PersonaDraftSchema.safeParse(parseJson(blocks.persona, {}));
    return personaReply({
      ...PersonaReplyInputSchema.omit({ currentJson: true }).parse({
        event: facts.event,
        phase: PersonaPhaseSchema.parse(facts.phase),
        filled: listFact(facts.filled),
        askingFor: listFact(facts.askingFor),
        unconfirmed: listFact(facts.unconfirmed),
        missingRequired: listFact(facts.missingRequired),
      }),
      ...(persona.success ? { persona: persona.data } : {}),
    });
  },
  'persona/generate': ({ blocks }) => {
    const description = parseJson(blocks.description, null);
    return generatePersonaOffline({
      company: obj(parseJson(blocks.company, null)),
      product: obj(parseJson(blocks.product, null)),
      contact: obj(parseJson(blocks.contact, null)),
      enrichment: obj(parseJson(blocks.enrichment, null)),
      description: typeof description === 'string' ? description : null,
    });
  },
  'persona/product-fit': ({ blocks }) => {
    const products = parseJson(blocks.products, []);
    return fitProductsOffline(parseJson(blocks.persona, {}) as Record<string, unknown>, Array.isArray(products) ? products : []);
  },
  'contact/brief': ({ blocks }) => {
    const arr = (v: unknown) => (Array.isArray(v) ? v : []);
    return briefOffline({
      contact: obj(parseJson(blocks.contact, null)) ?? {},
      product: obj(parseJson(blocks.product, null)),
      company: obj(parseJson(blocks.company, null)),
      matches: arr(parseJson(blocks.matches, [])),
      stages: arr(parseJson(blocks.stages, [])),
    });
  },
  'contact/chat': ({ blocks }) => {
    const question = parseJson(blocks.question, '');
    return chatOffline(
      typeof question === 'string' ? question : '',
      (parseJson(blocks.brief, {}) ?? {}) as Record<string, unknown>,
      obj(parseJson(blocks.contact, null)) ?? {},
    );
  },
  'buying-process/extract': ({ facts, blocks }) => {
    const message = parseJson(blocks.user_message, '');
    return extractBuyingProcess(typeof message === 'string' ? message : '', facts.asking ?? '', BuyingPhaseSchema.catch('persona').parse(facts.phase));
  },
  'buying-process/reply': ({ facts }) =>
    buyingProcessReply(
      BuyingProcessReplyInputSchema.omit({ mapJson: true }).parse({
        phase: facts.phase,
        event: facts.event,
        filled: facts.filled ?? '',
        asking: facts.asking ?? '',
        stageName: facts.stage ?? '',
        stageNumber: facts.stageNumber ?? '',
        stageCount: facts.stageCount ?? '',
        problems: facts.problems ?? '',
        personaName: facts.personaName ?? '',
        library: facts.library ?? '',
      }),
    ),
  'lead/persona': ({ blocks }) => leadPersonaOffline(obj(parseJson(blocks.lead, null)) ?? {}, obj(parseJson(blocks.research, null))),
  'email/draft': ({ facts, blocks }) => {
    const instructions = parseJson(blocks.instructions, '');
    return emailDraftOffline({
      tone: facts.tone ?? 'friendly',
      senderName: facts.senderName ?? '',
      lead: obj(parseJson(blocks.lead, null)) ?? {},
      research: obj(parseJson(blocks.research, null)),
      persona: obj(parseJson(blocks.persona, null)) ?? {},
      company: obj(parseJson(blocks.company, null)),
      product: obj(parseJson(blocks.product, null)),
      campaign: obj(parseJson(blocks.campaign, null)),
      stage: obj(parseJson(blocks.stage, null)),
      instructions: typeof instructions === 'string' ? instructions : JSON.stringify(instructions ?? ''),
    });
  },
  'buying-process/summary': ({ blocks }) => {
    const journey = parseJson(blocks.journey, {}) as Parameters<typeof summarizeJourney>[0];
    return summarizeJourney({
      persona_name: journey.persona_name ?? '',
      persona_pain_points: journey.persona_pain_points ?? '',
      buying_stages: journey.buying_stages ?? [],
    });
  },
};

export function answerOffline(messages: MessageData[]): { text: string; json: boolean } {
  const prompt = parsePrompt(messages);
  const task = TASKS[prompt.task];
  if (!task) {
    throw new GenkitError({
      status: 'UNIMPLEMENTED',
      message: `The offline generator has no rules for this prompt${prompt.task ? ` (${prompt.task})` : ''}. Configure a model provider (GEMINI_API_KEY, OPENAI_API_KEY or LLM_BASE_URL) to use it.`,
    });
  }
  const result = task(prompt);
  return typeof result === 'string' ? { text: result, json: false } : { text: JSON.stringify(result), json: true };
}

export const offlineModel = () =>
  genkitPlugin('offline', async (ai) => {
    ai.defineModel(
      {
        name: OFFLINE_MODEL_NAME,
        label: 'Offline generator (rule-based, no network)',
        apiVersion: 'v2',
        supports: { multiturn: true, tools: false, systemRole: true, media: false, output: ['text', 'json'], constrained: 'all' },
      },
      async (request, { sendChunk, streamingRequested }): Promise<ModelResponseData> => {
        const { text, json } = answerOffline(request.messages);
        if (!json) {
          // Stream word by word so the chat shows the reply growing, as with a real provider.
          for (const piece of text.match(/\S+\s*/g) ?? []) sendChunk({ content: [{ text: piece }] });
        } else if (streamingRequested) {
          // JSON streams in pieces too, so partial output (e.g. an email body) grows on screen.
          for (let i = 0; i < text.length; i += 24) sendChunk({ content: [{ text: text.slice(i, i + 24) }] });
        }
        return {
          message: { role: 'model', content: [{ text }] },
          finishReason: 'stop',
          usage: { inputCharacters: JSON.stringify(request.messages).length, outputCharacters: text.length },
        };
      },
    );
  });
