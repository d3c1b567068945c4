import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import type { LearnEmailTone } from '../../flows/tone-habit.js';
import type { JobRunner } from '../../jobs/runner.js';
import { loggableText } from '../../lib/loggable.js';
import { parseLeadCsv } from '../formats/lead-csv.js';
import { leadMergeValues, unresolvedInDraft } from '../../lib/merge-fields.js';
import { AcceptDraftInputSchema } from '../../schemas/email.js';
import { LeadInputWithSourceSchema, type RejectedRow } from '../../schemas/lead.js';
import { ExpectedVersionSchema } from '../../schemas/version.js';
import { HttpError, validationError } from '../errors.js';
import { uuidParam } from './params.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';

/** Leads: CRUD, CSV import, persona (re)generation in the background, accepted drafts. */
export function leadRoutes({ queries, jobs, learnEmailTone }: { queries: Queries; jobs: JobRunner; learnEmailTone: LearnEmailTone }): Router {
  const router = Router();
  const leads = queries.leads;
  uuidParam(router, () => 'Lead not found');
  const UpdateSchema = z.object({ data: LeadInputWithSourceSchema, expectedVersion: ExpectedVersionSchema }).strict();

  router.get('/', async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ leads: await leads.listWithOutreach({ workspaceId }) });
  });
  router.post('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = z.object({ data: LeadInputWithSourceSchema }).strict().safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const lead = await leads.create({ workspaceId, input: body.data.data });
    await jobs.enqueuePersonas([{ workspaceId, leadId: lead.id, request: 1 }]);
    res.status(201).json({ lead });
  });
  router.post('/import', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = z
      .object({ csv: z.string().min(1, 'Paste or upload a CSV file').max(5_000_000) })
      .strict()
      .safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const { rows, rejected } = parseLeadCsv(body.data.csv);
    const taken = await leads.idsByEmail({ workspaceId, emails: rows.map((r) => r.input.email).filter(Boolean) });
    const fresh = rows.filter((r) => !taken.has(r.input.email));
    const alreadyThere: RejectedRow[] = rows
      .filter((r) => taken.has(r.input.email))
      .map((r) => ({ row: r.row, name: r.input.name, email: r.input.email, reason: 'Duplicate email: a lead with this email already exists' }));
    const { created, duplicates } = await leads.createMany({ workspaceId, inputs: fresh.map((r) => r.input) });
    // Another request may have added the same email between the check and the insert.
    const raced: RejectedRow[] = fresh
      .filter((r) => duplicates.includes(r.input.email))
      .map((r) => ({ row: r.row, name: r.input.name, email: r.input.email, reason: 'Duplicate email: a lead with this email already exists' }));
    await jobs.enqueuePersonas(created.map((l) => ({ workspaceId, leadId: l.id, request: 1 })));
    res.json({ imported: created, rejected: [...rejected, ...alreadyThere, ...raced].sort((a, b) => a.row - b.row) });
  });
  router.get('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ lead: await leads.get({ workspaceId, id: req.params.id! }) });
  });
  router.put('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = UpdateSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.json({ lead: await leads.update({ workspaceId, id: req.params.id!, input: body.data.data, expectedVersion: body.data.expectedVersion }) });
  });
  router.delete('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const lead = await leads.get({ workspaceId, id: req.params.id! });
    await leads.delete({ workspaceId, id: req.params.id! });
    await recordAudit(queries.audit, res, {
      action: 'lead.deleted',
      subjectType: 'lead',
      subjectId: lead.id,
      summary: `Deleted the lead ${lead.name} <${lead.email}>`,
    });
    res.status(204).end();
  });
  router.post('/:id/persona', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const ref = await leads.requestPersona({ workspaceId, id: req.params.id! });
    await jobs.enqueuePersonas([ref]);
    res.status(202).json({ lead: await leads.get({ workspaceId, id: req.params.id! }) });
  });
  router.get('/:id/drafts', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await leads.get({ workspaceId, id: req.params.id! });
    res.json({ drafts: await leads.drafts({ workspaceId, leadId: req.params.id! }) });
  });
  router.post('/:id/drafts', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = AcceptDraftInputSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const lead = await leads.get({ workspaceId, id: req.params.id! });
    const [company] = await queries.companyProfiles.list({ workspaceId });
    const unresolved = unresolvedInDraft(body.data, leadMergeValues(lead, company?.name ?? ''));
    if (unresolved.length) {
      throw new HttpError(
        400,
        'INVALID_ARGUMENT',
        `Replace ${[...new Set(unresolved.map((u) => u.field))].join(', ')} before accepting: unresolved merge fields block sending.`,
        {
          fields: unresolved.map((u) => ({ path: u.path, message: `Unresolved merge field ${u.field}` })),
        },
      );
    }
    if (body.data.campaignId) {
      const campaign = await queries.campaigns.get({ workspaceId, id: body.data.campaignId });
      if (body.data.stepId && !campaign.steps.some((s) => s.id === body.data.stepId))
        throw new HttpError(400, 'INVALID_ARGUMENT', 'That step is not part of the campaign.');
    } else if (body.data.stepId) {
      throw new HttpError(400, 'INVALID_ARGUMENT', 'A step needs its campaign: send campaignId too.');
    }
    const draft = await leads.acceptDraft({ workspaceId, leadId: req.params.id!, input: body.data });
    // The tone a person accepts a draft in is a choice: memory learns the habit (after the draft is kept, never instead of it).
    await learnEmailTone({ workspaceId }).catch((err: unknown) =>
      console.error(loggableText(`accepted draft: could not remember the email tone (${err instanceof Error ? err.message : String(err)})`)),
    );
    res.status(201).json({ draft });
  });
  return router;
}
