import { Suspense, useId, type ReactNode } from 'react';

type Props = {
  title: string;
  /** The chart's numbers in one sentence, read out in place of the drawing. */
  summary: string;
  /** The same numbers as a table for screen readers (visually hidden). */
  table: ReactNode;
  /** Shown instead of the drawing when there is nothing to draw. */
  empty?: string | undefined;
  actions?: ReactNode;
  testId: string;
  children: ReactNode;
};

/**
 * A chart with its heading: the drawing is hidden from screen readers, which get the summary and
 * a table of the same numbers instead (an SVG of shapes says nothing to them).
 */
export function ChartFrame({ title, summary, table, empty, actions, testId, children }: Props) {
  const headingId = useId();
  return (
    <section className="panel chart" aria-labelledby={headingId} data-testid={testId}>
      <div className="chart__head">
        <h3 className="chart__title" id={headingId}>
          {title}
        </h3>
        {actions}
      </div>
      <p className="sr-only">{summary}</p>
      {empty ? (
        <p className="chart__empty muted small">{empty}</p>
      ) : (
        <>
          <div className="chart__drawing" aria-hidden="true">
            <Suspense fallback={<div className="chart__loading" />}>{children}</Suspense>
          </div>
          <div className="sr-only">{table}</div>
        </>
      )}
    </section>
  );
}
