import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { projectedCost, runCost } from '../../lib/model-cost.js';
import type { Price } from '../../lib/model-prices.js';
import { CampaignInputSchema, CampaignLeadsInputSchema } from '../../schemas/campaign.js';
import { ExpectedVersionSchema } from '../../schemas/version.js';
import { HttpError, validationError } from '../errors.js';
import type { Outreach } from '../outreach.js';
import { uuidParam } from './params.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';

const RetryInputSchema = z.object({ leadIds: z.array(z.string().uuid()).max(10_000).optional() }).strict();
const SampleEditSchema = z
  .object({
    subject: z.string().trim().min(1, 'The subject is empty').max(200, 'The subject is longer than 200 characters'),
    body: z.string().trim().min(1, 'The body is empty').max(20_000, 'The body is longer than 20,000 characters'),
  })
  .strict();

/** Campaigns: settings and sequence, their leads, the pre-flight, runs and retries. "Run now" itself is the launchCampaign flow. */
/** How many of the workspace's latest drafts a projection averages. */
const PROJECT_FROM_LAST = 50;

export function campaignRoutes({
  queries,
  outreach,
  prices,
  usageQueue,
  draftingModel,
}: {
  queries: Queries;
  outreach: Outreach;
  prices: Record<string, Price>;
  usageQueue?: { flush(): Promise<void> };
  /** The model that writes the drafts now, and how a person calls it. */
  draftingModel: () => { model: string; label: string };
}): Router {
  const router = Router();
  const campaigns = queries.campaigns;
  uuidParam(router, () => 'Campaign not found');
  router.param('runId', (_req, _res, next, id: string) =>
    next(z.string().uuid().safeParse(id).success ? undefined : new HttpError(404, 'NOT_FOUND', 'Run not found')),
  );
  router.param('leadId', (_req, _res, next, id: string) =>
    next(z.string().uuid().safeParse(id).success ? undefined : new HttpError(404, 'NOT_FOUND', 'Lead in this campaign not found')),
  );

  router.get('/', async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ campaigns: await campaigns.list({ workspaceId }) });
  });
  router.post('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = z.object({ data: CampaignInputSchema }).strict().safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.status(201).json({ campaign: await campaigns.create({ workspaceId, input: body.data.data }) });
  });
  router.get('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ campaign: await campaigns.get({ workspaceId, id: req.params.id! }) });
  });
  router.put('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = z.object({ data: CampaignInputSchema, expectedVersion: ExpectedVersionSchema }).strict().safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.json({ campaign: await campaigns.update({ workspaceId, id: req.params.id!, input: body.data.data, expectedVersion: body.data.expectedVersion }) });
  });
  router.delete('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const campaign = await campaigns.get({ workspaceId, id: req.params.id! });
    await campaigns.delete({ workspaceId, id: req.params.id! });
    await recordAudit(queries.audit, res, {
      action: 'campaign.deleted',
      subjectType: 'campaign',
      subjectId: campaign.id,
      summary: `Deleted the campaign “${campaign.name}”`,
    });
    res.status(204).end();
  });
  router.post('/:id/leads', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = CampaignLeadsInputSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.json({ campaign: await campaigns.addLeads({ workspaceId, id: req.params.id!, leadIds: body.data.leadIds }) });
  });
  router.delete('/:id/leads/:leadId', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ campaign: await campaigns.removeLead({ workspaceId, id: req.params.id!, leadId: req.params.leadId! }) });
  });
  router.get('/:id/preflight', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const stepId = typeof req.query.stepId === 'string' && req.query.stepId ? req.query.stepId : null;
    if (stepId && !z.string().uuid().safeParse(stepId).success) throw new HttpError(404, 'NOT_FOUND', 'Step not found in this campaign');
    const { preflight } = await outreach.runs.preflight({ workspaceId, campaignId: req.params.id!, stepId });
    const { sendableLeadIds: _ids, reopenLeadIds: _reopen, ...view } = preflight;
    await usageQueue?.flush();
    const recent = await queries.modelCalls.recentAverage({ workspaceId, prompt: 'email/draft', last: PROJECT_FROM_LAST });
    res.json({ ...view, projectedCost: projectedCost(prices, draftingModel(), view.sendable, recent) });
  });
  router.get('/:id/runs', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ runs: await outreach.runs.list({ workspaceId, campaignId: req.params.id! }) });
  });
  router.get('/:id/runs/:runId', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const run = await outreach.runs.get({ workspaceId, campaignId: req.params.id!, runId: req.params.runId! });
    // A send's draft calls are recorded just behind it.
    await usageQueue?.flush();
    res.json({ run: { ...run, cost: runCost(prices, await queries.modelCalls.forRun({ workspaceId, runId: run.id })) } });
  });
  // A person fixes a sample before approving; the send to that lead uses the fix.
  router.put('/:id/runs/:runId/samples/:leadId', async (req, res) => {
    const { workspaceId, actor } = scopeOf(res);
    const body = SampleEditSchema.safeParse(req.body ?? {});
    if (!body.success) throw validationError(body.error);
    const run = await outreach.runs.editSample({
      workspaceId,
      campaignId: req.params.id!,
      runId: req.params.runId!,
      leadId: req.params.leadId!,
      ...body.data,
      actor,
    });
    res.json({ run });
  });
  router.post('/:id/runs/:runId/retry', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = RetryInputSchema.safeParse(req.body ?? {});
    if (!body.success) throw validationError(body.error);
    const outcome = await outreach.runs.retry({ workspaceId, campaignId: req.params.id!, runId: req.params.runId!, leadIds: body.data.leadIds });
    await recordAudit(queries.audit, res, {
      action: 'campaign.retried',
      subjectType: 'campaign_run',
      subjectId: outcome.run.id,
      summary: `Retry of the run of “${outcome.run.stepName}”: ${outcome.message}`,
      details: { campaignId: req.params.id!, retried: outcome.retried, left: outcome.left },
    });
    res.json(outcome);
  });
  return router;
}
