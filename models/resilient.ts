import { GenkitError, type Genkit } from 'genkit';
import type { GenerateRequest, GenerateResponseData, ModelInfo } from 'genkit/model';
import { genkitPlugin } from 'genkit/plugin';
import type { ModelCallRecord } from '../schemas/model-call.js';
import { currentCallContext } from '../lib/call-context.js';
import { loggableMessage } from '../lib/loggable.js';
import { answerText, badModelAnswer, canonicalSchema, checkAnswer, forProvider, refusesResponseFormat, type JsonDelivery } from './json-answer.js';
import { promptTask } from './prompt-task.js';

// The model every prompt uses: it passes each request to the configured provider's model and
// adds what the plugins leave out — bounded retries with exponential backoff and jitter that
// honour Retry-After, a per-call timeout, an optional fallback model, a usage record of every
// call (prompt, provider, model, tokens, latency, success), and for JSON prompts the schema on
// every provider path with one repair request when the answer misses it (models/json-answer.ts).

export type ModelTarget = { ref: string; provider: string; model: string };

/** One wrapped model per configured provider, named personaflow/<name>. */
export type WrappedModel = {
  name: string;
  primary: ModelTarget;
  fallback?: ModelTarget;
  supports: NonNullable<ModelInfo['supports']>;
  label: string;
  /** How the provider is given a JSON prompt's schema (default native). */
  json?: JsonDelivery;
  /** Set when the provider cannot be called at all (no API key): every call fails with it. */
  unavailable?: string;
};

export type ResilienceOptions = {
  models: WrappedModel[];
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Awaited in every model call, so it should only queue the record: the server passes a write-behind queue's add (lib/write-behind.ts). */
  record?: (call: ModelCallRecord) => Promise<void>;
  /** The version of a prompt's template, by the prompt's name, for the usage record. */
  promptVersion?: (prompt: string) => string | undefined;
  sleep?: (ms: number) => Promise<void>;
};

const RETRYABLE = new Set(['RESOURCE_EXHAUSTED', 'UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'UNKNOWN', 'ABORTED']);

const retryable = (err: unknown) => !(err instanceof GenkitError) || RETRYABLE.has(err.status);
const retryAfterMs = (err: unknown) => (err instanceof GenkitError ? (err.responseMetadata as { retryAfterMs?: number } | undefined)?.retryAfterMs : undefined);

const taskOf = (req: GenerateRequest) => {
  for (const m of req.messages)
    for (const p of m.content) {
      const task = p.text && promptTask(p.text);
      if (task) return task;
    }
  return 'unknown';
};

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function usageOf(req: GenerateRequest, res: GenerateResponseData | undefined) {
  const u = res?.usage;
  if (u?.inputTokens !== undefined || u?.outputTokens !== undefined) {
    return { inputTokens: u?.inputTokens ?? 0, outputTokens: u?.outputTokens ?? 0, tokensEstimated: false };
  }
  const outText = res?.message?.content.map((p) => p.text ?? '').join('') ?? '';
  return { inputTokens: estimateTokens(JSON.stringify(req.messages)), outputTokens: estimateTokens(outText), tokensEstimated: true };
}

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new GenkitError({ status: 'DEADLINE_EXCEEDED', message: `The model provider did not answer within ${Math.round(ms / 1000)} s.` }));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function backoffDelay(attempt: number, base: number, max: number, random = Math.random): number {
  // Full jitter on an exponential ceiling.
  const ceiling = Math.min(max, base * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const resilientModel = (options: ResilienceOptions) =>
  genkitPlugin('personaflow', async (ai: Genkit) => {
    const { timeoutMs, maxRetries, baseDelayMs = 500, maxDelayMs = 8000 } = options;
    const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    // Servers that answered a response_format with "unsupported", by model: asked without it from then on.
    const refusedResponseFormat = new Set<string>();
    const actions = new Map<
      string,
      (req: GenerateRequest, opts: { onChunk?: (c: unknown) => void; abortSignal?: AbortSignal }) => Promise<GenerateResponseData>
    >();
    const actionFor = async (target: ModelTarget) => {
      let action = actions.get(target.ref);
      if (!action) {
        action = (await ai.registry.lookupAction(`/model/${target.ref}`)) as unknown as typeof action;
        if (!action) throw new GenkitError({ status: 'NOT_FOUND', message: `Model ${target.ref} is not available. Check MODEL and the provider's settings.` });
        actions.set(target.ref, action);
      }
      return action!;
    };

    for (const wrapped of options.models)
      ai.defineModel(
        { name: `personaflow/${wrapped.name}`, label: wrapped.label, apiVersion: 'v2', supports: wrapped.supports },
        async (request, { sendChunk, streamingRequested }) => {
          if (wrapped.unavailable) throw new GenkitError({ status: 'FAILED_PRECONDITION', message: wrapped.unavailable });
          // Genkit checks the answer against this same request object once the model returns, and
          // caches compiled schemas by object identity; each request carries its own copy (the
          // prompt's options are deep-copied per render). Swapped for the one object kept per
          // distinct schema, both checks reuse one compiled validator instead of compiling per call.
          if (request.output?.schema) request.output.schema = canonicalSchema(request.output.schema);
          const prompt = taskOf(request);
          const promptVersion = options.promptVersion?.(prompt) ?? null;
          const context = currentCallContext();
          let sentChunks = false;
          let streaming = streamingRequested;
          const withoutStreaming = async <T>(run: () => Promise<T>) => {
            streaming = false;
            try {
              return await run();
            } finally {
              streaming = streamingRequested;
            }
          };
          // Only a streamed call streams from the provider (plugins pick the endpoint by this).
          const onChunk = (chunk: unknown) => {
            sentChunks = true;
            sendChunk(chunk as Parameters<typeof sendChunk>[0]);
          };

          /** One provider call under the timeout, recorded for usage whatever its outcome. */
          const call = async (target: ModelTarget, req: GenerateRequest, label: string, succeeded: (res: GenerateResponseData) => boolean) => {
            const action = await actionFor(target);
            const started = performance.now();
            let response: GenerateResponseData | undefined;
            let error: unknown;
            try {
              response = await withTimeout(timeoutMs, (abortSignal) => action(req, { abortSignal, ...(streaming ? { onChunk } : {}) }));
            } catch (err) {
              error = err;
            }
            await options
              .record?.({
                workspaceId: context?.workspaceId ?? null,
                flow: context?.flow ?? 'direct',
                prompt: label,
                provider: target.provider,
                model: target.model,
                ...usageOf(req, response),
                latencyMs: Math.round(performance.now() - started),
                success: response !== undefined && succeeded(response),
                error: response ? null : loggableMessage(error),
                promptVersion,
                turnId: context?.turnId ?? null,
                runId: context?.runId ?? null,
              })
              .catch((e: unknown) => console.error(`usage record failed: ${loggableMessage(e)}`));
            return { response, error };
          };

          const delivery = wrapped.json ?? 'native';
          /**
           * One call as this provider takes it. A compatible server that refuses response_format is
           * asked again at once with the schema in the prompt only, and never sent it again.
           */
          const ask = async (target: ModelTarget, req: GenerateRequest, label: string, succeeded: (res: GenerateResponseData) => boolean) => {
            const sendsFormat = delivery === 'response_format' || delivery === 'response_format+prompt';
            const mode = sendsFormat && refusedResponseFormat.has(target.ref) ? 'prompt' : delivery;
            const first = await call(target, forProvider(req, mode, prompt), label, succeeded);
            if (first.response || mode === 'prompt' || !sendsFormat || !refusesResponseFormat(first.error)) return first;
            refusedResponseFormat.add(target.ref);
            console.warn(
              `${wrapped.label}: the server refused response_format (${loggableMessage(first.error)}); JSON prompts now carry the schema in the prompt only (LLM_JSON_SCHEMA=off does so from the start).`,
            );
            return call(target, forProvider(req, 'prompt', prompt), label, succeeded);
          };
          const fits = (res: GenerateResponseData) => checkAnswer(request, res).ok;

          let lastError: unknown;
          for (const target of [wrapped.primary, ...(wrapped.fallback ? [wrapped.fallback] : [])]) {
            for (let attempt = 0; attempt <= maxRetries; attempt++) {
              const { response, error } = await ask(target, request, prompt, fits);
              if (response) {
                const checked = checkAnswer(request, response);
                if (checked.ok) return checked.response;
                // One repair attempt: the model hears exactly what was wrong. It is not streamed: what
                // the person saw streaming was the unusable answer, and the result replaces it.
                const repair: GenerateRequest = {
                  ...request,
                  messages: [
                    ...request.messages,
                    // The wrong answer as plain text (a parsed data part would reach some providers empty).
                    { role: 'model', content: [{ text: answerText(response) || '(empty answer)' }] },
                    {
                      role: 'user',
                      content: [
                        {
                          text: `That answer does not match the required JSON schema: ${checked.problem}. Reply again with only the corrected JSON: no prose, no code fence.`,
                        },
                      ],
                    },
                  ],
                };
                const repaired = await withoutStreaming(() => ask(target, repair, `${prompt} (repair)`, fits));
                if (!repaired.response) throw repaired.error;
                const again = checkAnswer(request, repaired.response);
                if (again.ok) return again.response;
                throw badModelAnswer(prompt, again.problem);
              }
              lastError = error;
              // A retry after part of a reply was streamed would show the person a garbled reply.
              if (sentChunks || !retryable(lastError)) throw lastError;
              const wait = retryAfterMs(lastError);
              // A timed-out model is not asked again (the wait would multiply); a fallback may be.
              const timedOut = lastError instanceof GenkitError && lastError.status === 'DEADLINE_EXCEEDED';
              if (attempt === maxRetries || timedOut || (wait !== undefined && wait > maxDelayMs)) break;
              await sleep(wait ?? backoffDelay(attempt, baseDelayMs, maxDelayMs));
            }
          }
          throw lastError;
        },
      );
  });
