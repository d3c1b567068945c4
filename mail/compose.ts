// The email as it goes out: the draft's text, an unsubscribe footer, and the one-click
// unsubscribe headers (RFC 2369 List-Unsubscribe, RFC 8058 List-Unsubscribe-Post).

export type ComposedEmail = {
  to: string;
  from: string;
  subject: string;
  /** The plain-text body, footer included. */
  body: string;
  messageId: string;
  headers: Record<string, string>;
};

export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/unsubscribe/${token}`;

const domainOf = (from: string) => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'personaflow.localhost';

export function composeEmail(args: {
  to: string;
  from: string;
  subject: string;
  body: string;
  publicUrl: string;
  unsubscribeToken: string;
  /** The email log row: the Message-ID is derived from it, so every attempt of one send carries the same id. */
  logId: string;
}): ComposedEmail {
  const url = unsubscribeUrl(args.publicUrl, args.unsubscribeToken);
  const messageId = `<${args.logId}@${domainOf(args.from)}>`;
  return {
    to: args.to,
    from: args.from,
    subject: args.subject,
    body: `${args.body.trimEnd()}\n\n--\nIf you would rather not hear from us again, unsubscribe here: ${url}\n`,
    messageId,
    headers: {
      'Message-ID': messageId,
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
