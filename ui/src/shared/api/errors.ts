// One error type for everything the UI shows: REST calls and Genkit flow calls alike.
// The server answers errors with `{ status, message, details? }`; details.fields lists
// field-level problems on a 400. Genkit's browser client (genkit/beta/client) only throws plain
// Errors whose text embeds that body, so toApiError() digs the server's own message back out.

export type FieldProblem = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems of a 400 (details.fields), if any. */
  get fields(): FieldProblem[] {
    const d = this.details as { fields?: unknown } | undefined;
    if (!d || !Array.isArray(d.fields)) return [];
    return d.fields
      .filter((f): f is { path: unknown; message: unknown } => typeof f === 'object' && f !== null)
      .map((f) => ({
        path: Array.isArray(f.path) ? f.path.join('.') : String(f.path ?? ''),
        message: String(f.message ?? 'Invalid value'),
      }));
  }

  get isConflict() {
    return this.status === 409;
  }
  get isNotFound() {
    return this.status === 404;
  }
}

// Genkit status names (used in mid-stream errors) → HTTP status.
const GENKIT_STATUS: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  DATA_LOSS: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

const FALLBACK: Record<number, string> = {
  0: 'Cannot reach the server. Check that it is running, then try again.',
  400: 'The request was not accepted. Check the values and try again.',
  404: 'Not found. It may have been deleted.',
  409: 'This was changed elsewhere. Reload to see the latest, then try again.',
  413: 'That is too large to send. Shorten it and try again.',
  429: 'Too many requests. Wait a moment and try again.',
  502: 'The AI provider failed to answer. Try again in a moment.',
  503: 'The AI provider is unavailable right now. Try again in a moment.',
};

export function fallbackMessage(status: number): string {
  return FALLBACK[status] ?? (status >= 500 ? `The server failed (HTTP ${status}). Try again.` : `Request failed (HTTP ${status}).`);
}

function statusOf(value: unknown, fallback: number): number {
  if (typeof value === 'number' && value >= 100 && value < 600) return value;
  if (typeof value === 'string') {
    if (/^\d{3}$/.test(value)) return Number(value);
    const named = GENKIT_STATUS[value.toUpperCase().replace(/\s+/g, '_')];
    if (named) return named;
  }
  return fallback;
}

// Team mode: a 401 means the sign-in is gone. Every HTTP failure passes through errorFromBody
// (REST calls, runFlow and streamFlow alike), so this is the one place that hears of it; the app
// shell listens and sends the person to the sign-in page (app/query-client.ts).
type UnauthenticatedListener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Builds an ApiError from an HTTP status and a response body (JSON text, or anything else). */
export function errorFromBody(httpStatus: number, bodyText: string): ApiError {
  const error = parseErrorBody(httpStatus, bodyText);
  if (error.status === 401) for (const listener of unauthenticatedListeners) listener(error);
  return error;
}

function parseErrorBody(httpStatus: number, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object') {
    // { status, message, details } — or Genkit's { error: { status, message, details } }
    const b = body as Record<string, unknown>;
    const inner = (b.error && typeof b.error === 'object' ? b.error : b) as Record<string, unknown>;
    const status = httpStatus >= 400 ? httpStatus : statusOf(inner.status, 500);
    const message = typeof inner.message === 'string' && inner.message.trim() ? inner.message : fallbackMessage(status);
    return new ApiError(status, message, inner.details);
  }
  return new ApiError(httpStatus, fallbackMessage(httpStatus));
}

/** Turns anything thrown by fetch, genkit/beta/client or our own code into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new ApiError(499, 'Cancelled.');
  if (error instanceof TypeError) return new ApiError(0, fallbackMessage(0));
  const text = error instanceof Error ? error.message : String(error);

  // runFlow / streamFlow on a non-200 response: "Server returned: 409: {json body}"
  const http = /^Server returned: (\d{3}): ([\s\S]*)$/.exec(text);
  if (http) return errorFromBody(Number(http[1]), http[2]!);

  // streamFlow on an error sent mid-stream (HTTP 200): "ABORTED: message\n<details>"
  const streamed = /^([A-Z_]{3,}|\d{3}): ([\s\S]*)$/.exec(text);
  if (streamed) {
    const status = statusOf(streamed[1], 500);
    // genkit appends `${details}` on its own line; drop it when it carries nothing readable.
    let rest = streamed[2]!.replace(/\n(undefined|null|\[object Object\])$/, '');
    // The server sends a streamed error's details as JSON on the last line (server/genkit-express.ts).
    let details: unknown;
    const cut = rest.lastIndexOf('\n');
    if (cut >= 0 && rest.slice(cut + 1).startsWith('{')) {
      try {
        details = JSON.parse(rest.slice(cut + 1));
        rest = rest.slice(0, cut);
      } catch {
        details = undefined;
      }
    }
    const message = rest.trim();
    return new ApiError(status, message || fallbackMessage(status), details);
  }

  // runFlow on a 200 whose body is { error: ... } (JSON-stringified by the client)
  if (text.startsWith('{')) return errorFromBody(0, text);

  return new ApiError(500, text || fallbackMessage(500));
}
