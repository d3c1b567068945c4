import type { PersonaDefinitionAction, PersonaPhase } from '@schemas/persona-definition.js';
import { Button } from '../../../shared/components/Button';
import { StepButtons } from '../../../shared/wizard/StepButtons';

type Props = {
  phase: PersonaPhase;
  busy: boolean;
  canUndo: boolean;
  hasUnconfirmed: boolean;
  running: PersonaDefinitionAction | null;
  onAction: (action: PersonaDefinitionAction) => void;
};

export function WizardActions({ phase, busy, canUndo, hasUnconfirmed, running, onAction }: Props) {
  const topic = phase === 'who' || phase === 'wants' || phase === 'company';
  const button = (action: PersonaDefinitionAction) => ({
    'data-testid': `action-${action}`,
    onClick: () => onAction(action),
    busy: running === action,
  });
  return (
    <div className="actions" role="group" aria-label="Wizard actions">
      <div className="actions__row">
        <StepButtons busy={busy} canBack={phase !== 'who'} canNext={topic} canUndo={canUndo} nextIsPrimary={topic} running={running} onAction={onAction} />
      </div>
      <div className="actions__row">
        <Button {...button('suggest')} disabled={busy || phase === 'saved'} title="Let the assistant propose values for the empty fields">
          Suggest missing
        </Button>
        {hasUnconfirmed ? (
          <Button {...button('confirm')} className="btn--warning" disabled={busy} title="Accept every suggested value">
            ✓ Confirm suggestions
          </Button>
        ) : null}
        {phase !== 'saved' ? (
          <Button
            {...button('finalize')}
            variant={phase === 'review' ? 'primary' : 'secondary'}
            className={phase === 'review' ? 'actions__save' : ''}
            disabled={busy}
          >
            Save persona
          </Button>
        ) : null}
      </div>
    </div>
  );
}
