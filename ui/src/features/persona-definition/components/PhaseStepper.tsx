import { PERSONA_PHASE_LABELS, PERSONA_PHASES, type PersonaPhase } from '../../../../../schemas/persona-definition.js';

/** who → wants → company → review → saved: the current phase highlighted, earlier ones ticked. */
export function PhaseStepper({ phase }: { phase: PersonaPhase }) {
  const current = PERSONA_PHASES.indexOf(phase);
  return (
    <nav aria-label="Progress" className="stepper-box">
      <ol className="stepper" data-testid="phase-stepper" data-phase={phase}>
        {PERSONA_PHASES.map((p, i) => {
          const done = i < current || (p === 'saved' && phase === 'saved');
          const state = i === current ? 'current' : done ? 'done' : 'todo';
          const classes = ['stepper__step', `stepper__step--${state}`, done && state === 'current' ? 'stepper__step--done' : ''];
          return (
            <li key={p} className={classes.join(' ').trim()} aria-current={i === current ? 'step' : undefined}>
              <span className="stepper__dot" aria-hidden="true">
                {done ? '✓' : i + 1}
              </span>
              <span className="stepper__label">
                {PERSONA_PHASE_LABELS[p]}
                {state === 'done' ? <span className="sr-only"> (done)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="stepper__caption" aria-hidden="true">
        Step {current + 1} of {PERSONA_PHASES.length}: <strong>{PERSONA_PHASE_LABELS[phase]}</strong>
      </p>
    </nav>
  );
}
