import { GenkitError, type Genkit } from 'genkit';
import type { GenerateRequest, GenerateResponseData, ModelInfo } from 'genkit/model';
import { extractJson } from 'genkit/extract';
import { genkitPlugin } from 'genkit/plugin';
import { validateSchema } from 'genkit/schema';
import type { ModelCallRecord } from '../schemas/model-call.js';
import { currentCallContext } from '../lib/call-context.js';
import { loggableMessage } from '../lib/loggable.js';
import { promptTask } from './prompt-task.js';

// The model every prompt uses: it passes each request to the configured provider's model and
// adds what the plugins leave out — bounded retries with exponential backoff and jitter that
// honour Retry-After, a per-call timeout, an optional fallback model, and a usage record of
// every call (prompt, provider, model, tokens, latency, success).

export type ModelTarget = { ref: string; provider: string; model: string };

/** One wrapped model per configured provider, named personaflow/<name>. */
export type WrappedModel = {
  name: string;
  primary: ModelTarget;
  fallback?: ModelTarget;
  supports: NonNullable<ModelInfo['supports']>;
  label: string;
  /** Set when the provider cannot be called at all (no API key): every call fails with it. */
  unavailable?: string;
};

export type ResilienceOptions = {
  models: WrappedModel[];
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  record?: (call: ModelCallRecord) => Promise<void>;
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

function answerText(response: GenerateResponseData): string {
  const content = response.message?.content ?? [];
  const data = content.find((p) => p.data !== undefined)?.data;
  return data !== undefined ? JSON.stringify(data) : content.map((p) => p.text ?? '').join('');
}

/** Why a JSON answer does not fit the requested schema, or null when it does (or none was asked). */
export function schemaProblem(request: GenerateRequest, response: GenerateResponseData): string | null {
  const schema = request.output?.schema;
  if (request.output?.format !== 'json' || !schema) return null;
  const content = response.message?.content ?? [];
  // Some plugins hand back parsed JSON as a data part; others return the text.
  let data: unknown = content.find((p) => p.data !== undefined)?.data;
  if (data === undefined) {
    try {
      data = extractJson(content.map((p) => p.text ?? '').join(''));
    } catch {
      data = null;
    }
  }
  if (data === null || data === undefined) return 'the answer was not JSON';
  const result = validateSchema(data, { jsonSchema: schema });
  return result.valid ? null : (result.errors ?? []).map((e) => `${e.path || '(root)'} ${e.message}`).join('; ') || 'it does not match the schema';
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
          const prompt = taskOf(request);
          const context = currentCallContext();
          let sentChunks = false;
          // Only a streamed call streams from the provider (plugins pick the endpoint by this).
          const onChunk = streamingRequested
            ? (chunk: unknown) => {
                sentChunks = true;
                sendChunk(chunk as Parameters<typeof sendChunk>[0]);
              }
            : undefined;

          /** One provider call under the timeout, recorded for usage whatever its outcome. */
          const call = async (target: ModelTarget, req: GenerateRequest, label: string, succeeded: (res: GenerateResponseData) => boolean) => {
            const action = await actionFor(target);
            const started = performance.now();
            let response: GenerateResponseData | undefined;
            let error: unknown;
            try {
              response = await withTimeout(timeoutMs, (abortSignal) => action(req, { abortSignal, ...(onChunk ? { onChunk } : {}) }));
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
              })
              .catch((e: unknown) => console.error(`usage record failed: ${loggableMessage(e)}`));
            return { response, error };
          };

          let lastError: unknown;
          for (const target of [wrapped.primary, ...(wrapped.fallback ? [wrapped.fallback] : [])]) {
            for (let attempt = 0; attempt <= maxRetries; attempt++) {
              const { response, error } = await call(target, request, prompt, () => true);
              if (response) {
                // One repair attempt: the model hears exactly what was wrong with its JSON.
                const problem = streamingRequested ? null : schemaProblem(request, response);
                if (!problem || !response.message) return response;
                const repair = {
                  ...request,
                  messages: [
                    ...request.messages,
                    // The wrong answer as plain text (a parsed data part would reach some providers empty).
                    { role: 'model' as const, content: [{ text: answerText(response) }] },
                    {
                      role: 'user' as const,
                      content: [{ text: `That answer does not match the required JSON schema: ${problem}. Reply again with only the corrected JSON.` }],
                    },
                  ],
                };
                const repaired = await call(target, repair, `${prompt} (repair)`, (res) => !schemaProblem(request, res));
                // If the repair fails too, Genkit's own validation reports the original answer's problem.
                return repaired.response ?? response;
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
