import type { Sender, SenderProfile } from '../schemas/sender-profile.js';

// Who campaign email comes from and who signs it: the workspace's sender profile when it has one,
// else the server's MAIL_FROM.

/** The From when the server has no MAIL_FROM: a placeholder, never meant to reach anyone's inbox as is. */
export const PLACEHOLDER_FROM = 'personaflow <outreach@personaflow.localhost>';

/** Who signs campaign email: MAIL_FROM's name when one was configured, else the company ("The Shipwise team"). */
export const signOff = (senderName: string | null | undefined, companyName: string | null | undefined) =>
  senderName || (companyName ? `The ${companyName} team` : 'The team');

/** The display name of a From address: "Dana from Shipwise <dana@shipwise.io>" → "Dana from Shipwise". */
export const senderNameOf = (from: string) =>
  from
    .replace(/<[^>]*>/, '')
    .replace(/"/g, '')
    .trim() || from.replace(/[<>]/g, '');

/** A name and an address as one header value; the name is quoted when it holds a character RFC 5322 reserves (a comma would split it in two). */
export function formatAddress(name: string, address: string): string {
  const display = /[()<>[\]:;@\\,."]/.test(name) ? `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"` : name;
  return `${display} <${address}>`;
}

export type ServerSender = {
  /** MAIL_FROM, or the server's placeholder when none was configured. */
  from: string;
  /** No MAIL_FROM was configured: sign as the company, not as the placeholder's name. */
  signAsCompany: boolean;
};

export function resolveSender(args: { profile: SenderProfile | null; server: ServerSender; companyName: string }): Sender {
  const { profile, server, companyName } = args;
  if (profile) {
    return {
      from: formatAddress(profile.fromName, profile.fromEmail),
      replyTo: profile.replyTo,
      signOff: profile.fromName,
      signature: profile.signature,
      postalAddress: profile.postalAddress,
      company: companyName,
      source: 'profile',
    };
  }
  return {
    from: server.from,
    replyTo: '',
    signOff: signOff(server.signAsCompany ? null : senderNameOf(server.from), companyName),
    signature: '',
    postalAddress: '',
    company: companyName,
    source: 'server',
  };
}

/** What a person should fix about the sender before emailing people, in the words the pre-flight shows. */
export function senderWarnings(sender: Sender, transport: 'smtp' | 'outbox'): string[] {
  const warnings: string[] = [];
  if (sender.source === 'server' && sender.from === PLACEHOLDER_FROM)
    warnings.push('No sender set: emails come from the server placeholder. Add who sends in Settings → Sender.');
  else if (sender.source === 'server') warnings.push("No sender profile: emails come from the server's default address. Set yours in Settings → Sender.");
  if (!sender.postalAddress)
    warnings.push(
      transport === 'smtp'
        ? 'No postal address in the footer: the law in many places (CAN-SPAM in the US) requires one in commercial email. Add it in Settings → Sender.'
        : 'No postal address in the footer yet: add it in Settings → Sender before sending for real (CAN-SPAM requires one).',
    );
  return warnings;
}
