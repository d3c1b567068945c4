import { randomBytes } from 'node:crypto';
import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import type { EmailLog, EmailStatus, Suppression, SuppressionSource } from '../../schemas/email.js';
import type { OutboxPage, OutboxQuery } from '../../schemas/outbox.js';
import type { Database } from '../client.js';
import { campaigns, emailLogs, JOB_SCHEMA, leads, suppressions, type EmailLogRow, type SuppressionRow } from '../schema.js';
import type { EmailLogRecord, OutgoingMessage, SendKey, Settlement, StrandedSend } from '../../campaigns/ports.js';
import { rowsOf } from '../rows.js';

const toLog = (r: EmailLogRow & { campaignName: string | null; leadName: string | null }): EmailLog => ({
  id: r.id,
  campaignId: r.campaignId,
  campaignName: r.campaignName,
  runId: r.runId,
  stepId: r.stepId,
  leadId: r.leadId,
  leadName: r.leadName,
  to: r.toEmail,
  from: r.fromEmail,
  subject: r.subject,
  body: r.body,
  headers: r.headers,
  status: r.status,
  transport: r.transport,
  error: r.error,
  providerMessageId: r.providerMessageId,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
});

const toSuppression = (r: SuppressionRow): Suppression => ({ email: r.email, reason: r.reason, source: r.source, createdAt: r.createdAt.toISOString() });

type Scoped = { workspaceId: string };
type RowRef = Scoped & { id: string };

// pg-boss's job table, and the states in which a job will still run (queued, running, waiting to retry).
const jobTable = sql`${sql.identifier(JOB_SCHEMA)}.job`;
const LIVE_JOB_STATES = sql.raw(`('created', 'retry', 'active')`);
/** The send job's data names the row's campaign × step × lead (campaigns/send.ts CampaignSendJob). */
const jobIsFor = (j: string, e: string) =>
  sql.raw(`${j}.data->>'campaignId' = ${e}.campaign_id::text and ${j}.data->>'stepId' = ${e}.sequence_id::text and ${j}.data->>'leadId' = ${e}.lead_id::text`);

/** The email log (one row per campaign × step × lead), the outbox view of it, and the suppression list. */
export function emailLogQueries(db: Database) {
  const key = (k: SendKey & Scoped) =>
    and(eq(emailLogs.workspaceId, k.workspaceId), eq(emailLogs.campaignId, k.campaignId), eq(emailLogs.stepId, k.stepId), eq(emailLogs.leadId, k.leadId));
  const row = (r: RowRef) => and(eq(emailLogs.id, r.id), eq(emailLogs.workspaceId, r.workspaceId));
  const withNames = () =>
    db
      .select({ log: emailLogs, campaignName: campaigns.name, leadName: leads.name })
      .from(emailLogs)
      .leftJoin(campaigns, eq(campaigns.id, emailLogs.campaignId))
      .leftJoin(leads, eq(leads.id, emailLogs.leadId));

  // The statements every campaign send runs, prepared once (their SQL is built here, not per send).
  const p = sql.placeholder;
  const openRow = db
    .insert(emailLogs)
    .values({
      workspaceId: p('workspaceId'),
      campaignId: p('campaignId'),
      stepId: p('stepId'),
      leadId: p('leadId'),
      runId: p('runId'),
      toEmail: p('to'),
      fromEmail: p('from'),
      subject: '',
      body: '',
      headers: {},
      status: 'pending',
      unsubscribeToken: p('unsubscribeToken'),
    })
    .onConflictDoNothing()
    .prepare('email_logs_open');
  const byKey = db
    .select()
    .from(emailLogs)
    .where(
      and(
        eq(emailLogs.workspaceId, p('workspaceId')),
        eq(emailLogs.campaignId, p('campaignId')),
        eq(emailLogs.stepId, p('stepId')),
        eq(emailLogs.leadId, p('leadId')),
      ),
    )
    .prepare('email_logs_by_key');
  const sentToAddressQuery = db
    .select({ id: emailLogs.id })
    .from(emailLogs)
    .where(
      and(
        eq(emailLogs.workspaceId, p('workspaceId')),
        eq(emailLogs.campaignId, p('campaignId')),
        eq(emailLogs.stepId, p('stepId')),
        eq(emailLogs.toEmail, p('email')),
        inArray(emailLogs.status, ['sending', 'sent', 'outbox', 'interrupted']),
        sql`${emailLogs.id} <> ${p('exceptId')}`,
      ),
    )
    .limit(1)
    .prepare('email_logs_sent_to_address');
  const suppressedQuery = db
    .select({ email: suppressions.email })
    .from(suppressions)
    .where(and(eq(suppressions.workspaceId, p('workspaceId')), eq(suppressions.email, p('email'))))
    .prepare('email_logs_is_suppressed');
  const markSentQuery = db
    .update(emailLogs)
    .set({
      status: 'sent',
      transport: 'smtp',
      providerMessageId: sql`${p('providerMessageId')}`,
      raw: sql`${p('raw')}`,
      error: null,
      retryable: false,
      sentAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(emailLogs.id, p('id')), eq(emailLogs.workspaceId, p('workspaceId'))))
    .prepare('email_logs_mark_sent');

  return {
    /** The log row for this send, created on first sight; a retry or restart finds the same row. */
    async open(k: SendKey & Scoped & { runId: string; to: string; from: string }): Promise<EmailLogRecord> {
      const keyOf = { workspaceId: k.workspaceId, campaignId: k.campaignId, stepId: k.stepId, leadId: k.leadId };
      // A run opens its rows when it starts (openMany): read first, and insert only a row still missing.
      const [found] = await byKey.execute(keyOf);
      if (found) return found;
      await openRow.execute({ ...keyOf, runId: k.runId, to: k.to, from: k.from, unsubscribeToken: randomBytes(18).toString('base64url') });
      const [row] = await byKey.execute(keyOf);
      return row!;
    },
    /** Whether this step already went (or may have gone) to this address under another lead row, e.g. a lead deleted and re-imported. */
    async sentToAddress({
      workspaceId,
      campaignId,
      stepId,
      email,
      exceptId,
    }: Scoped & { campaignId: string; stepId: string; email: string; exceptId: string }): Promise<boolean> {
      const [row] = await sentToAddressQuery.execute({ workspaceId, campaignId, stepId, email: email.toLowerCase(), exceptId });
      return Boolean(row);
    },
    /** `open` for a whole run in one statement; rows that exist already are left as they are. */
    async openMany(a: {
      workspaceId: string;
      campaignId: string;
      stepId: string;
      runId: string;
      from: string;
      leads: Array<{ leadId: string; to: string }>;
    }): Promise<void> {
      for (let i = 0; i < a.leads.length; i += 1000) {
        const slice = a.leads.slice(i, i + 1000);
        if (slice.length === 0) continue;
        await db
          .insert(emailLogs)
          .values(
            slice.map((l) => ({
              workspaceId: a.workspaceId,
              campaignId: a.campaignId,
              stepId: a.stepId,
              leadId: l.leadId,
              runId: a.runId,
              toEmail: l.to,
              fromEmail: a.from,
              subject: '',
              body: '',
              headers: {},
              status: 'pending' as const,
              unsubscribeToken: randomBytes(18).toString('base64url'),
            })),
          )
          .onConflictDoNothing();
      }
    },
    async find(k: SendKey & Scoped): Promise<EmailLogRow | null> {
      const [row] = await db.select().from(emailLogs).where(key(k));
      return row ?? null;
    },
    /**
     * Takes the row from pending to `sending` (or, in outbox mode, straight to `outbox` with the
     * stored message) in one guarded statement, under a per-campaign lock that keeps the
     * per-minute cap exact across workers and processes. Only one attempt can win.
     */
    async claim(
      opts: RowRef & { campaignId: string; capPerMinute: number; message: OutgoingMessage; outbox?: { raw: string; messageId: string } },
    ): Promise<'claimed' | 'throttled' | 'taken'> {
      const { message, outbox } = opts;
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${opts.campaignId}))`);
        const [recent] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(emailLogs)
          .where(
            and(
              eq(emailLogs.workspaceId, opts.workspaceId),
              eq(emailLogs.campaignId, opts.campaignId),
              sql`${emailLogs.claimedAt} > now() - interval '1 minute'`,
            ),
          );
        if (recent!.n >= opts.capPerMinute) return 'throttled';
        const now = new Date();
        const rows = await tx
          .update(emailLogs)
          .set({
            status: outbox ? 'outbox' : 'sending',
            toEmail: message.to,
            subject: message.subject,
            body: message.body,
            headers: message.headers,
            attempts: sql`${emailLogs.attempts} + 1`,
            claimedAt: now,
            updatedAt: now,
            ...(outbox
              ? { transport: 'outbox' as const, raw: outbox.raw, providerMessageId: outbox.messageId, error: null, retryable: false, sentAt: now }
              : {}),
          })
          .where(and(row(opts), eq(emailLogs.status, 'pending')))
          .returning({ id: emailLogs.id });
        return rows.length ? 'claimed' : 'taken';
      });
    },
    /** Seconds until the oldest claim in the cap window leaves it. */
    async capWaitSeconds({ workspaceId, campaignId }: Scoped & { campaignId: string }): Promise<number> {
      const [row] = await db
        .select({ s: sql<number>`coalesce(extract(epoch from (min(${emailLogs.claimedAt}) + interval '1 minute' - now())), 0)::float` })
        .from(emailLogs)
        .where(and(eq(emailLogs.workspaceId, workspaceId), eq(emailLogs.campaignId, campaignId), sql`${emailLogs.claimedAt} > now() - interval '1 minute'`));
      return Math.max(0.05, Number(row!.s));
    },
    async markSent(sent: RowRef & { providerMessageId: string; raw: string | null }): Promise<void> {
      await markSentQuery.execute({ id: sent.id, workspaceId: sent.workspaceId, providerMessageId: sent.providerMessageId, raw: sent.raw });
    },
    /** A failure; when `final` is false the queue will try again, so the row goes back to pending. */
    async markFailed(failure: RowRef & { error: string; retryable: boolean; final: boolean; from?: EmailStatus[] }): Promise<void> {
      await db
        .update(emailLogs)
        .set({ status: failure.final ? 'failed' : 'pending', error: failure.error, retryable: failure.retryable, updatedAt: new Date() })
        .where(and(row(failure), inArray(emailLogs.status, failure.from ?? ['pending', 'sending'])));
    },
    async markSkipped(r: RowRef & { reason: string }): Promise<void> {
      await db
        .update(emailLogs)
        .set({ status: 'skipped', error: r.reason, retryable: false, updatedAt: new Date() })
        .where(and(row(r), eq(emailLogs.status, 'pending')));
    },
    /** A send cut off by a crash after it was handed to the mail server: never resent automatically. */
    async markInterrupted(r: RowRef & { reason: string }): Promise<void> {
      await db
        .update(emailLogs)
        .set({ status: 'interrupted', error: r.reason, retryable: true, updatedAt: new Date() })
        .where(and(row(r), eq(emailLogs.status, 'sending')));
    },
    /**
     * A person's explicit retry: retryable rows in `statuses` (failed and interrupted unless told)
     * go back to pending; forced (a new run's leads), failed and skipped rows whatever their flag.
     */
    async reopen({
      workspaceId,
      campaignId,
      stepId,
      leadIds,
      force = false,
      statuses = ['failed', 'interrupted'],
    }: Scoped & {
      campaignId: string;
      stepId: string;
      leadIds: string[];
      force?: boolean;
      statuses?: Array<'failed' | 'interrupted'>;
    }): Promise<Array<{ leadId: string; attempts: number }>> {
      if (leadIds.length === 0 || (!force && statuses.length === 0)) return [];
      const rows = await db
        .update(emailLogs)
        .set({ status: 'pending', error: null, attempts: sql`${emailLogs.attempts} + 1`, updatedAt: new Date() })
        .where(
          and(
            eq(emailLogs.workspaceId, workspaceId),
            eq(emailLogs.campaignId, campaignId),
            eq(emailLogs.stepId, stepId),
            inArray(emailLogs.leadId, leadIds),
            inArray(emailLogs.status, force ? ['failed', 'skipped'] : statuses),
            force ? undefined : eq(emailLogs.retryable, true),
          ),
        )
        .returning({ leadId: emailLogs.leadId, attempts: emailLogs.attempts });
      return rows.map((r) => ({ leadId: r.leadId!, attempts: r.attempts }));
    },
    async forStep({ workspaceId, campaignId, stepId }: Scoped & { campaignId: string; stepId: string }): Promise<EmailLogRecord[]> {
      return db
        .select()
        .from(emailLogs)
        .where(and(eq(emailLogs.workspaceId, workspaceId), eq(emailLogs.campaignId, campaignId), eq(emailLogs.stepId, stepId)));
    },
    async forSteps({ workspaceId, campaignId, stepIds }: Scoped & { campaignId: string; stepIds: string[] }): Promise<EmailLogRecord[]> {
      if (stepIds.length === 0) return [];
      return db
        .select()
        .from(emailLogs)
        .where(and(eq(emailLogs.workspaceId, workspaceId), eq(emailLogs.campaignId, campaignId), inArray(emailLogs.stepId, stepIds)));
    },
    /** One page of the outbox, searched, filtered and sorted by the database (schemas/outbox.ts). */
    async outboxPage({ workspaceId, query }: { workspaceId: string; query: OutboxQuery }): Promise<Omit<OutboxPage, 'mode'>> {
      const listed = ['sent', 'outbox', 'failed', 'interrupted'] as const;
      const scope = and(
        eq(emailLogs.workspaceId, workspaceId),
        inArray(emailLogs.status, [...listed]),
        query.campaignId ? eq(emailLogs.campaignId, query.campaignId) : undefined,
      );
      const words = query.q.split(/\s+/).filter(Boolean);
      // LIKE's own characters in a search are literal: "100%" finds "100%", not everything.
      const pattern = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const searched = words.map((w) => {
        const p = pattern(w);
        return or(
          ilike(sql`coalesce(${leads.name}, '')`, p),
          ilike(emailLogs.toEmail, p),
          ilike(emailLogs.subject, p),
          ilike(sql`coalesce(${campaigns.name}, '')`, p),
        );
      });
      const filtered = query.filter ? inArray(emailLogs.status, query.filter === 'delivered' ? ['sent', 'outbox'] : ['failed', 'interrupted']) : undefined;
      const where = and(scope, ...searched, filtered);
      const [[{ matched }], groups] = (await Promise.all([
        db
          .select({ matched: sql<number>`count(*)::int` })
          .from(emailLogs)
          .leftJoin(campaigns, eq(campaigns.id, emailLogs.campaignId))
          .leftJoin(leads, eq(leads.id, emailLogs.leadId))
          .where(where),
        db
          .select({ status: emailLogs.status, n: sql<number>`count(*)::int` })
          .from(emailLogs)
          .where(scope)
          .groupBy(emailLogs.status),
      ])) as [[{ matched: number }], Array<{ status: string; n: number }>];
      const count = (statuses: readonly string[]) => groups.filter((g) => statuses.includes(g.status)).reduce((a, g) => a + Number(g.n), 0);
      const pageCount = Math.max(1, Math.ceil(matched / query.pageSize));
      const page = Math.min(query.page, pageCount);
      const key = query.sort.replace(/^-/, '');
      const dir = query.sort.startsWith('-') ? 'desc' : 'asc';
      const column =
        key === 'when'
          ? sql`coalesce(${emailLogs.sentAt}, ${emailLogs.createdAt})`
          : key === 'to'
            ? sql`lower(coalesce(${leads.name}, ${emailLogs.toEmail}))`
            : sql`lower(${emailLogs.subject})`;
      const rows = await withNames()
        .where(where)
        .orderBy(dir === 'desc' ? sql`${column} desc nulls last` : sql`${column} asc nulls last`, desc(emailLogs.id))
        .limit(query.pageSize)
        .offset((page - 1) * query.pageSize);
      return {
        emails: rows.map((r) => toLog({ ...r.log, campaignName: r.campaignName, leadName: r.leadName })),
        page,
        pageSize: query.pageSize,
        pageCount,
        matched: Number(matched),
        total: count(listed),
        counts: { delivered: count(['sent', 'outbox']), failed: count(['failed', 'interrupted']) },
      };
    },
    async raw({ workspaceId, id }: { workspaceId: string; id: string }): Promise<string> {
      const [row] = await db
        .select({ raw: emailLogs.raw })
        .from(emailLogs)
        .where(and(eq(emailLogs.id, id), eq(emailLogs.workspaceId, workspaceId)));
      if (!row?.raw) throw notFound('Stored message');
      return row.raw;
    },
    /**
     * The sweep (campaigns/sweep.ts): open rows, in every workspace, unchanged for `graceSeconds`
     * and with no live job in `queue`, each with the newest job there was for it. The live jobs
     * are gathered once (a hash anti-join), so a long queue of waiting sends stays cheap.
     */
    async strandedSends({ queue, graceSeconds, limit }: { queue: string; graceSeconds: number; limit: number }): Promise<StrandedSend[]> {
      const result = await db.execute(sql`
        with live as (
          select distinct j.data->>'campaignId' as c, j.data->>'stepId' as s, j.data->>'leadId' as l
          from ${jobTable} j where j.name = ${queue} and j.state in ${LIVE_JOB_STATES}
        )
        select e.id, e.workspace_id, e.run_id, e.status, last.state, last.retry_count, last.error
        from ${emailLogs} e
        left join lateral (
          select j.state::text as state, j.retry_count, coalesce(j.output->>'error', j.output->>'message') as error
          from ${jobTable} j where j.name = ${queue} and ${jobIsFor('j', 'e')}
          order by j.created_on desc limit 1
        ) last on true
        where e.status in ('pending', 'sending')
          and e.campaign_id is not null and e.sequence_id is not null and e.lead_id is not null
          and e.updated_at < now() - make_interval(secs => ${graceSeconds})
          and not exists (select 1 from live where live.c = e.campaign_id::text and live.s = e.sequence_id::text and live.l = e.lead_id::text)
        order by e.updated_at
        limit ${limit}`);
      type Row = {
        id: string;
        workspace_id: string;
        run_id: string | null;
        status: 'pending' | 'sending';
        state: string | null;
        retry_count: number | null;
        error: string | null;
      };
      return rowsOf<Row>(result).map((r) => ({
        workspaceId: r.workspace_id,
        id: r.id,
        runId: r.run_id,
        status: r.status,
        job: r.state ? { state: r.state as 'completed' | 'cancelled' | 'failed', retryCount: Number(r.retry_count ?? 0), error: r.error } : null,
      }));
    },
    /** Settles one stranded row, re-checking in the same statement that it is unchanged and has no live job. */
    async settleStranded(a: RowRef & Settlement & { from: 'pending' | 'sending'; queue: string; graceSeconds: number }): Promise<boolean> {
      const result = await db.execute(sql`
        update ${emailLogs} e set status = ${a.status}, error = ${a.reason}, retryable = ${a.retryable}, updated_at = now()
        where e.id = ${a.id} and e.workspace_id = ${a.workspaceId} and e.status = ${a.from}
          and e.updated_at < now() - make_interval(secs => ${a.graceSeconds})
          and not exists (select 1 from ${jobTable} j where j.name = ${a.queue} and j.state in ${LIVE_JOB_STATES} and ${jobIsFor('j', 'e')})
        returning e.id`);
      return rowsOf(result).length > 0;
    },
    /** The unsubscribe link's token is its own credential: it names the workspace, so this lookup is the one that takes none. */
    async byUnsubscribeToken({ token }: { token: string }): Promise<{ workspaceId: string; email: string; from: string } | null> {
      const [row] = await db
        .select({ workspaceId: emailLogs.workspaceId, email: emailLogs.toEmail, from: emailLogs.fromEmail })
        .from(emailLogs)
        .where(eq(emailLogs.unsubscribeToken, token));
      return row ?? null;
    },

    /**
     * Puts an address on the suppression list. The recipient's own unsubscribe (`source:
     * 'unsubscribe'`) takes over a hand-added row for the same address, from then on; adding by
     * hand an address that is already there keeps the row as it is.
     */
    async suppress({
      workspaceId,
      email,
      reason,
      source,
    }: {
      workspaceId: string;
      email: string;
      reason: string;
      source: SuppressionSource;
    }): Promise<Suppression> {
      const manual = sql`${suppressions.source} = 'manual'`;
      const [row] = await db
        .insert(suppressions)
        .values({ workspaceId, email: email.toLowerCase(), reason, source })
        .onConflictDoUpdate({
          target: [suppressions.workspaceId, suppressions.email],
          set:
            source === 'unsubscribe'
              ? {
                  source: sql`'unsubscribe'`,
                  reason: sql`case when ${manual} then excluded.reason else ${suppressions.reason} end`,
                  createdAt: sql`case when ${manual} then now() else ${suppressions.createdAt} end`,
                }
              : { reason: sql`${suppressions.reason}` },
        })
        .returning();
      return toSuppression(row!);
    },
    async isSuppressed({ workspaceId, email }: { workspaceId: string; email: string }): Promise<boolean> {
      const [row] = await suppressedQuery.execute({ workspaceId, email: email.toLowerCase() });
      return Boolean(row);
    },
    async suppressions({ workspaceId }: { workspaceId: string }): Promise<Suppression[]> {
      const rows = await db.select().from(suppressions).where(eq(suppressions.workspaceId, workspaceId)).orderBy(desc(suppressions.createdAt));
      return rows.map(toSuppression);
    },
    /** Removes a hand-added address. One the recipient unsubscribed themselves stays: a conflict that says why. */
    async unsuppress({ workspaceId, email }: { workspaceId: string; email: string }): Promise<void> {
      const which = and(eq(suppressions.workspaceId, workspaceId), eq(suppressions.email, email.toLowerCase()));
      const rows = await db
        .delete(suppressions)
        .where(and(which, eq(suppressions.source, 'manual')))
        .returning({ email: suppressions.email });
      if (rows.length) return;
      const [kept] = await db.select().from(suppressions).where(which);
      if (!kept) throw notFound('Suppressed address');
      throw new AppError(
        'conflict',
        `${kept.email} unsubscribed themselves on ${kept.createdAt.toISOString().slice(0, 10)}; only they can subscribe again, so the address stays on the list.`,
        { reason: 'unsubscribed_by_recipient', source: kept.source },
      );
    },
  };
}
