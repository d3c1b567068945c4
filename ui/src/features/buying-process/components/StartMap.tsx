import { StartSession } from '../../../shared/wizard/StartSession';
import { buyingProcessFlow, sessionPath } from '../api/buying-process-flow';

/** /buying-process/new — starts a mapping session and lands on /buying-process/:sessionId. */
export function StartMap() {
  return (
    <StartSession
      flow={buyingProcessFlow}
      sessionPath={sessionPath}
      input={{ action: 'start' }}
      startingLabel="Starting a new buying-process map…"
      failedTitle="Could not start a new map."
    />
  );
}
