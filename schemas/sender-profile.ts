import { z } from 'zod';
import { ExpectedVersionOrNoneSchema } from './version.js';

// Who a workspace's campaign email comes from (issue 15): the From name and address, where replies
// go, the signature under every email, and the postal address the footer carries (CAN-SPAM asks
// commercial email for a valid physical postal address). Without a profile the server's MAIL_FROM
// is used.

const noLineBreaks = (s: string) => !/[\r\n]/.test(s);
const email = (what: string) => z.string().trim().max(254).email(`${what} must be an email address, e.g. dana@example.com`);

export const SenderProfileInputSchema = z
  .object({
    fromName: z
      .string()
      .trim()
      .min(1, 'Say who the email is from, e.g. "Dana from Shipwise"')
      .max(80)
      .refine(noLineBreaks, 'One line only')
      .refine((s) => !/[<>]/.test(s), 'Leave out < and >: the address goes in its own field'),
    fromEmail: email('The From address'),
    replyTo: z.union([email('Reply-To'), z.literal('')]).default(''),
    signature: z.string().trim().max(1000).default('').describe('Added under every email, e.g. name, role, phone'),
    postalAddress: z.string().trim().max(300).refine(noLineBreaks, 'One line: it goes into the footer').default('').describe('Printed in every footer'),
  })
  .strict();
export type SenderProfileInput = z.infer<typeof SenderProfileInputSchema>;

export const SenderProfileSchema = SenderProfileInputSchema.extend({
  version: z.number().int(),
  updatedAt: z.string(),
});
export type SenderProfile = z.infer<typeof SenderProfileSchema>;

export const SenderProfileSaveSchema = z
  .object({
    data: SenderProfileInputSchema,
    /** The version the edit started from; 0 when there was no profile yet. */
    expectedVersion: ExpectedVersionOrNoneSchema,
  })
  .strict();

/** The sender a campaign email and its pre-flight use, resolved from the profile or the server default. */
export const SenderSchema = z.object({
  /** The From header, e.g. "Dana from Shipwise" <dana@shipwise.io>. */
  from: z.string(),
  replyTo: z.string(),
  /** The name the email is signed with ({{senderName}}). */
  signOff: z.string(),
  signature: z.string(),
  postalAddress: z.string(),
  /** The sending company, named in the footer. */
  company: z.string(),
  /** Where it comes from: the workspace's sender profile or the server's MAIL_FROM default. */
  source: z.enum(['profile', 'server']),
});
export type Sender = z.infer<typeof SenderSchema>;
