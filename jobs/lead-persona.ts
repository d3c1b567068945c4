import { AppError } from '../lib/errors.js';
import { loggableMessage } from '../lib/loggable.js';
import type { Lead, LeadPersona } from '../schemas/lead.js';

export const LEAD_PERSONA_QUEUE = 'lead-persona';

export type LeadPersonaJob = { workspaceId: string; leadId: string; request: number };

export type LeadPersonaJobDeps = {
  getLead(args: { workspaceId: string; id: string }): Promise<Lead>;
  generate(lead: Lead, workspaceId: string): Promise<LeadPersona>;
  storePersona(args: LeadPersonaJob & { persona: LeadPersona }): Promise<boolean>;
  failPersona(args: LeadPersonaJob & { error: string }): Promise<void>;
};

/**
 * One lead persona, generated once. A deleted lead or a superseded request (the person pressed
 * Regenerate meanwhile) ends the job quietly; a provider failure is retried by the queue and
 * recorded on the lead when the retries run out.
 */
export async function runLeadPersonaJob(job: LeadPersonaJob, attempt: { final: boolean }, deps: LeadPersonaJobDeps): Promise<'stored' | 'superseded' | 'gone'> {
  let lead: Lead;
  try {
    lead = await deps.getLead({ workspaceId: job.workspaceId, id: job.leadId });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return 'gone';
    throw err;
  }
  try {
    const persona = await deps.generate(lead, job.workspaceId);
    return (await deps.storePersona({ ...job, persona })) ? 'stored' : 'superseded';
  } catch (err) {
    const permanent = err instanceof AppError && (err.code === 'invalid' || (err.details as { reason?: string } | undefined)?.reason === 'api_key_missing');
    if (permanent || attempt.final) {
      await deps.failPersona({ ...job, error: loggableMessage(err) });
      return 'superseded';
    }
    throw err;
  }
}
