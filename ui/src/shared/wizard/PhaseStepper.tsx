type Props<P extends string> = {
  phases: readonly P[];
  labels: Record<P, string>;
  phase: P;
  /** The flow is finished: the current (last) step is ticked as well. */
  complete?: boolean;
};

/** The flow's phases in order: the current one highlighted, earlier ones ticked. */
export function PhaseStepper<P extends string>({ phases, labels, phase, complete = false }: Props<P>) {
  const current = phases.indexOf(phase);
  return (
    <nav aria-label="Progress" className="stepper-box">
      <ol className="stepper" data-testid="phase-stepper" data-phase={phase}>
        {phases.map((p, i) => {
          const done = i < current || (complete && i === current);
          const state = i === current ? 'current' : done ? 'done' : 'todo';
          const classes = ['stepper__step', `stepper__step--${state}`, done && state === 'current' ? 'stepper__step--done' : ''];
          return (
            <li key={p} className={classes.join(' ').trim()} aria-current={i === current ? 'step' : undefined}>
              <span className="stepper__dot" aria-hidden="true">
                {done ? '✓' : i + 1}
              </span>
              <span className="stepper__label">
                {labels[p]}
                {state === 'done' ? <span className="sr-only"> (done)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="stepper__caption" aria-hidden="true">
        Step {current + 1} of {phases.length}: <strong>{labels[phase]}</strong>
      </p>
    </nav>
  );
}
