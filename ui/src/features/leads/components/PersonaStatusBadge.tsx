import type { Lead } from '../api/leads';

/** The lead persona's state as a small badge: generating (with a spinner), ready, or failed (the error as a tooltip). */
export function PersonaStatusBadge({ lead }: { lead: Pick<Lead, 'personaStatus' | 'personaError'> }) {
  const { personaStatus: status, personaError } = lead;
  if (status === 'pending') {
    return (
      <span className="badge badge--info lead-status" data-testid="lead-persona-status" data-status={status} title="The persona is being generated in the background">
        <span className="spinner spinner--xs" aria-hidden="true" />
        Generating persona…
      </span>
    );
  }
  if (status === 'failed') {
    return (
      <span
        className="badge badge--failed lead-status"
        data-testid="lead-persona-status"
        data-status={status}
        title={personaError ? `Persona failed: ${personaError}` : 'Persona failed'}
      >
        Persona failed
      </span>
    );
  }
  return (
    <span className="badge badge--success lead-status" data-testid="lead-persona-status" data-status={status}>
      Persona ready
    </span>
  );
}
