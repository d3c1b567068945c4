import { StartSession } from '../../../shared/wizard/StartSession';
import { personaFlow } from '../api/persona-definition-flow';
import { paths } from '../../../shared/paths';

/**
 * /wizard resumes this browser's last session (or starts one); /wizard/new always starts one.
 * Either way it lands on /wizard/:sessionId, so a reload comes back to the same session.
 */
export function WizardEntry({ fresh = false }: { fresh?: boolean }) {
  return (
    <StartSession
      flow={personaFlow}
      sessionPath={paths.wizardSession}
      resumeLast={!fresh}
      startingLabel="Starting a new persona…"
      failedTitle="Could not start a new persona."
    />
  );
}
