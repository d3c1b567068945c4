// Talks to a conversational Genkit flow (POST /api/flows/<name>) with genkit/beta/client — the
// only genkit entry point that belongs in a browser bundle. Every wizard flow shares the turn
// contract of schemas/wizard.ts: { sessionId?, message?, patch?, action?, expectedVersion? } in,
// the whole new state out, the reply streamed as it is written.
import { runFlow, streamFlow } from 'genkit/beta/client';
import type { TurnOutput } from '@schemas/wizard.js';
import { toApiError } from '../api/errors';

export type AnyTurnOutput = TurnOutput<unknown, string>;

export type WizardTurnInput<P, A> = {
  sessionId?: string;
  message?: string;
  patch?: P;
  action?: A;
  expectedVersion?: number;
  /** The library version a patch was resolved against (see schemas/persona-definition.ts). */
  libraryVersion?: number;
};

/** A chunk is a piece of the assistant's reply; be lenient about its shape. */
function chunkText(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk && typeof chunk === 'object') {
    const c = chunk as { text?: unknown; reply?: unknown };
    if (typeof c.text === 'string') return c.text;
    if (typeof c.reply === 'string') return c.reply;
  }
  return '';
}

export type FlowClient<O> = {
  /** Returns a session's current state without changing it (sessionId alone = resume). */
  resume: (sessionId: string) => Promise<O>;
  /** Runs one turn, streaming the reply text to onChunk as it arrives. */
  runTurn: (input: object, onChunk?: (text: string) => void) => Promise<O>;
};

export function createFlowClient<O>(flowName: string): FlowClient<O> {
  const flowUrl = () => `${window.location.origin}/api/flows/${flowName}`;

  async function resume(sessionId: string): Promise<O> {
    try {
      return await runFlow<O>({ url: flowUrl(), input: { sessionId } });
    } catch (error) {
      throw toApiError(error);
    }
  }

  async function runTurn(input: object, onChunk?: (text: string) => void): Promise<O> {
    try {
      const { stream, output } = streamFlow<O, unknown>({ url: flowUrl(), input });
      // The output promise rejects on failure; the loop below may end first, so never leave it unhandled.
      output.catch(() => undefined);
      try {
        const chunks = stream[Symbol.asyncIterator]();
        for (;;) {
          const next = await chunks.next();
          // genkit's Channel makes a fresh "ready" promise after each chunk and rejects it when the
          // stream fails; if a chunk and the error arrive in one network read nobody is awaiting it
          // yet, which the browser reports as an unhandled rejection. The error itself reaches us
          // through `output`, so mark that promise handled.
          (stream as { ready?: { promise?: Promise<unknown> } }).ready?.promise?.catch(() => undefined);
          if (next.done) break;
          const text = chunkText(next.value);
          if (text) onChunk?.(text);
        }
      } catch {
        // The same error rejects `output`, awaited below.
      }
      return await output;
    } catch (error) {
      throw toApiError(error);
    }
  }

  return { resume, runTurn };
}
