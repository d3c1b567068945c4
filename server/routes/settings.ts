import { Router } from 'express';
import { z } from 'zod';
import type { ProviderControl } from '../../models/provider-control.js';
import { maskSecretsDeep } from '../../lib/secrets.js';
import { HttpError, validationError } from '../errors.js';

const SwitchSchema = z.object({ provider: z.enum(['offline', 'gemini', 'openai', 'compatible']) }).strict();

/** The model provider: which is active, switching among the configured ones, a connection test. Keys never leave the server. */
export function settingsRoutes(control: ProviderControl): Router {
  const router = Router();
  router.get('/provider', (_req, res) => {
    res.json(control.state());
  });
  router.put('/provider', (req, res) => {
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
    res.json({ active });
  });
  router.post('/provider/test', async (_req, res) => {
    const { active } = control.state();
    // A provider's error (or reply) can quote the key it was sent: masked before it leaves.
    res.json({ provider: active.provider, model: active.model, ...maskSecretsDeep(await control.test()) });
  });
  return router;
}
