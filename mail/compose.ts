// The email as it goes out: the draft's text, the sender's signature, a footer naming the sender
// with their postal address and an unsubscribe link, and the one-click unsubscribe headers
// (RFC 2369 List-Unsubscribe, RFC 8058 List-Unsubscribe-Post).

export type ComposedEmail = {
  to: string;
  from: string;
  /** Empty: replies go to From. */
  replyTo: string;
  subject: string;
  /** The plain-text body, signature and footer included. */
  body: string;
  messageId: string;
  headers: Record<string, string>;
};

export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/unsubscribe/${token}`;

const domainOf = (from: string) => /@([^>\s"]+)>?\s*$/.exec(from)?.[1] ?? 'personaflow.localhost';

/** The lines under the draft: the signature, then the footer (who sends, where they are, how to stop). */
export function emailFooter(args: { signature?: string; company?: string; postalAddress?: string; unsubscribeUrl: string }): string {
  const signature = args.signature?.trim() ? `\n\n${args.signature.trim()}` : '';
  const who = [args.company?.trim(), args.postalAddress?.trim()].filter(Boolean).join(' · ');
  const from = args.company?.trim() || 'us';
  return `${signature}\n\n--\n${who ? `${who}\n` : ''}If you would rather not hear from ${from} again, unsubscribe here: ${args.unsubscribeUrl}\n`;
}

export function composeEmail(args: {
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  body: string;
  publicUrl: string;
  unsubscribeToken: string;
  /** The email log row: the Message-ID is derived from it, so every attempt of one send carries the same id. */
  logId: string;
  signature?: string;
  /** The sending company, named in the footer. */
  company?: string;
  postalAddress?: string;
}): ComposedEmail {
  const url = unsubscribeUrl(args.publicUrl, args.unsubscribeToken);
  const messageId = `<${args.logId}@${domainOf(args.from)}>`;
  return {
    to: args.to,
    from: args.from,
    replyTo: args.replyTo ?? '',
    subject: args.subject,
    body: `${args.body.trimEnd()}${emailFooter({ signature: args.signature, company: args.company, postalAddress: args.postalAddress, unsubscribeUrl: url })}`,
    messageId,
    headers: {
      'Message-ID': messageId,
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
