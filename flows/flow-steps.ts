// The steps every flow takes at its edges: parse the input, run AI steps so a provider failure
// reads as something a person can act on, and turn domain errors into Genkit's status errors.
import { maskSecrets } from '../lib/secrets.js';
import { GenkitError, UserFacingError, type Genkit } from 'genkit';
import type { z } from 'zod';
import { APP_ERROR_STATUS, AppError } from '../lib/errors.js';
import { isBadModelAnswer } from '../models/json-answer.js';
import { describeFieldErrors, fieldErrors } from '../lib/validation.js';
import { scopeFromContext, type Scope, type ScopeContext } from '../lib/scope.js';

/**
 * A flow's dependencies as wired once at startup: no workspace, for each call brings its own in
 * Genkit's context (lib/scope.ts). `localWorkspaceId` is local mode's one workspace, used by calls
 * that carry none (the Dev UI); in team mode it is absent and such calls are refused.
 */
export type Unscoped<D extends { workspaceId: string }> = Omit<D, 'workspaceId'> & { localWorkspaceId?: string };

/** Who calls, in which workspace: from the flow's Genkit context (see Unscoped for the fallback). */
export function callScope(context: unknown, localWorkspaceId: string | undefined): Scope {
  try {
    return scopeFromContext(context as ScopeContext | undefined, localWorkspaceId);
  } catch (err) {
    throw toUserFacing(err);
  }
}

/** The dependencies for this call: the wired ones plus the call's workspace, and the scope itself. */
export function scoped<D extends { workspaceId: string }>(deps: Unscoped<D>, context: unknown): { deps: D; scope: Scope } {
  const scope = callScope(context, deps.localWorkspaceId);
  return { deps: { ...deps, workspaceId: scope.workspaceId } as unknown as D, scope };
}

/** Zod-validates a flow's input (Genkit checks only the JSON schema): a 400 naming each field. */
export function parseFlowInput<T extends z.ZodTypeAny>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  throw new UserFacingError('INVALID_ARGUMENT', describeFieldErrors(fields), { fields });
}

/** A domain error as the Genkit status error the flow endpoint sends; anything else unchanged. */
export function toUserFacing(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const { genkit, http } = APP_ERROR_STATUS[err.code];
  const out = new UserFacingError(genkit, err.message, err.details);
  // Genkit's HTTP status for a status name has no 502; the flow endpoint answers with this code.
  out.code = http;
  return out;
}

const SWITCH_PROVIDER = 'or switch to another model provider in Settings › Model';

/** Runs an AI step; a provider or output failure becomes a message a person can act on. */
export async function aiStep<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError || err instanceof UserFacingError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof GenkitError && err.status === 'RESOURCE_EXHAUSTED') {
      const ms = (err.responseMetadata as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      throw new AppError(
        'model_unavailable',
        `The model provider is rate-limiting us; try again in ${Math.max(1, Math.ceil((ms ?? 30_000) / 1000))} s. Nothing was changed.`,
        { step: name, reason: 'rate_limited', retryAfterSeconds: Math.ceil((ms ?? 30_000) / 1000) },
      );
    }
    if (err instanceof GenkitError && err.status === 'FAILED_PRECONDITION' && /API key not configured/.test(err.originalMessage)) {
      throw new AppError('model_unavailable', err.originalMessage, { step: name, reason: 'api_key_missing' });
    }
    if (err instanceof GenkitError && err.status === 'DEADLINE_EXCEEDED') {
      throw new AppError('model_unavailable', `${err.originalMessage} Nothing was changed; try again.`, { step: name, reason: 'timeout' });
    }
    if (isBadModelAnswer(err) || /schema validation failed/i.test(message) || err instanceof SyntaxError) {
      throw new AppError(
        'model_output_invalid',
        `The model answered the ${name} step with something that is not the structured answer it was asked for, even after being asked once to correct it, so nothing was changed. Try again, ${SWITCH_PROVIDER}.`,
        { step: name, reason: 'model_output_invalid', cause: maskSecrets(message).slice(0, 500) },
      );
    }
    if (err instanceof GenkitError && err.status === 'INVALID_ARGUMENT') {
      throw new AppError(
        'model_output_invalid',
        `The model provider refused the request of the ${name} step, so nothing was changed. Try again, ${SWITCH_PROVIDER}.`,
        { step: name, reason: 'provider_refused', cause: maskSecrets(message).slice(0, 500) },
      );
    }
    throw new AppError(
      'model_unavailable',
      `The model provider failed during the ${name} step, so nothing was changed. Try again in a moment, ${SWITCH_PROVIDER}.`,
      {
        step: name,
        reason: 'model_unavailable',
        cause: maskSecrets(message).slice(0, 500),
      },
    );
  }
}

/** Runs a text prompt, streaming its chunks to the caller; an empty reply is an error. */
export function streamReply<I>(ctx: { ai: Genkit; sendChunk(text: string): void }, prompt: string, input: I): Promise<string> {
  return aiStep('reply', async () => {
    const { stream, response } = ctx.ai.prompt(prompt).stream(input);
    for await (const chunk of stream) if (chunk.text) ctx.sendChunk(chunk.text);
    const text = (await response).text.trim();
    if (!text) throw new AppError('model_output_invalid', 'The model returned an empty reply, so nothing was changed. Try again.');
    return text;
  });
}
