import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import type { JobRunner } from '../../jobs/runner.js';
import { AppError } from '../../lib/errors.js';
import { loggableMessage } from '../../lib/loggable.js';
import { matchResponse, proposeRules, ruleKeys } from '../../lib/persona-match.js';
import {
  AutoSyncSchema,
  EvolutionQuerySchema,
  PutMappingRulesSchema,
  SegmentToLeadsSchema,
  TopMatchesQuerySchema,
  type AnalyticsJob,
  type SegmentToLeadsResult,
} from '../../schemas/persona-analytics.js';
import { SurveyResponseInputSchema } from '../../schemas/survey-response.js';
import type { LeadInput } from '../../schemas/lead.js';
import { validationError } from '../errors.js';
import { segmentToCsv } from '../formats/segment-csv.js';
import { leadFromResponse } from '../formats/segment-leads.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';
import { uuidParam } from './params.js';

// The six endpoints of source document 003 under /api/personas/:id, plus the rules they rest on
// and the segment a persona's strong matches make.

const MatchResponseSchema = z.union([
  z.object({ data: SurveyResponseInputSchema }).strict(),
  z.object({ responseId: z.string().uuid('responseId must be the id of one of your responses') }).strict(),
]);

const NO_RULES = 'This persona has no mapping rules yet: add some on its Analytics tab (or PUT /api/personas/:id/mapping-rules) first.';
const REQUIREMENT_MAX = 2000;
/** A segment is for a campaign, not a dump. */
const SEGMENT_MAX = 100_000;

export function personaAnalyticsRoutes({ queries, jobs }: { queries: Queries; jobs: Pick<JobRunner, 'enqueueRescore' | 'enqueuePersonas'> }): Router {
  const router = Router();
  const analytics = queries.personaAnalytics;
  uuidParam(router, () => 'Persona not found');

  // A second press while a job for the same rules is queued or running joins it. A job the queue
  // would not take is marked failed and returned as such: the rules are saved either way.
  const rescore = async (workspaceId: string, personaId: string, rulesVersion: number): Promise<AnalyticsJob> => {
    const { job, created } = await analytics.rescoreJob({ workspaceId, personaId, rulesVersion });
    if (!created) return job;
    try {
      await jobs.enqueueRescore({ jobId: job.id, workspaceId, personaId, rulesVersion });
      return job;
    } catch (err) {
      const error = `The rescoring could not be queued (${loggableMessage(err)}): press Recalculate all to try again.`;
      await analytics.updateJob({ id: job.id, status: 'failed', error, finished: true });
      return { ...job, status: 'failed', error };
    }
  };

  router.get('/:id/mapping-rules', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const persona = await queries.personas.get({ workspaceId, id: req.params.id! });
    const { rules, version, autoSync, lastSyncedAt } = await analytics.rules({ workspaceId, personaId: persona.id });
    res.json({ rules, version, autoSync, lastSyncedAt, proposed: proposeRules(persona.data) });
  });

  // Saving rules rescores the persona's responses in a job; the reply carries it for its progress.
  router.put('/:id/mapping-rules', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = PutMappingRulesSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const personaId = req.params.id!;
    const saved = await analytics.saveRules({ workspaceId, personaId, rules: body.data.data, expectedVersion: body.data.expectedVersion });
    const job = ruleKeys(saved.rules).ruleCount > 0 ? await rescore(workspaceId, personaId, saved.version) : null;
    await recordAudit(queries.audit, res, {
      action: 'persona.rules_changed',
      subjectType: 'persona',
      subjectId: personaId,
      summary: `Changed the mapping rules of a persona (rules version ${saved.version})`,
    });
    res.json({ rules: saved.rules, version: saved.version, job });
  });

  router.put('/:id/auto-sync', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = AutoSyncSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.json({ autoSync: await analytics.setAutoSync({ workspaceId, personaId: req.params.id!, autoSync: body.data.autoSync }) });
  });

  router.get('/:id/analytics', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json(await analytics.analytics({ workspaceId, personaId: req.params.id! }));
  });

  router.get('/:id/evolution', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = EvolutionQuerySchema.safeParse(req.query);
    if (!query.success) throw validationError(query.error);
    res.json(await analytics.evolution({ workspaceId, personaId: req.params.id!, days: query.data.days }));
  });

  // A score on request: for an inline response nothing is stored.
  router.post('/:id/match-response', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = MatchResponseSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const { rules } = await analytics.rules({ workspaceId, personaId: req.params.id! });
    const response = 'data' in body.data ? body.data.data : await queries.surveyResponses.get({ workspaceId, id: body.data.responseId });
    const result = matchResponse(rules, response);
    if (!result) throw new AppError('invalid', NO_RULES);
    res.json(result);
  });

  router.get('/:id/top-matches', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = TopMatchesQuerySchema.safeParse(req.query);
    if (!query.success) throw validationError(query.error);
    res.json(await analytics.topMatches({ workspaceId, personaId: req.params.id!, ...query.data }));
  });

  router.post('/:id/sync', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const snapshot = await analytics.snapshot({ workspaceId, personaId: req.params.id! });
    res.json({ snapshot, lastSyncedAt: snapshot.createdAt });
  });

  router.post('/:id/batch-calculate', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const { rules, version } = await analytics.rules({ workspaceId, personaId: req.params.id! });
    if (ruleKeys(rules).ruleCount === 0) throw new AppError('invalid', NO_RULES);
    res.status(202).json({ job: await rescore(workspaceId, req.params.id!, version) });
  });

  router.get('/:id/segment.csv', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const persona = await queries.personas.get({ workspaceId, id: req.params.id! });
    const name =
      persona.data.personName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'persona';
    res
      .attachment(`${name}-strong-matches.csv`)
      .type('text/csv')
      .send(segmentToCsv(await analytics.strongMatches({ workspaceId, personaId: persona.id, max: SEGMENT_MAX })));
  });

  // Respondents who gave an email and agreed to be contacted become leads, in their own words.
  router.post('/:id/segment/leads', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = SegmentToLeadsSchema.safeParse(req.body ?? {});
    if (!body.success) throw validationError(body.error);
    const persona = await queries.personas.get({ workspaceId, id: req.params.id! });
    if (body.data.campaignId) await queries.campaigns.get({ workspaceId, id: body.data.campaignId });
    const skipped: SegmentToLeadsResult['skipped'] = [];
    const byEmail = new Map<string, LeadInput>();
    for (const { response: r } of await analytics.strongMatches({ workspaceId, personaId: persona.id, max: SEGMENT_MAX })) {
      if (!r.respondent.email) skipped.push({ responseId: r.id, reason: 'No email address given' });
      else if (!r.respondent.consent) skipped.push({ responseId: r.id, reason: 'Did not agree to be contacted' });
      else if (byEmail.has(r.respondent.email)) continue;
      else {
        const lead = leadFromResponse(r);
        // Their answers go in whole or not at all.
        if (lead.requirement.length > REQUIREMENT_MAX)
          skipped.push({ responseId: r.id, reason: `Their answers are longer than a lead's ${REQUIREMENT_MAX} characters` });
        else byEmail.set(r.respondent.email, lead);
      }
    }
    const taken = await queries.leads.idsByEmail({ workspaceId, emails: [...byEmail.keys()] });
    const { created } = await queries.leads.createMany({ workspaceId, inputs: [...byEmail.values()].filter((l) => !taken.has(l.email)) });
    if (body.data.campaignId && byEmail.size > 0) {
      // Read again after the insert: a lead another request made with one of these addresses meanwhile joins too.
      const ids = [...(await queries.leads.idsByEmail({ workspaceId, emails: [...byEmail.keys()] })).values()];
      await queries.campaigns.addLeads({ workspaceId, id: body.data.campaignId, leadIds: ids });
    }
    await jobs.enqueuePersonas(created.map((l) => ({ workspaceId, leadId: l.id, request: 1 })));
    await recordAudit(queries.audit, res, {
      action: 'persona.segment_to_leads',
      subjectType: 'persona',
      subjectId: persona.id,
      summary: `Added ${created.length} strong matches of “${persona.data.personName}” as leads${body.data.campaignId ? ' to a campaign' : ''}`,
    });
    res.json({ added: created.length, alreadyLeads: taken.size, skipped } satisfies SegmentToLeadsResult);
  });

  return router;
}
