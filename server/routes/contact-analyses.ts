import { Router } from 'express';
import type { Queries } from '../../db/queries/index.js';
import { ANALYZE_CONTACT_FLOW } from '../../flows/analyze-contact.js';
import { uuidParam } from './params.js';
import { scopeOf } from '../http/request-scope.js';

/** A contact's meeting-prep briefs (history kept) and the chat session about them. */
export function contactAnalysisRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  uuidParam(router, () => 'Contact not found');
  router.get('/:id/analyses', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await queries.contacts.get({ workspaceId, id: req.params.id! });
    res.json({ analyses: await queries.contactAnalyses.history({ workspaceId, contactId: req.params.id! }) });
  });
  router.get('/:id/analysis-session', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await queries.contacts.get({ workspaceId, id: req.params.id! });
    res.json({ sessionId: await queries.wizardSessions.latestFor({ workspaceId, flow: ANALYZE_CONTACT_FLOW, subjectId: req.params.id! }) });
  });
  return router;
}
