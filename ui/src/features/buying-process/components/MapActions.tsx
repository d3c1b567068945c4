import { Link } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { StepButtons } from '../../../shared/wizard/StepButtons';
import type { BuyingPhase, BuyingProcessAction } from '../api/buying-process-flow';
import { atOrAfter } from '../stages';
import { paths } from '../../../shared/paths';

type Props = {
  phase: BuyingPhase;
  done: boolean;
  busy: boolean;
  canUndo: boolean;
  running: BuyingProcessAction | null;
  onAction: (action: BuyingProcessAction) => void;
};

export function MapActions({ phase, done, busy, canUndo, running, onAction }: Props) {
  return (
    <div className="actions" role="group" aria-label="Wizard actions">
      <div className="actions__row">
        <StepButtons
          busy={busy}
          canBack={atOrAfter(phase, 'stages')}
          canNext={phase !== 'review'}
          canUndo={canUndo}
          nextIsPrimary={phase === 'intro'}
          running={running}
          onAction={onAction}
        />
        {!done && phase !== 'intro' ? (
          <Button
            variant={phase === 'review' ? 'primary' : 'secondary'}
            className="actions__save"
            onClick={() => onAction('finalize')}
            busy={running === 'finalize'}
            disabled={busy}
            data-testid="bp-finalize"
            title="Mark the map as complete (the assistant says what is still missing, if anything)"
          >
            Complete map
          </Button>
        ) : null}
      </div>
      {done ? (
        <div className="actions__row">
          <Button
            onClick={() => onAction('reopen')}
            busy={running === 'reopen'}
            disabled={busy}
            data-testid="bp-reopen"
            title="Make the map editable again, starting from the persona"
          >
            Edit persona
          </Button>
          <Link to={paths.newBuyingProcessMap} className="btn btn--secondary" data-testid="bp-add-another">
            Add another persona's process
          </Link>
          <Link to={paths.buyingProcessMaps} className="btn btn--primary actions__save" data-testid="bp-finish">
            Finish
          </Link>
        </div>
      ) : null}
    </div>
  );
}
