import { Router } from 'express';
import type { Queries } from '../../db/queries/index.js';
import type { WebsiteResearch } from '../../research/website-research.js';
import { ResearchRequestSchema } from '../../schemas/lead-research.js';
import { HttpError, validationError } from '../errors.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';
import { uuidParam } from './params.js';

const isLinkedIn = (url: string) => {
  try {
    return /(^|\.)linkedin\.com$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * A lead's website research (docs/research.md): read on request only ("Research website" /
 * "Refresh"), stored with the lead; GET returns the stored reading (null before the first).
 */
export function leadResearchRoutes({ queries, readWebsite }: { queries: Queries; readWebsite: (url: string) => Promise<WebsiteResearch> }): Router {
  const router = Router();
  uuidParam(router, () => 'Lead not found');

  router.get('/:id/research', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await queries.leads.get({ workspaceId, id: req.params.id! });
    res.json({ research: await queries.leadResearch.get({ workspaceId, leadId: req.params.id! }) });
  });

  router.post('/:id/research', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = ResearchRequestSchema.safeParse(req.body ?? {});
    if (!body.success) throw validationError(body.error);
    const lead = await queries.leads.get({ workspaceId, id: req.params.id! });
    if (!lead.websiteUrl) {
      throw new HttpError(400, 'INVALID_ARGUMENT', `${lead.name} has no website URL to research: add one to the lead first.`, {
        fields: [{ path: 'websiteUrl', message: 'No website URL' }],
      });
    }
    if (isLinkedIn(lead.websiteUrl)) {
      throw new HttpError(
        400,
        'INVALID_ARGUMENT',
        'LinkedIn pages cannot be read without signing in: paste the profile into the lead’s "Pasted LinkedIn text" instead, and give their company’s own site as the website URL.',
        { fields: [{ path: 'websiteUrl', message: 'A LinkedIn URL, not a company website' }] },
      );
    }
    // The network is read before anything is written: no request holds a transaction open meanwhile.
    const reading = await readWebsite(lead.websiteUrl);
    const research = await queries.leadResearch.store({ workspaceId, leadId: lead.id, research: reading });
    await recordAudit(queries.audit, res, {
      action: 'lead.researched',
      subjectType: 'lead',
      subjectId: lead.id,
      summary: `Read the website of ${lead.name} (${research.pages.length} page${research.pages.length === 1 ? '' : 's'}${research.failures.length ? `, ${research.failures.length} not readable` : ''})`,
    });
    res.json({ research });
  });
  return router;
}
