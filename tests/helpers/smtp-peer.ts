import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server in-process (the smtp-server package): what campaign sends deliver to in
// tests and benches. It records every message it accepted, parsed, with its envelope.

export type Received = { from: string; to: string[]; raw: string; mail: ParsedMail; headers: Map<string, unknown> };

export type SmtpPeer = {
  url: string;
  port: number;
  received: Received[];
  /** Answer the next n messages with this SMTP reply instead of accepting them, e.g. 451 or 550. */
  failNext(n: number, code: number, message?: string): void;
  close(): Promise<void>;
};

export async function startSmtpPeer(opts: { latencyMs?: number; port?: number } = {}): Promise<SmtpPeer> {
  const received: Received[] = [];
  let failures: Array<{ code: number; message: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Latency goes before DATA (the envelope), as a slow relay's would: the accepting reply itself is prompt.
    onMailFrom(_address, _session, callback) {
      if (opts.latencyMs) setTimeout(() => callback(), opts.latencyMs);
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const failure = failures.shift();
        if (failure) {
          const err = Object.assign(new Error(failure.message), { responseCode: failure.code });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = await simpleParser(raw);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail,
          headers: mail.headers,
        });
        callback();
      });
    },
  });
  // A client that dies mid-conversation (the crash-restart test kills the server) resets its
  // connection; smtp-server reports that as an 'error' event, which unhandled would end this process.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    failNext(n, code, message = code >= 500 ? 'Mailbox unavailable' : 'Try again later') {
      failures = [...failures, ...Array.from({ length: n }, () => ({ code, message }))];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
