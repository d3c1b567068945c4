// Shared plumbing for the fake provider servers: a node:http server on 127.0.0.1:0 that records
// every request and answers through a pluggable responder. No network beyond loopback.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedRequest = {
  method: string;
  /** Path without the query string, e.g. /v1beta/models/gemini-2.5-flash:generateContent */
  path: string;
  /** Query parameters, e.g. { alt: 'sse' } */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when there is none or it is not JSON). */
  body: any;
  rawBody: string;
};

/** What the model "says": text for a normal answer, or an HTTP error the provider would send. */
export type FakeReply = { text: string } | { status: number; body: unknown; headers?: Record<string, string> };

/** A provider-neutral view of one model call, derived from the wire body by each fake. */
export type ModelCall = {
  /** The whole system prompt text (Gemini systemInstruction / OpenAI role "system" messages). */
  system: string;
  /** The text of the user turn(s). */
  user: string;
  /** True when the client asked for a streamed answer. */
  stream: boolean;
  model: string;
};

export type Responder = (requestBody: any, call: ModelCall) => FakeReply | Promise<FakeReply>;

export type FakeServer = {
  /** What to give the plugin as its base URL. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Replaces the responder (e.g. to make the next call fail). */
  respond: Responder;
  reset(): void;
  close(): Promise<void>;
};

export type Route = (req: RecordedRequest, res: ServerResponse, server: FakeServer) => Promise<void>;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeServer(opts: { basePath: string; respond: Responder; route: Route }): Promise<FakeServer> {
  const fake = {
    url: '',
    port: 0,
    requests: [] as RecordedRequest[],
    respond: opts.respond,
    reset() {
      fake.requests.length = 0;
    },
    close: async () => {},
  } satisfies FakeServer;

  const server = createServer(async (req, res) => {
    try {
      const rawBody = await readBody(req);
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        headers: req.headers,
        body,
        rawBody,
      };
      fake.requests.push(recorded);
      await opts.route(recorded, res, fake);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `fake server crashed: ${(err as Error).message}` } }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  fake.port = port;
  fake.url = `http://127.0.0.1:${port}${opts.basePath}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      // Keep-alive sockets from the clients would otherwise hold the server open.
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Splits a text into up to n pieces of similar size (at least one, possibly empty). */
export function splitText(text: string, n = 3): string[] {
  if (text.length <= 1) return [text];
  const size = Math.ceil(text.length / n);
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

/** A rough token count, enough for usage metadata. */
export const roughTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export const isError = (r: FakeReply): r is Extract<FakeReply, { status: number }> => 'status' in r;
