import { StartSession } from '../../../shared/wizard/StartSession';
import { buyingProcessFlow } from '../api/buying-process-flow';
import { paths } from '../../../shared/paths';

/** /buying-process/new — starts a mapping session and lands on /buying-process/:sessionId. */
export function StartMap() {
  return (
    <StartSession
      flow={buyingProcessFlow}
      sessionPath={paths.buyingProcessSession}
      input={{ action: 'start' }}
      startingLabel="Starting a new buying-process map…"
      failedTitle="Could not start a new map."
    />
  );
}
