import { Button } from '../components/Button';

type Props = {
  busy: boolean;
  canBack: boolean;
  canNext: boolean;
  canUndo: boolean;
  /** Next is the obvious thing to do here (primary style). */
  nextIsPrimary?: boolean;
  running: string | null;
  onAction: (action: 'back' | 'next' | 'undo') => void;
};

/** ← Back, Next →, ↶ Undo: the moves every wizard has (data-testid action-back / -next / -undo). */
export function StepButtons({ busy, canBack, canNext, canUndo, nextIsPrimary = false, running, onAction }: Props) {
  const button = (action: 'back' | 'next' | 'undo') => ({
    'data-testid': `action-${action}`,
    onClick: () => onAction(action),
    busy: running === action,
  });
  return (
    <>
      <Button {...button('back')} disabled={busy || !canBack}>
        ← Back
      </Button>
      <Button {...button('next')} variant={nextIsPrimary ? 'primary' : 'secondary'} disabled={busy || !canNext}>
        Next →
      </Button>
      <Button {...button('undo')} variant="ghost" disabled={busy || !canUndo} title="Go back to before the last change">
        ↶ Undo
      </Button>
    </>
  );
}
