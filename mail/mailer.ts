import nodemailer from 'nodemailer';
import { loggableText } from '../lib/loggable.js';
import type { ComposedEmail } from './compose.js';

// SMTP when SMTP_URL is set; otherwise the outbox: the exact message nodemailer would have sent,
// built by the same code and stored instead of delivered.

export type Mailer =
  | { mode: 'smtp'; send(email: ComposedEmail): Promise<{ providerMessageId: string }>; close(): void }
  | { mode: 'outbox'; render(email: ComposedEmail): Promise<{ raw: string; providerMessageId: string }>; close(): void };

const message = (email: ComposedEmail) => ({
  from: email.from,
  ...(email.replyTo ? { replyTo: email.replyTo } : {}),
  to: email.to,
  subject: email.subject,
  text: email.body,
  messageId: email.messageId,
  headers: { 'List-Unsubscribe': email.headers['List-Unsubscribe']!, 'List-Unsubscribe-Post': email.headers['List-Unsubscribe-Post']! },
});

export function createMailer(opts: { smtpUrl?: string; maxConnections?: number }): Mailer {
  if (!opts.smtpUrl) {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      mode: 'outbox',
      async render(email) {
        const info = await transport.sendMail(message(email));
        return { raw: (info.message as Buffer).toString('utf8'), providerMessageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ url: opts.smtpUrl, pool: true, maxConnections: opts.maxConnections ?? 5 } as never);
  return {
    mode: 'smtp',
    async send(email) {
      const info = await transport.sendMail(message(email));
      return { providerMessageId: String(info.response ?? info.messageId).slice(0, 300) };
    },
    close: () => transport.close(),
  };
}

export type SendFailure = {
  message: string;
  /** Safe to try again: the server certainly did not take the message. */
  retryable: boolean;
  /** The connection broke with no answer from the server: it may have accepted the message. */
  outcomeUnknown: boolean;
};

const NEVER_CONNECTED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|Greeting never received|Connection timeout/i;

/**
 * What an SMTP error means for the send. A reply code means the server answered, so it did not
 * take the message: 4xx may work later, 5xx will not. A connection that never opened is safe to
 * retry. Anything else (the line dropped mid-conversation) may have been accepted, and sending
 * again could deliver it twice, so it is left for a person to decide.
 */
export function classifySendError(err: unknown): SendFailure {
  const e = err as { responseCode?: number; code?: string; message?: string };
  // Masked before it is stored or logged: a connection error can quote SMTP_URL with its password.
  const text = loggableText(e.message ?? String(err)).slice(0, 400);
  if (typeof e.responseCode === 'number') {
    return e.responseCode >= 500
      ? { message: `The mail server refused the message: ${text}`, retryable: false, outcomeUnknown: false }
      : { message: `The mail server asked us to try later: ${text}`, retryable: true, outcomeUnknown: false };
  }
  if (e.code === 'EAUTH') return { message: `SMTP login failed (check SMTP_URL): ${text}`, retryable: false, outcomeUnknown: false };
  if (e.code === 'EDNS' || NEVER_CONNECTED.test(text)) return { message: `Could not reach the mail server: ${text}`, retryable: true, outcomeUnknown: false };
  return {
    message: `The connection to the mail server broke before it confirmed the message (${text}). It may or may not have been delivered, so it was not sent again automatically; retry it if it did not arrive.`,
    retryable: false,
    outcomeUnknown: true,
  };
}
