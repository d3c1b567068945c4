// Talks to the personaDefinition Genkit flow (POST /api/flows/personaDefinition) with
// genkit/beta/client — the only genkit entry point that belongs in a browser bundle.
import { runFlow, streamFlow } from 'genkit/beta/client';
import type { PersonaDefinitionInput, PersonaDefinitionOutput } from '../../../../../schemas/persona-definition.js';
import { toApiError } from '../../../shared/api/errors';

export type TurnInput = PersonaDefinitionInput;
export type TurnOutput = PersonaDefinitionOutput;

const flowUrl = () => `${window.location.origin}/api/flows/personaDefinition`;

/** Returns a session's current state without changing it (sessionId alone = resume). */
export async function resumeSession(sessionId: string): Promise<TurnOutput> {
  try {
    return await runFlow<TurnOutput>({ url: flowUrl(), input: { sessionId } satisfies TurnInput });
  } catch (error) {
    throw toApiError(error);
  }
}

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

/** Runs one wizard turn, streaming the reply text to onChunk as it arrives. */
export async function runTurn(input: TurnInput, onChunk?: (text: string) => void): Promise<TurnOutput> {
  try {
    const { stream, output } = streamFlow<TurnOutput, unknown>({ url: flowUrl(), input });
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

/** Starts a new session (no sessionId). */
export const startSession = (onChunk?: (text: string) => void) => runTurn({}, onChunk);
