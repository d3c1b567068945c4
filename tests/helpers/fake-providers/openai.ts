// A fake of OpenAI's Chat Completions API as the openai SDK (v4, used by @genkit-ai/compat-oai
// 1.42) calls it: POST {baseURL}/chat/completions with Authorization: Bearer <key>.
// `stream: true` answers with SSE chat.completion.chunk events, a usage chunk
// (stream_options.include_usage) and `data: [DONE]`.
import type { ServerResponse } from 'node:http';
import { isError, roughTokens, sendJson, splitText, startFakeServer, type FakeServer, type ModelCall, type RecordedRequest, type Responder } from './common.js';

/** OpenAI's error envelope. */
export const openAIError = (message: string, type = 'server_error') => ({ error: { message, type, param: null, code: null } });

const contentText = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { type?: string; text?: string }) => (p?.type === 'text' ? (p.text ?? '') : '')).join('');
  return '';
};

/** The provider-neutral view of a chat.completions body. */
export function openAICall(body: any): ModelCall {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  const of = (role: string) =>
    messages
      .filter((m) => m.role === role)
      .map((m) => contentText(m.content))
      .join('\n');
  return {
    system: [of('system'), of('developer')].filter(Boolean).join('\n'),
    user: of('user'),
    stream: body?.stream === true,
    model: String(body?.model ?? ''),
  };
}

const usageOf = (body: any, text: string) => {
  const prompt_tokens = roughTokens(JSON.stringify(body?.messages ?? ''));
  const completion_tokens = roughTokens(text);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
};

const newId = () => `chatcmpl-fake${Math.random().toString(36).slice(2, 12)}`;

export const openAICompletion = (text: string, body?: any) => ({
  id: newId(),
  object: 'chat.completion',
  created: Math.floor(Date.now() / 1000),
  model: String(body?.model ?? 'gpt-4o-mini'),
  choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: usageOf(body, text),
});

function makeRoute(basePath: string) {
  return async (req: RecordedRequest, res: ServerResponse, fake: FakeServer) => {
    if (req.method !== 'POST' || req.path !== `${basePath}/chat/completions`) {
      sendJson(res, 404, openAIError(`Fake OpenAI: no route for ${req.method} ${req.path}`, 'invalid_request_error'));
      return;
    }
    if (!req.body) {
      sendJson(res, 400, openAIError('We could not parse the JSON body of your request.', 'invalid_request_error'));
      return;
    }
    const call = openAICall(req.body);
    const reply = await fake.respond(req.body, call);
    if (isError(reply)) {
      sendJson(res, reply.status, reply.body, reply.headers);
      return;
    }
    if (!call.stream) {
      sendJson(res, 200, openAICompletion(reply.text, req.body));
      return;
    }
    const id = newId();
    const created = Math.floor(Date.now() / 1000);
    const model = call.model;
    const chunk = (choices: unknown[], extra: object = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', choices, ...extra })}\n\n`;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]));
    for (const piece of splitText(reply.text, 3)) {
      res.write(chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }]));
    }
    res.write(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]));
    if (req.body.stream_options?.include_usage) res.write(chunk([], { usage: usageOf(req.body, reply.text) }));
    res.write('data: [DONE]\n\n');
    res.end();
  };
}

/** basePath is the path part of the baseURL given to the client, e.g. '/v1' → fake.url ends in /v1. */
export function startFakeOpenAI(respond: Responder, basePath = '/v1'): Promise<FakeServer> {
  return startFakeServer({ basePath, respond, route: makeRoute(basePath) });
}
