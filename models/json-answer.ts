// What a JSON prompt's answer has to be, on every provider path: how the schema reaches the
// provider (its native JSON mode, `response_format` for an OpenAI-compatible server, or the
// schema in the prompt text), how the JSON is found in what came back (bare, in a code fence or
// with prose around it) and why an answer does not fit. models/resilient.ts acts on these.
import { GenkitError } from 'genkit';
import { extractJson } from 'genkit/extract';
import type { GenerateRequest, GenerateResponseData, MessageData } from 'genkit/model';
import { validateSchema } from 'genkit/schema';

/**
 * How a provider is given a JSON prompt's schema.
 *  - native: its plugin's own constrained output, parsed by Genkit (Gemini's responseJsonSchema).
 *  - response_format: `response_format: {type: 'json_schema', …}` (OpenAI).
 *  - response_format+prompt: the same and the schema in the prompt too (an OpenAI-compatible
 *    server: vLLM, Ollama, llama.cpp, LM Studio), so a server that accepts the field but ignores it
 *    still tells the model what to write.
 *  - prompt: the schema in the prompt text only (LLM_JSON_SCHEMA=off, or a server that refused it).
 */
export type JsonDelivery = 'native' | 'response_format' | 'response_format+prompt' | 'prompt';

type JsonSchema = Record<string, unknown>;

/** The JSON schema a request asks for, or undefined for a text prompt. */
export function wantedSchema(request: GenerateRequest): JsonSchema | undefined {
  if (request.output?.format !== 'json' || !request.output.schema) return undefined;
  return request.output.schema as JsonSchema;
}

// Genkit's validateSchema caches the compiled Ajv validator by the schema object's identity, and
// every request arrives with a fresh copy of its schema: without this each JSON answer compiled
// its schema again (a fifth of a turn's time under load). Copies of one schema come from the same
// conversion, so their JSON text is the same string and keys them. Bounded: a long-running server
// with a stream of ever-new schemas drops the oldest.
export const CANONICAL_SCHEMAS_MAX = 256;
const canonicalSchemas = new Map<string, JsonSchema>();
const canonicalObjects = new WeakSet<JsonSchema>();

/** One object per distinct schema: the one Genkit's validator cache already knows. */
export function canonicalSchema(schema: JsonSchema): JsonSchema {
  if (canonicalObjects.has(schema)) return schema;
  const key = JSON.stringify(schema);
  const known = canonicalSchemas.get(key);
  if (known) return known;
  if (canonicalSchemas.size >= CANONICAL_SCHEMAS_MAX) {
    const [oldestKey, oldest] = canonicalSchemas.entries().next().value!;
    canonicalSchemas.delete(oldestKey);
    canonicalObjects.delete(oldest);
  }
  canonicalSchemas.set(key, schema);
  canonicalObjects.add(schema);
  return schema;
}

// Genkit's own wording for a model without constrained output, so the instruction reads the same on every path.
export const schemaInstructions = (schema: JsonSchema) =>
  `Output should be in JSON format and conform to the following schema:\n\n\`\`\`\n${JSON.stringify(schema)}\n\`\`\`\n`;

function withInstructions(messages: MessageData[], text: string): MessageData[] {
  let target = messages.findIndex((m) => m.role === 'system');
  if (target < 0) target = messages.map((m) => m.role).lastIndexOf('user');
  if (target < 0) return messages;
  const out = [...messages];
  out[target] = { ...messages[target]!, content: [...messages[target]!.content, { text, metadata: { purpose: 'output' } }] };
  return out;
}

/** The name a server shows for the schema: letters, digits, _ and - only (OpenAI's rule). */
const schemaName = (task: string) => task.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) || 'output';

/**
 * The request as this provider is sent it. With response_format the output settings are taken off,
 * because compat-oai would JSON.parse the raw text itself and throw on prose or a fence before
 * anyone could repair it; the field goes through the config, which the plugin passes on as is.
 */
export function forProvider(request: GenerateRequest, delivery: JsonDelivery, task: string): GenerateRequest {
  const schema = wantedSchema(request);
  if (!schema || delivery === 'native') return request;
  const inPrompt = delivery === 'prompt' || delivery === 'response_format+prompt';
  const shaped: GenerateRequest = {
    ...request,
    messages: inPrompt ? withInstructions(request.messages, schemaInstructions(schema)) : request.messages,
    output: {},
  };
  if (delivery === 'prompt') return shaped;
  // strict: false because the schemas have optional fields, which OpenAI's strict mode rejects;
  // OpenAI, vLLM and Ollama constrain the answer to the schema either way.
  const responseFormat = { type: 'json_schema', json_schema: { name: schemaName(task), schema, strict: false } };
  return { ...shaped, config: { ...(request.config as object | undefined), response_format: responseFormat } };
}

/** A server saying it does not take `response_format` / JSON schemas: worth one try without it. */
export function refusesResponseFormat(err: unknown): boolean {
  if (!(err instanceof GenkitError)) return false;
  const clientError = err.status === 'INVALID_ARGUMENT' || /^4(00|22)\b/.test(err.originalMessage);
  return clientError && /response_format|json_schema|structured output|guided|grammar/i.test(err.originalMessage);
}

/** The answer's message, whichever shape the plugin returned (v2 `message`, or v1 `candidates`). */
export function answerMessage(response: GenerateResponseData): MessageData | undefined {
  return response.message ?? (response as { candidates?: { message?: MessageData }[] }).candidates?.[0]?.message;
}

/** The answer's text, or its parsed data part as JSON text. */
export function answerText(response: GenerateResponseData): string {
  const content = answerMessage(response)?.content ?? [];
  const data = content.find((p) => p.data !== undefined)?.data;
  return data !== undefined ? JSON.stringify(data) : content.map((p) => p.text ?? '').join('');
}

const tryExtract = (text: string): unknown => {
  try {
    return extractJson(text) ?? undefined;
  } catch {
    return undefined;
  }
};

/**
 * The JSON value in a model's text: bare, in a ```json fence, or with prose before and after.
 * Genkit's extractJson takes the first brace; prose holding a brace or an odd quote before the
 * JSON would hide it, so each fence and then each later brace is tried too.
 */
export function parseJsonAnswer(text: string): unknown {
  const direct = tryExtract(text);
  if (direct !== undefined) return direct;
  for (const fence of text.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)```/g)) {
    const inFence = tryExtract(fence[1]!);
    if (inFence !== undefined) return inFence;
  }
  for (let i = text.search(/[{[]/) + 1; i > 0 && i < text.length; i++) {
    if (text[i] !== '{' && text[i] !== '[') continue;
    const later = tryExtract(text.slice(i));
    if (later !== null && typeof later === 'object') return later;
  }
  return undefined;
}

/**
 * An object whose keys are all unknown to a schema that lists its properties: the loose model
 * schemas let extra keys through, so {"persona": {...}} would pass and the flow would keep nothing.
 */
function strayKeys(schema: JsonSchema, data: unknown): string[] | undefined {
  const known = schema.properties && typeof schema.properties === 'object' ? Object.keys(schema.properties) : [];
  if (!known.length || !data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  return keys.length > 0 && keys.every((k) => !known.includes(k)) ? keys.slice(0, 5) : undefined;
}

export type CheckedAnswer = { ok: true; response: GenerateResponseData } | { ok: false; problem: string };

/**
 * Whether the answer gives the requested JSON. A fitting answer comes back with its message holding
 * just that JSON (so Genkit's parser and the flow get the object, whatever was around it).
 */
export function checkAnswer(request: GenerateRequest, response: GenerateResponseData): CheckedAnswer {
  const schema = wantedSchema(request);
  if (!schema) return { ok: true, response };
  const message = answerMessage(response);
  const finishReason =
    response.finishReason ?? (response as { candidates?: { finishReason?: GenerateResponseData['finishReason'] }[] }).candidates?.[0]?.finishReason;
  if (finishReason === 'length') return { ok: false, problem: 'the answer was cut off before the JSON was complete' };
  const content = message?.content ?? [];
  const dataPart = content.find((p) => p.data !== undefined)?.data;
  const data = dataPart !== undefined ? dataPart : parseJsonAnswer(content.map((p) => p.text ?? '').join(''));
  if (data === null || data === undefined) return { ok: false, problem: 'the answer was not JSON' };
  const result = validateSchema(data, { jsonSchema: canonicalSchema(schema) });
  if (!result.valid)
    return { ok: false, problem: (result.errors ?? []).map((e) => `${e.path || '(root)'} ${e.message}`).join('; ') || 'it does not match the schema' };
  const stray = strayKeys(schema, data);
  if (stray) return { ok: false, problem: `none of its keys (${stray.join(', ')}) is a property of the schema` };
  const { candidates: _v1, ...rest } = response as GenerateResponseData & { candidates?: unknown };
  return { ok: true, response: { ...rest, finishReason, message: { role: 'model', ...message, content: [{ text: JSON.stringify(data) }] } } };
}

/** What a model call throws when its answer misses the schema twice: flows turn it into a 502. */
export function badModelAnswer(task: string, problem: string): GenkitError {
  return new GenkitError({
    status: 'INVALID_ARGUMENT',
    message: `The model's answer to ${task} did not fit the required JSON, even after one repair request: ${problem}`,
    detail: { reason: 'model_output_invalid', prompt: task, problem },
  });
}

export const isBadModelAnswer = (err: unknown): err is GenkitError =>
  err instanceof GenkitError && (err.detail as { reason?: unknown } | undefined)?.reason === 'model_output_invalid';
