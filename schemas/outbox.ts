import { z } from 'zod';
import { EmailLogSchema } from './email.js';

// The outbox as pages (GET /api/outbox): searched, filtered, sorted and paged by the server, so a
// workspace with 100,000 emails shows every one of them, never the newest 500 and silence.

export const OUTBOX_PAGE_SIZE_MAX = 200;
export const OUTBOX_SORTS = ['when', '-when', 'to', '-to', 'subject', '-subject'] as const;
/** Status groups: what went out (or was stored), and what did not. */
export const OUTBOX_FILTERS = ['delivered', 'failed'] as const;

export const OutboxQuerySchema = z
  .object({
    campaignId: z.string().uuid('campaignId must be a campaign id').optional(),
    q: z.string().max(200, 'Search for at most 200 characters').default('').describe('Every word must appear in the recipient, address, subject or campaign'),
    filter: z.union([z.enum(OUTBOX_FILTERS), z.literal('')], { errorMap: () => ({ message: 'filter is "delivered", "failed" or empty' }) }).default(''),
    sort: z.enum(OUTBOX_SORTS, { errorMap: () => ({ message: `sort is one of ${OUTBOX_SORTS.join(', ')}` }) }).default('-when'),
    page: z.coerce.number().int('page is a whole number').min(1, 'page starts at 1').max(1_000_000).default(1),
    pageSize: z.coerce.number().int('pageSize is a whole number').min(1).max(OUTBOX_PAGE_SIZE_MAX, `pageSize is at most ${OUTBOX_PAGE_SIZE_MAX}`).default(50),
  })
  .strict();
export type OutboxQuery = z.infer<typeof OutboxQuerySchema>;

export const OutboxPageSchema = z.object({
  mode: z.enum(['smtp', 'outbox']),
  emails: z.array(EmailLogSchema),
  /** The page shown: the one asked for, or the last one when fewer match. */
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  /** Emails that match the search and filter, on all pages. */
  matched: z.number().int(),
  /** Emails of the campaign (or workspace) before the search and filter. */
  total: z.number().int(),
  counts: z.object({ delivered: z.number().int(), failed: z.number().int() }),
});
export type OutboxPage = z.infer<typeof OutboxPageSchema>;
