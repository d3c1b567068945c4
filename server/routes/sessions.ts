import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { validationError } from '../errors.js';
import { uuidParam } from './params.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';
import { transcriptToMarkdown } from '../formats/transcript-markdown.js';

const ListQuery = z.object({ flow: z.string().min(1).max(60) }).strict();
const MessagesQuery = z
  .object({
    before: z.coerce
      .number({ invalid_type_error: 'before must be a message position (a whole number)' })
      .int('before must be a whole number')
      .min(0)
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1)
      .max(200, 'limit is at most 200')
      .default(50),
  })
  .strict();
const TranscriptQuery = z.object({ format: z.enum(['json', 'md'], { message: 'format is json or md' }).default('json') }).strict();

export function sessionRoutes({ queries, usageQueue }: { queries: Queries; usageQueue?: { flush(): Promise<void> } }): Router {
  const router = Router();
  const sessions = queries.wizardSessions;

  uuidParam(router, (id) => `Session ${id} not found`);

  router.get('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = ListQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    res.json({ sessions: await sessions.list({ workspaceId, flow: query.data.flow }) });
  });

  router.get('/:id/history', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ snapshots: await sessions.history({ workspaceId, sessionId: req.params.id! }) });
  });

  /** The conversation, a page at a time, newest page first (a turn returns only the latest messages). */
  router.get('/:id/messages', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = MessagesQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    res.json(await queries.transcripts.messages({ workspaceId, sessionId: req.params.id!, ...query.data }));
  });

  router.get('/:id/transcript', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = TranscriptQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    // A turn's model calls are recorded just behind it.
    await usageQueue?.flush();
    const transcript = await queries.transcripts.transcript({ workspaceId, sessionId: req.params.id! });
    if (query.data.format === 'json') return void res.json(transcript);
    res.type('text/markdown; charset=utf-8').attachment(`transcript-${transcript.session.id}.md`).send(transcriptToMarkdown(transcript));
  });

  router.delete('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await sessions.delete({ workspaceId, sessionId: req.params.id! });
    await recordAudit(queries.audit, res, {
      action: 'session.deleted',
      subjectType: 'wizard_session',
      subjectId: req.params.id!,
      summary: 'Deleted a wizard session',
    });
    res.status(204).end();
  });

  return router;
}
