import { useEffect, useState, type ReactNode } from 'react';
import './progress.css';

type Props = {
  /** What is happening, e.g. "Importing 240 rows…". */
  label: ReactNode;
  /** Done of total when the work reports it; without it the bar moves without a figure. */
  value?: { done: number; total: number; failed?: number };
  /** Said beside the label, e.g. "Sent 12 of 40". Without a value, the seconds so far. */
  status?: string;
  /** The accessible name of the bar. */
  name: string;
  testId?: string;
  children?: ReactNode;
};

/** Seconds since the component appeared, ticking once a second. */
function useElapsedSeconds(): number {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return Math.floor((now - start) / 1000);
}

/**
 * Work that takes more than a moment: a determinate bar when the work counts its progress (a run's
 * sends, a batch of personas), else a moving bar with the seconds so far (an import, a generation).
 */
export function ProgressBar({ label, value, status, name, testId, children }: Props) {
  const elapsed = useElapsedSeconds();
  const pct = value && value.total ? Math.min(100, Math.round((value.done / value.total) * 100)) : 0;
  const said = status ?? (value ? `${value.done} of ${value.total}` : elapsed > 0 ? `${elapsed} s` : '');
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress__head">
        <span className="progress__label">
          <span className="spinner" aria-hidden="true" /> {label}
        </span>
        <span className="muted small" aria-live="polite" data-testid={testId ? `${testId}-status` : undefined}>
          {said}
        </span>
      </div>
      {value ? (
        <div
          className="progress__track"
          role="progressbar"
          aria-label={name}
          aria-valuemin={0}
          aria-valuemax={value.total}
          aria-valuenow={value.done}
          aria-valuetext={`${value.done} of ${value.total} done`}
        >
          <span className="progress__bar" style={{ width: `${pct}%` }} />
          {value.failed ? (
            <span className="progress__bar progress__bar--failed" style={{ width: `${value.total ? (value.failed / value.total) * 100 : 0}%` }} />
          ) : null}
        </div>
      ) : (
        <div
          className="progress__track progress__track--indeterminate"
          role="progressbar"
          aria-label={name}
          aria-valuetext={said ? `Working, ${said}` : 'Working'}
        >
          <span className="progress__bar" />
        </div>
      )}
      {children}
    </div>
  );
}
