import { Router } from 'express';
import { z } from 'zod';
import type { ProviderControl } from '../../models/provider-control.js';
import { maskSecretsDeep } from '../../lib/secrets.js';
import { HttpError, validationError } from '../errors.js';
import type { AuditLog } from '../../lib/audit.js';
import { requireOwner, scopeOf } from '../http/request-scope.js';

const SwitchSchema = z.object({ provider: z.enum(['offline', 'gemini', 'openai', 'anthropic', 'compatible']) }).strict();

/** The model provider: which is active, switching among the configured ones, a connection test. Keys never leave the server. */
export function settingsRoutes({ control, audit }: { control: ProviderControl; audit: AuditLog }): Router {
  const router = Router();
  router.get('/provider', (_req, res) => {
    res.json(control.state());
  });
  // The provider is the server's, shared by every workspace: only owners switch it, and it is audited.
  router.put('/provider', requireOwner, async (req, res) => {
    const before = control.state().active;
    const body = SwitchSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const active = control.switchTo(body.data.provider);
    if (!active) {
      throw new HttpError(
        400,
        'FAILED_PRECONDITION',
        `The ${body.data.provider} provider is not configured on this server. Set its environment variables and restart.`,
      );
    }
    const { workspaceId, actor } = scopeOf(res);
    await audit.record({
      workspaceId,
      actor,
      entry: {
        action: 'provider.switched',
        subjectType: 'provider',
        subjectId: active.provider,
        summary: `Switched the model provider from ${before.label} to ${active.label}`,
      },
    });
    res.json({ active });
  });
  router.post('/provider/test', async (_req, res) => {
    const { active } = control.state();
    // A provider's error (or reply) can quote the key it was sent: masked before it leaves.
    res.json({ provider: active.provider, model: active.model, ...maskSecretsDeep(await control.test()) });
  });
  return router;
}
