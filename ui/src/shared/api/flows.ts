// Calls a (non-conversational) Genkit flow at POST /api/flows/<name> with genkit/beta/client:
// `{data}` in, `{result}` out; any failure becomes an ApiError with the server's own message.
import { runFlow } from 'genkit/beta/client';
import { toApiError } from './errors';

export async function callFlow<O>(name: string, input: unknown): Promise<O> {
  try {
    return await runFlow<O>({ url: `${window.location.origin}/api/flows/${name}`, input });
  } catch (error) {
    throw toApiError(error);
  }
}
