import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, notFound, staleVersion } from '../../lib/errors.js';
import type { Campaign, CampaignInput, CampaignSettings, RecordedApproval, SequenceStep } from '../../schemas/campaign.js';
import type { Database } from '../client.js';
import type { CampaignRunRecord, NewCampaignRun } from '../../campaigns/ports.js';
import type { EmailDraft } from '../../schemas/email.js';
import { acceptedDrafts, campaignLeads, campaignRuns, campaigns, emailLogs, leads, sequenceSteps, type CampaignRow, type SequenceStepRow } from '../schema.js';
import { rowsOf } from '../rows.js';

const toStep = (r: SequenceStepRow): SequenceStep => ({
  id: r.id,
  position: r.position,
  name: r.name,
  promptConfig: r.promptConfig,
  delayDays: r.delayDays,
});

const toSettings = (r: CampaignRow, steps: SequenceStepRow[]): CampaignSettings => ({
  id: r.id,
  version: r.version,
  name: r.name,
  status: r.status,
  promptContext: r.promptJson,
  sendCapPerMinute: r.sendCapPerMinute,
  steps: steps.sort((a, b) => a.position - b.position).map(toStep),
  emailsSent: r.emailsSent,
  lastRunAt: r.lastRunAt?.toISOString() ?? null,
  approvedAt: r.approvedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const toCampaign = (r: CampaignRow, steps: SequenceStepRow[], leadIds: string[]): Campaign => ({ ...toSettings(r, steps), leadIds });

export type { CampaignRunRecord } from '../../campaigns/ports.js';

export function campaignQueries(db: Database) {
  const scoped = (workspaceId: string, id: string) => and(eq(campaigns.id, id), eq(campaigns.workspaceId, workspaceId));

  async function hydrate(rows: CampaignRow[]): Promise<Campaign[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [steps, members] = await Promise.all([
      db.select().from(sequenceSteps).where(inArray(sequenceSteps.campaignId, ids)),
      db
        .select({ campaignId: campaignLeads.campaignId, leadId: campaignLeads.leadId })
        .from(campaignLeads)
        .where(inArray(campaignLeads.campaignId, ids))
        .orderBy(asc(campaignLeads.addedAt), asc(campaignLeads.leadId)),
    ]);
    return rows.map((r) =>
      toCampaign(
        r,
        steps.filter((s) => s.campaignId === r.id),
        members.filter((m) => m.campaignId === r.id).map((m) => m.leadId),
      ),
    );
  }

  // One campaign, read by every campaign send and every draft for it: prepared once, not built per call.
  // Sends and drafts read it without its member list (settings): that list is the whole campaign's.
  const campaignById = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, sql.placeholder('id')), eq(campaigns.workspaceId, sql.placeholder('workspaceId'))))
    .prepare('campaigns_get');
  const stepsOf = db
    .select()
    .from(sequenceSteps)
    .where(eq(sequenceSteps.campaignId, sql.placeholder('campaignId')))
    .prepare('campaigns_get_steps');
  const leadIdsOf = db
    .select({ leadId: campaignLeads.leadId })
    .from(campaignLeads)
    .where(eq(campaignLeads.campaignId, sql.placeholder('campaignId')))
    .orderBy(asc(campaignLeads.addedAt), asc(campaignLeads.leadId))
    .prepare('campaigns_get_leads');
  const countSentTo = db
    .update(campaigns)
    .set({ emailsSent: sql`${campaigns.emailsSent} + 1`, lastRunAt: sql`now()` })
    .where(and(eq(campaigns.id, sql.placeholder('id')), eq(campaigns.workspaceId, sql.placeholder('workspaceId'))))
    .prepare('campaigns_count_sent');

  const stillSending = db
    .select({ one: sql<number>`1` })
    .from(emailLogs)
    .innerJoin(campaignRuns, eq(campaignRuns.id, emailLogs.runId))
    .where(
      and(
        eq(emailLogs.runId, sql.placeholder('runId')),
        inArray(emailLogs.status, ['pending', 'sending']),
        eq(campaignRuns.workspaceId, sql.placeholder('workspaceId')),
        eq(emailLogs.campaignId, campaignRuns.campaignId),
        eq(emailLogs.stepId, campaignRuns.stepId),
        // A row of a lead the run still sends to (its list can change at approval).
        sql`${campaignRuns.leadIds} ? (${emailLogs.leadId})::text`,
      ),
    )
    .limit(1)
    .prepare('campaigns_run_still_sending');

  async function get({ workspaceId, id }: { workspaceId: string; id: string }): Promise<Campaign> {
    const [row] = await campaignById.execute({ workspaceId, id });
    if (!row) throw notFound('Campaign');
    const [steps, members] = await Promise.all([stepsOf.execute({ campaignId: id }), leadIdsOf.execute({ campaignId: id })]);
    return toCampaign(
      row,
      steps,
      members.map((m) => m.leadId),
    );
  }

  return {
    get,
    async settings({ workspaceId, id }: { workspaceId: string; id: string }): Promise<CampaignSettings> {
      const [row] = await campaignById.execute({ workspaceId, id });
      if (!row) throw notFound('Campaign');
      return toSettings(row, await stepsOf.execute({ campaignId: id }));
    },
    async list({ workspaceId }: { workspaceId: string }): Promise<Campaign[]> {
      return hydrate(await db.select().from(campaigns).where(eq(campaigns.workspaceId, workspaceId)).orderBy(desc(campaigns.createdAt)));
    },
    async create({ workspaceId, input }: { workspaceId: string; input: CampaignInput }): Promise<Campaign> {
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(campaigns)
          .values({ workspaceId, name: input.name, promptJson: input.promptContext, sendCapPerMinute: input.sendCapPerMinute })
          .returning({ id: campaigns.id });
        await tx.insert(sequenceSteps).values(
          input.steps.map((s, i) => ({
            campaignId: row!.id,
            position: i + 1,
            name: s.name,
            promptConfig: s.promptConfig,
            delayDays: i === 0 ? 0 : s.delayDays,
          })),
        );
        return row!.id;
      });
      return get({ workspaceId, id });
    },
    /** Steps with an id are updated in place, new ones added; a removed step that already sent email is refused (409). */
    async update({
      workspaceId,
      id,
      input,
      expectedVersion,
    }: {
      workspaceId: string;
      id: string;
      input: CampaignInput;
      expectedVersion: number;
    }): Promise<Campaign> {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(campaigns)
          .set({
            name: input.name,
            promptJson: input.promptContext,
            sendCapPerMinute: input.sendCapPerMinute,
            version: sql`${campaigns.version} + 1`,
            updatedAt: new Date(),
          })
          .where(and(scoped(workspaceId, id), eq(campaigns.version, expectedVersion)))
          .returning({ id: campaigns.id });
        if (!row) {
          const [current] = await tx.select({ version: campaigns.version }).from(campaigns).where(scoped(workspaceId, id));
          throw current ? staleVersion(expectedVersion, current.version) : notFound('Campaign');
        }
        const existing = await tx.select().from(sequenceSteps).where(eq(sequenceSteps.campaignId, id));
        const keep = new Set(input.steps.map((s) => s.id).filter(Boolean));
        const unknown = input.steps.find((s) => s.id && !existing.some((e) => e.id === s.id));
        if (unknown) {
          throw new AppError('invalid', 'A step id does not belong to this campaign.', {
            fields: [{ path: 'data.steps', message: `Unknown step id ${unknown.id}` }],
          });
        }
        const removed = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
        if (removed.length) {
          const [used] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(emailLogs)
            .where(inArray(emailLogs.stepId, removed));
          if (used!.n > 0) throw new AppError('conflict', 'A step that already sent email cannot be removed; rename it or add a new step instead.');
          await tx.delete(sequenceSteps).where(inArray(sequenceSteps.id, removed));
        }
        for (const [i, s] of input.steps.entries()) {
          const fields = { position: i + 1, name: s.name, promptConfig: s.promptConfig, delayDays: i === 0 ? 0 : s.delayDays };
          if (s.id)
            await tx
              .update(sequenceSteps)
              .set(fields)
              .where(and(eq(sequenceSteps.id, s.id), eq(sequenceSteps.campaignId, id)));
          else await tx.insert(sequenceSteps).values({ campaignId: id, ...fields });
        }
      });
      return get({ workspaceId, id });
    },
    async delete({ workspaceId, id }: { workspaceId: string; id: string }): Promise<void> {
      const rows = await db.delete(campaigns).where(scoped(workspaceId, id)).returning({ id: campaigns.id });
      if (rows.length === 0) throw notFound('Campaign');
    },
    async addLeads({ workspaceId, id, leadIds }: { workspaceId: string; id: string; leadIds: string[] }): Promise<Campaign> {
      await get({ workspaceId, id });
      const unique = [...new Set(leadIds)];
      const found = await db
        .select({ id: leads.id })
        .from(leads)
        .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, unique)));
      const missing = unique.filter((l) => !found.some((f) => f.id === l));
      if (missing.length) {
        throw new AppError('invalid', `${missing.length} of the leads do not exist (deleted?). Reload and pick again.`, {
          fields: missing.map((m) => ({ path: 'leadIds', message: `No lead ${m}` })),
        });
      }
      await db
        .insert(campaignLeads)
        .values(unique.map((leadId) => ({ campaignId: id, leadId })))
        .onConflictDoNothing();
      await db.update(campaigns).set({ updatedAt: new Date() }).where(scoped(workspaceId, id));
      return get({ workspaceId, id });
    },
    async removeLead({ workspaceId, id, leadId }: { workspaceId: string; id: string; leadId: string }): Promise<Campaign> {
      await get({ workspaceId, id });
      const rows = await db
        .delete(campaignLeads)
        .where(and(eq(campaignLeads.campaignId, id), eq(campaignLeads.leadId, leadId)))
        .returning({ leadId: campaignLeads.leadId });
      if (rows.length === 0) throw notFound('Lead in this campaign');
      return get({ workspaceId, id });
    },

    async createRun(args: NewCampaignRun): Promise<CampaignRunRecord> {
      const [row] = await db
        .insert(campaignRuns)
        .values({
          ...(args.id ? { id: args.id } : {}),
          workspaceId: args.workspaceId,
          campaignId: args.campaignId,
          stepId: args.stepId,
          status: args.status,
          total: args.leadIds.length,
          leadIds: args.leadIds,
          sendCapPerMinute: args.sendCapPerMinute,
          transport: args.transport,
          samples: args.samples,
          interrupt: args.interrupt ?? null,
          approvedBy: args.approval?.approvedBy ?? null,
          approvedAt: args.approval?.at ?? null,
          approvalNote: args.approval?.note ?? null,
        })
        .returning();
      await db
        .update(campaigns)
        .set({ status: args.status, lastRunAt: args.status === 'running' ? new Date() : sql`${campaigns.lastRunAt}` })
        .where(scoped(args.workspaceId, args.campaignId));
      return row!;
    },
    async getRun({ workspaceId, campaignId, runId }: { workspaceId: string; campaignId: string; runId: string }): Promise<CampaignRunRecord> {
      const [row] = await db
        .select()
        .from(campaignRuns)
        .where(and(eq(campaignRuns.id, runId), eq(campaignRuns.campaignId, campaignId), eq(campaignRuns.workspaceId, workspaceId)));
      if (!row) throw notFound('Run');
      return row;
    },
    async listRuns({ workspaceId, campaignId }: { workspaceId: string; campaignId: string }): Promise<CampaignRunRecord[]> {
      return db
        .select()
        .from(campaignRuns)
        .where(and(eq(campaignRuns.campaignId, campaignId), eq(campaignRuns.workspaceId, workspaceId)))
        .orderBy(desc(campaignRuns.createdAt));
    },
    async reviseRunSample({
      workspaceId,
      runId,
      campaignId,
      stepId,
      sample,
    }: {
      workspaceId: string;
      runId: string;
      campaignId: string;
      stepId: string;
      sample: EmailDraft;
    }): Promise<CampaignRunRecord> {
      return db.transaction(async (tx) => {
        const waiting = and(eq(campaignRuns.id, runId), eq(campaignRuns.workspaceId, workspaceId), eq(campaignRuns.status, 'awaiting_approval'));
        // FOR UPDATE: a decision arriving meanwhile waits, then finds the sample already revised.
        const [row] = await tx.select().from(campaignRuns).where(waiting).for('update');
        if (!row) throw new AppError('conflict', 'This run is no longer waiting for approval, so its samples cannot change. Reload to see it.');
        const samples = row.samples.map((s) => (s.leadId === sample.leadId ? sample : s));
        const [updated] = await tx.update(campaignRuns).set({ samples }).where(waiting).returning();
        await tx
          .insert(acceptedDrafts)
          .values({ workspaceId, leadId: sample.leadId, campaignId, stepId, tone: sample.tone, subject: sample.subject, body: sample.body });
        return updated!;
      });
    },
    /**
     * Records the person's decision on a run waiting for approval, exactly once: a second
     * decision (double click, two tabs) finds the run no longer waiting → 409.
     */
    async decideRun({
      workspaceId,
      runId,
      approval,
      leadIds,
    }: {
      workspaceId: string;
      runId: string;
      approval: RecordedApproval;
      leadIds: string[];
    }): Promise<CampaignRunRecord> {
      const now = new Date();
      const [row] = await db
        .update(campaignRuns)
        .set({
          status: approval.approved ? 'running' : 'rejected',
          approvedBy: approval.approvedBy,
          approvedAt: now,
          approvalNote: approval.note,
          leadIds,
          total: leadIds.length,
          finishedAt: approval.approved ? null : now,
        })
        .where(and(eq(campaignRuns.id, runId), eq(campaignRuns.workspaceId, workspaceId), eq(campaignRuns.status, 'awaiting_approval')))
        .returning();
      if (!row) throw new AppError('conflict', 'This run is no longer waiting for approval (it was already approved or rejected). Reload to see it.');
      await db
        .update(campaigns)
        .set(
          approval.approved
            ? { status: 'running', lastRunAt: now, approvedAt: sql`coalesce(${campaigns.approvedAt}, ${now.toISOString()}::timestamptz)` }
            : { status: sql`case when ${campaigns.approvedAt} is null then 'draft' else 'completed' end` },
        )
        .where(scoped(workspaceId, row.campaignId));
      return row;
    },
    /**
     * Marks running runs of this run's campaign step completed once every one of their leads has
     * a final outcome (two runs can share leads: a run started twice at once); true when any did.
     */
    async completeRunIfDone({ workspaceId, runId }: { workspaceId: string; runId: string }): Promise<boolean> {
      // This runs after every send. While any send the run opened is still pending or sending, the
      // run cannot be done: found through email_logs_run_idx in one index probe, instead of
      // counting every lead's log row after every send (O(n) per send, O(n²) per run). Only the
      // last sends of a run (and runs whose rows another run opened) reach the full count below,
      // which stays the one that decides, so two processes finishing one run still agree.
      const [open] = await stillSending.execute({ workspaceId, runId });
      if (open) return false;
      const result = await db.execute(sql`
        with target as (select campaign_id, step_id from ${campaignRuns} where id = ${runId} and workspace_id = ${workspaceId}),
        open_runs as (
          select r.id, r.total, r.campaign_id, r.step_id, r.lead_ids from ${campaignRuns} r, target t
          where r.campaign_id = t.campaign_id and r.step_id = t.step_id and r.status = 'running'
        ),
        -- The run's lead list is unpacked once per run (not once per log row): this runs after every send.
        done as (
          select o.id, (
            select count(*)::int from ${emailLogs} l
            where l.campaign_id = o.campaign_id and l.sequence_id = o.step_id
              and l.lead_id = any (array(select jsonb_array_elements_text(o.lead_ids)::uuid))
              and l.status in ('sent', 'outbox', 'failed', 'skipped', 'interrupted')
          ) as n
          from open_runs o
        )
        update ${campaignRuns} r set status = 'completed', finished_at = now()
        from open_runs o join done d on d.id = o.id
        -- Checked again on the row itself: of two processes completing the same run at once, the
        -- second re-reads it after the first commits (READ COMMITTED) and finds it completed.
        where r.id = o.id and d.n >= o.total and r.status = 'running'
        returning r.campaign_id`);
      const rows = rowsOf<{ campaign_id: string }>(result);
      if (rows.length === 0) return false;
      await db.execute(sql`
        update ${campaigns} c set status = 'completed'
        where c.id = ${rows[0]!.campaign_id} and c.status = 'running'
          and not exists (select 1 from ${campaignRuns} r where r.campaign_id = c.id and r.status = 'running')`);
      return true;
    },
    /** A run with retried leads is running again until they finish. */
    async reopenRun({ workspaceId, runId }: { workspaceId: string; runId: string }): Promise<void> {
      const [row] = await db
        .update(campaignRuns)
        .set({ status: 'running', finishedAt: null })
        .where(and(eq(campaignRuns.id, runId), eq(campaignRuns.workspaceId, workspaceId)))
        .returning({ campaignId: campaignRuns.campaignId });
      if (row) await db.update(campaigns).set({ status: 'running', lastRunAt: new Date() }).where(scoped(workspaceId, row.campaignId));
    },
    async countSent({ workspaceId, campaignId }: { workspaceId: string; campaignId: string }): Promise<void> {
      await countSentTo.execute({ workspaceId, id: campaignId });
    },
  };
}
