// A fake of Anthropic's Messages API as @anthropic-ai/sdk 0.97 (used by @genkit-ai/anthropic
// 0.3.0's stable runner) calls it: POST {baseURL}/v1/messages with x-api-key and
// anthropic-version headers. `stream: true` answers with the SSE events the SDK's MessageStream
// accumulates: message_start, content_block_start, content_block_delta (text_delta) per piece,
// content_block_stop, message_delta (stop_reason, output usage) and message_stop.
// Requests the real API refuses (no max_tokens, a role other than user/assistant, a stray
// output format) are refused the same way, with Anthropic's error envelope.
import type { ServerResponse } from 'node:http';
import { isError, roughTokens, sendJson, splitText, startFakeServer, type FakeServer, type ModelCall, type RecordedRequest, type Responder } from './common.js';

export const ANTHROPIC_VERSION = '2023-06-01';

/** Anthropic's error envelope: {type: 'error', error: {type, message}}. */
export const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message } });

const blocksText = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((b: { type?: string; text?: string }) => (b?.type === 'text' ? (b.text ?? '') : '')).join('');
  return '';
};

/** The provider-neutral view of a Messages API body. */
export function anthropicCall(body: any): ModelCall {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  return {
    system: blocksText(body?.system),
    user: messages
      .filter((m) => m.role === 'user')
      .map((m) => blocksText(m.content))
      .join('\n'),
    stream: body?.stream === true,
    model: String(body?.model ?? ''),
  };
}

const inputTokens = (body: any) => roughTokens(JSON.stringify(body?.messages ?? '') + JSON.stringify(body?.system ?? ''));
const newId = () => `msg_fake${Math.random().toString(36).slice(2, 14)}`;

export const anthropicMessage = (text: string, body?: any) => ({
  id: newId(),
  type: 'message',
  role: 'assistant',
  model: String(body?.model ?? 'claude-sonnet-4-5'),
  content: [{ type: 'text', text, citations: null }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: inputTokens(body), output_tokens: roughTokens(text), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
});

/** Why the real API would answer 400 to this body, or undefined. */
function invalidRequest(body: any): string | undefined {
  if (typeof body.model !== 'string' || !body.model) return 'model: Field required';
  if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) return 'max_tokens: Field required';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  const badRole = body.messages.find((m: { role?: unknown }) => m.role !== 'user' && m.role !== 'assistant');
  if (badRole)
    return `messages: Unexpected role "${String(badRole.role)}". Allowed roles are "user" or "assistant". For instructions or context, use the top-level system parameter.`;
  if ('output_format' in body || 'response_format' in body)
    return `${'output_format' in body ? 'output_format' : 'response_format'}: Extra inputs are not permitted`;
  if (body.temperature !== undefined && (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 1))
    return 'temperature: Input should be less than or equal to 1';
  return undefined;
}

function sse(res: ServerResponse, event: string, data: object) {
  res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
}

async function route(req: RecordedRequest, res: ServerResponse, fake: FakeServer) {
  if (req.method !== 'POST' || req.path !== '/v1/messages') {
    sendJson(res, 404, anthropicError('not_found_error', `Fake Anthropic: no route for ${req.method} ${req.path}`));
    return;
  }
  if (!req.headers['x-api-key']) {
    sendJson(res, 401, anthropicError('authentication_error', 'x-api-key header is required'));
    return;
  }
  if (!req.headers['anthropic-version']) {
    sendJson(res, 400, anthropicError('invalid_request_error', 'anthropic-version: header is required'));
    return;
  }
  if (!req.body) {
    sendJson(res, 400, anthropicError('invalid_request_error', 'There was an error parsing the body of your request.'));
    return;
  }
  const invalid = invalidRequest(req.body);
  if (invalid) {
    sendJson(res, 400, anthropicError('invalid_request_error', invalid));
    return;
  }
  const call = anthropicCall(req.body);
  const reply = await fake.respond(req.body, call);
  if (isError(reply)) {
    sendJson(res, reply.status, reply.body, { 'request-id': `req_fake${Date.now()}`, ...reply.headers });
    return;
  }
  if (!call.stream) {
    sendJson(res, 200, anthropicMessage(reply.text, req.body));
    return;
  }
  const message = anthropicMessage(reply.text, req.body);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  sse(res, 'message_start', {
    message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } },
  });
  sse(res, 'content_block_start', { index: 0, content_block: { type: 'text', text: '', citations: null } });
  sse(res, 'ping', {});
  for (const piece of splitText(reply.text, 3)) sse(res, 'content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
  sse(res, 'content_block_stop', { index: 0 });
  sse(res, 'message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: message.usage.output_tokens } });
  sse(res, 'message_stop', {});
  res.end();
}

/** fake.url has no path: the SDK joins /v1/messages to its baseURL. */
export function startFakeAnthropic(respond: Responder): Promise<FakeServer> {
  return startFakeServer({ basePath: '', respond, route });
}
