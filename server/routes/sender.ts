import { Router } from 'express';
import { SenderProfileSaveSchema, type Sender, type SenderProfile, type SenderProfileInput } from '../../schemas/sender-profile.js';
import type { AuditLog } from '../../lib/audit.js';
import { emailFooter } from '../../mail/compose.js';
import { validationError } from '../errors.js';
import { recordAudit } from '../http/audit.js';
import { requireOwner, scopeOf } from '../http/request-scope.js';

type SenderProfiles = {
  save(a: { workspaceId: string; input: SenderProfileInput; expectedVersion: number }): Promise<SenderProfile>;
};

/** The end of every email as the sender makes it: the signature, then the footer (the link is each recipient's own). */
const endOfEmail = (sender: Sender) =>
  emailFooter({
    signature: sender.signature,
    company: sender.company,
    postalAddress: sender.postalAddress,
    unsubscribeUrl: '<their unsubscribe link>',
  }).replace(/^\n+/, '');

export function senderRoutes(deps: {
  profiles: SenderProfiles;
  settings(a: { workspaceId: string }): Promise<{ profile: SenderProfile | null; sender: Sender }>;
  audit: AuditLog;
}): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    const { profile, sender } = await deps.settings({ workspaceId });
    res.json({ profile, sender, endOfEmail: endOfEmail(sender) });
  });
  // Who the emails say they are from is the workspace's public face: owners set it, and it is audited.
  router.put('/', requireOwner, async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = SenderProfileSaveSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const profile = await deps.profiles.save({ workspaceId, input: body.data.data, expectedVersion: body.data.expectedVersion });
    await recordAudit(deps.audit, res, {
      action: 'sender.updated',
      subjectType: 'sender',
      subjectId: null,
      summary: `Set the sender of campaign email to ${profile.fromName} <${profile.fromEmail}>`,
    });
    const { sender } = await deps.settings({ workspaceId });
    res.json({ profile, sender, endOfEmail: endOfEmail(sender) });
  });
  return router;
}
