import { ApiError, errorFromBody, toApiError } from './errors';

/** fetch() for the REST API: JSON in, JSON out, ApiError on any failure. 204 → undefined. */
export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers: {
        Accept: 'application/json',
        ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch (error) {
    throw toApiError(error);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!response.ok) throw errorFromBody(response.status, text);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(502, 'The server sent a response that is not JSON.');
  }
}
