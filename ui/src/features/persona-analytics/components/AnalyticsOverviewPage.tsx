import { Link } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { paths } from '../../../shared/paths';
import { useCoverage, useUnmatchedGroups } from '../api/analytics';
import { coverageBars, formatScore, formatShare } from '../chart-data';
import { ChartFrame } from './ChartFrame';
import { CoverageChart } from './lazy-charts';
import { UnmatchedGroupCard } from './UnmatchedGroupCard';
import '../persona-analytics.css';

/** /analytics — every persona's coverage side by side, the responses no persona matches, and the groups they form. */
export function AnalyticsOverviewPage() {
  const coverage = useCoverage();
  const groups = useUnmatchedGroups();

  return (
    <div className="page analytics-overview">
      <div className="page__head">
        <div>
          <h1 className="page-title">Analytics</h1>
          <p className="muted">How well your personas match what real customers answered — and who none of them describes yet.</p>
        </div>
      </div>

      {coverage.isPending ? <Loading label="Loading coverage…" /> : null}
      {coverage.error ? <ErrorBanner message={coverage.error.message} actions={<Button onClick={() => void coverage.refetch()}>Retry</Button>} /> : null}
      {coverage.data && coverage.data.totalResponses === 0 ? (
        <EmptyState
          title="No survey responses yet"
          action={
            <div className="toolbar">
              <Link className="btn btn--primary" to={paths.responses}>
                Import responses
              </Link>
              <Link className="btn btn--secondary" to={paths.surveySettings}>
                Share the survey link
              </Link>
            </div>
          }
        >
          <p>Coverage compares your personas with real answers: import the answers you have, or share the survey link with your customers.</p>
        </EmptyState>
      ) : null}

      {coverage.data && coverage.data.totalResponses > 0 ? <CoverageSection data={coverage.data} /> : null}

      {coverage.data && coverage.data.totalResponses > 0 ? (
        <section className="analytics-overview__groups" aria-labelledby="groups-title">
          <h2 className="section-title" id="groups-title">
            Who no persona describes
          </h2>
          <p className="muted small">
            Responses that match no persona (moderate or better), grouped by what they share. The largest group is the strongest case for a new persona.
          </p>
          {groups.isPending ? <Loading label="Grouping the unmatched responses…" /> : null}
          {groups.error ? <ErrorBanner message={groups.error.message} actions={<Button onClick={() => void groups.refetch()}>Retry</Button>} /> : null}
          {groups.data && !groups.data.groups.length ? (
            <p className="muted" data-testid="no-unmatched-groups">
              {groups.data.unmatched ? 'The unmatched responses share no attribute worth a persona yet.' : 'Every response matches at least one persona.'}
            </p>
          ) : null}
          <div className="analytics-overview__group-list">
            {groups.data?.groups.map((g, i) => (
              <UnmatchedGroupCard key={g.key} group={g} first={i === 0} largest={i === 0 && groups.data.groups.length > 1} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}

function CoverageSection({ data }: { data: import('@schemas/persona-analytics.js').CoverageOverview }) {
  const bars = coverageBars(data.personas);
  const withRules = bars.filter((b) => b.hasRules);
  return (
    <>
      <div className="kpis" data-testid="overview-kpis">
        <div className="kpi">
          <span className="kpi__label">Responses</span>
          <strong className="kpi__value" data-testid="overview-responses">
            {data.totalResponses.toLocaleString()}
          </strong>
          <span className="kpi__hint">In this workspace</span>
        </div>
        <div className="kpi">
          <span className="kpi__label">Matched by some persona</span>
          <strong className="kpi__value" data-testid="overview-any">
            {formatShare(data.anyPersona)}
          </strong>
          <span className="kpi__hint">Moderate or strong match to at least one</span>
        </div>
        <div className={`kpi${data.unmatched.count ? ' kpi--warning' : ''}`}>
          <span className="kpi__label">Matched by no persona</span>
          <strong className="kpi__value" data-testid="overview-unmatched">
            {formatShare(data.unmatched.share)}
          </strong>
          <span className="kpi__hint">{data.unmatched.count.toLocaleString()} responses</span>
        </div>
      </div>

      <ChartFrame
        title="Coverage by persona"
        testId="chart-coverage"
        summary={
          withRules.length
            ? `Coverage: ${withRules.map((b) => `${b.name} ${b.label}`).join(', ')}.`
            : 'No persona has mapping rules yet, so none covers any response.'
        }
        empty={withRules.length ? undefined : 'No persona has mapping rules yet: open a persona, then its Analytics tab, to set them.'}
        table={<p>The table below lists the same figures.</p>}
      >
        <CoverageChart bars={withRules} />
      </ChartFrame>

      <section className="panel" aria-labelledby="coverage-table-title">
        <h2 className="panel__title coverage__title" id="coverage-table-title">
          Personas side by side
        </h2>
        <div className="table-wrap">
          <table className="data-table" data-testid="coverage-table">
            <thead>
              <tr>
                <th scope="col">Persona</th>
                <th scope="col" className="num">
                  Coverage
                </th>
                <th scope="col" className="num">
                  Average match
                </th>
                <th scope="col" className="num">
                  Strong
                </th>
                <th scope="col" className="num">
                  Moderate
                </th>
                <th scope="col" className="num">
                  Weak
                </th>
              </tr>
            </thead>
            <tbody>
              {data.personas.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={paths.personaAnalytics(p.id)}>{p.personName}</Link>
                    <span className="muted small"> · {p.title}</span>
                    {p.hasRules ? null : <span className="badge coverage__no-rules">no rules yet</span>}
                  </th>
                  <td className="num">{formatShare(p.coverage)}</td>
                  <td className="num">{formatScore(p.averageScore)}</td>
                  <td className="num">{p.distribution.strong}</td>
                  <td className="num">{p.distribution.moderate}</td>
                  <td className="num">{p.distribution.weak}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
