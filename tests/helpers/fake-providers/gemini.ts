// A fake of the Gemini Developer API (generativelanguage.googleapis.com) as
// @genkit-ai/google-genai 1.42 calls it (lib/googleai/client.mjs):
//   POST {baseUrl}/v1beta/models/{model}:generateContent
//   POST {baseUrl}/v1beta/models/{model}:streamGenerateContent?alt=sse
// with headers Content-Type: application/json, x-goog-api-key: <key>, x-goog-api-client.
// baseUrl is joined as `${baseUrl}/${apiVersion}/...`, so fake.url has no path.
import type { ServerResponse } from 'node:http';
import { isError, roughTokens, sendJson, splitText, startFakeServer, type FakeServer, type ModelCall, type RecordedRequest, type Responder } from './common.js';

export const GEMINI_API_VERSION = 'v1beta';
const ROUTE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google's error envelope: {error: {code, message, status}}. */
export const geminiError = (code: number, message: string) => ({ error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN' } });

const partsText = (parts: unknown): string => (Array.isArray(parts) ? parts.map((p: { text?: string }) => p?.text ?? '').join('') : '');

/** The provider-neutral view of a generateContent body. */
export function geminiCall(body: any, model: string, stream: boolean): ModelCall {
  const contents: any[] = Array.isArray(body?.contents) ? body.contents : [];
  return {
    system: partsText(body?.systemInstruction?.parts),
    user: contents
      .filter((c) => c.role === 'user')
      .map((c) => partsText(c.parts))
      .join('\n'),
    stream,
    model,
  };
}

const usage = (body: any, text: string) => {
  const promptTokenCount = roughTokens(JSON.stringify(body?.contents ?? '') + JSON.stringify(body?.systemInstruction ?? ''));
  const candidatesTokenCount = roughTokens(text);
  return { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount };
};

export const geminiResponse = (text: string, body?: unknown, model = 'gemini-2.5-flash') => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata: usage(body, text),
  modelVersion: model,
  responseId: `fake-${Math.random().toString(36).slice(2, 10)}`,
});

async function route(req: RecordedRequest, res: ServerResponse, fake: FakeServer) {
  const m = ROUTE.exec(req.path);
  if (req.method !== 'POST' || !m) {
    sendJson(res, 404, geminiError(404, `Fake Gemini: no route for ${req.method} ${req.path}`));
    return;
  }
  const [, model, method] = m as unknown as [string, string, string];
  const stream = method === 'streamGenerateContent';
  if (stream && req.query.alt !== 'sse') {
    sendJson(res, 400, geminiError(400, 'Fake Gemini only speaks alt=sse for streamGenerateContent'));
    return;
  }
  if (!req.headers['x-goog-api-key']) {
    sendJson(res, 403, geminiError(403, "Method doesn't allow unregistered callers. Please use API Key."));
    return;
  }
  if (!req.body) {
    sendJson(res, 400, geminiError(400, 'Invalid JSON payload received.'));
    return;
  }
  const reply = await fake.respond(req.body, geminiCall(req.body, model!, stream));
  if (isError(reply)) {
    sendJson(res, reply.status, reply.body, reply.headers);
    return;
  }
  if (!stream) {
    sendJson(res, 200, geminiResponse(reply.text, req.body, model));
    return;
  }
  // SSE: every event is a full GenerateContentResponse holding the next piece of text; the last
  // one carries finishReason and the usage totals (as the real API does).
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const pieces = splitText(reply.text, 3);
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    const event = {
      candidates: [{ content: { role: 'model', parts: [{ text: piece }] }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
      usageMetadata: last ? usage(req.body, reply.text) : { promptTokenCount: usage(req.body, '').promptTokenCount },
      modelVersion: model,
    };
    res.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
  });
  res.end();
}

export function startFakeGemini(respond: Responder): Promise<FakeServer> {
  return startFakeServer({ basePath: '', respond, route });
}
