import type { PersonaAnalytics } from '@schemas/persona-analytics.js';
import { formatScore, formatShare } from '../chart-data';

/** The four figures at a glance: responses, average match, coverage, strong matches. */
export function KpiCards({ analytics: a }: { analytics: PersonaAnalytics }) {
  const scored = a.totals.scored;
  return (
    <div className="kpis" data-testid="analytics-kpis">
      <Kpi
        label="Total responses"
        value={a.totals.responses.toLocaleString()}
        hint={`${scored.toLocaleString()} scored against this persona`}
        testId="kpi-responses"
      />
      <Kpi
        label="Average match"
        value={a.averageScore === null ? '—' : `${formatScore(a.averageScore)} / 100`}
        hint="Rules matched, over the rules set"
        testId="kpi-average"
      />
      <Kpi label="Coverage" value={formatShare(a.coverage)} hint={`${a.totals.matched.toLocaleString()} moderate or strong matches`} testId="kpi-coverage" />
      <Kpi label="Strong matches" value={a.distribution.strong.toLocaleString()} hint="Score 70 or more" testId="kpi-strong" />
    </div>
  );
}

function Kpi({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <div className="kpi">
      <span className="kpi__label">{label}</span>
      <strong className="kpi__value" data-testid={testId}>
        {value}
      </strong>
      <span className="kpi__hint">{hint}</span>
    </div>
  );
}
