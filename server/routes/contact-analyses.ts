import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { ANALYZE_CONTACT_FLOW } from '../../flows/analyze-contact.js';
import { MAX_VERSION } from '../../schemas/version.js';
import { HttpError } from '../errors.js';
import { uuidParam } from './params.js';
import { scopeOf } from '../http/request-scope.js';

const VersionParam = z.coerce.number().int().min(1).max(MAX_VERSION);

/** A contact's meeting-prep briefs (history kept) and the chat session about them. */
export function contactAnalysisRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  uuidParam(router, () => 'Contact not found');
  router.get('/:id/analyses', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await queries.contacts.get({ workspaceId, id: req.params.id! });
    res.json({ analyses: await queries.contactAnalyses.history({ workspaceId, contactId: req.params.id! }) });
  });
  // "Restore this version": the next brief version takes the old brief; the prep session follows it.
  router.post('/:id/analyses/:version/restore', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const version = VersionParam.safeParse(req.params.version);
    if (!version.success) throw new HttpError(404, 'NOT_FOUND', 'Brief version not found');
    const analysis = await queries.contactAnalyses.restore({ workspaceId, contactId: req.params.id!, version: version.data, flow: ANALYZE_CONTACT_FLOW });
    res.status(201).json({ analysis });
  });
  router.get('/:id/analysis-session', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await queries.contacts.get({ workspaceId, id: req.params.id! });
    res.json({ sessionId: await queries.wizardSessions.latestFor({ workspaceId, flow: ANALYZE_CONTACT_FLOW, subjectId: req.params.id! }) });
  });
  return router;
}
