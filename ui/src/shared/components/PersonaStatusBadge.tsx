import type { Lead } from '@schemas/lead.js';

type Props = {
  lead: Pick<Lead, 'personaStatus' | 'personaError'>;
  /** Where it stands: the leads list and lead page, or a campaign's lead row. */
  testId?: string;
  className?: string;
};

/** A lead persona's state as a small badge: generating (with a spinner), ready, or failed (the error as a tooltip). */
export function PersonaStatusBadge({ lead, testId = 'lead-persona-status', className }: Props) {
  const { personaStatus: status, personaError } = lead;
  const classes = (tone: string) => `badge badge--${tone} lead-status${className ? ` ${className}` : ''}`;
  if (status === 'pending') {
    return (
      <span className={classes('info')} data-testid={testId} data-status={status} title="The persona is being generated in the background">
        <span className="spinner spinner--xs" aria-hidden="true" />
        Generating persona…
      </span>
    );
  }
  if (status === 'failed') {
    return (
      <span className={classes('failed')} data-testid={testId} data-status={status} title={personaError ? `Persona failed: ${personaError}` : 'Persona failed'}>
        Persona failed
      </span>
    );
  }
  return (
    <span className={classes('success')} data-testid={testId} data-status={status}>
      Persona ready
    </span>
  );
}
