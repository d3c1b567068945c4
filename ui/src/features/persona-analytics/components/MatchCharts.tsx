import type { PersonaAnalytics, PersonaEvolution } from '@schemas/persona-analytics.js';
import { METRIC_NAMES, METRICS } from '@schemas/survey-response.js';
import {
  describeDistribution,
  describeVolume,
  distributionSlices,
  evolutionRows,
  fillDays,
  formatMetric,
  formatShare,
  shortDay,
  todayUtc,
  type DayCount,
} from '../chart-data';
import type { EvolutionDays } from '../api/analytics';
import { ChartFrame } from './ChartFrame';
import { DaysChoice } from './DaysChoice';
import { DistributionPie, EvolutionLines, VolumeBars } from './lazy-charts';

type Props = {
  analytics: PersonaAnalytics;
  evolution: PersonaEvolution | undefined;
  evolutionError: string | null;
  days: EvolutionDays;
  onDays: (days: EvolutionDays) => void;
};

/** The three charts: match distribution, response volume by day and the metrics over time (the last two follow the time range). */
export function MatchCharts({ analytics, evolution, evolutionError, days, onDays }: Props) {
  const slices = distributionSlices(analytics.distribution);
  const scored = slices.reduce((s, x) => s + x.count, 0);
  // The analytics carry the last 30 days; another range comes with its evolution.
  const volumeSource: readonly DayCount[] = evolution?.days === days ? evolution.volume : days === 30 ? analytics.volume : [];
  const volume = fillDays(volumeSource, days, todayUtc());
  const rows = evolution?.days === days ? evolutionRows(evolution.snapshots) : [];

  return (
    <div className="analytics__charts">
      <div className="analytics__range">
        <h3 className="analytics__range-title">Time range</h3>
        <DaysChoice days={days} onChange={onDays} />
      </div>

      <div className="analytics__chart-row">
        <ChartFrame
          title="Match distribution"
          summary={describeDistribution(slices)}
          testId="chart-distribution"
          empty={scored ? undefined : 'No scored responses yet.'}
          table={
            <table>
              <caption>Scored responses by match category</caption>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col">Responses</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {slices.map((s) => (
                  <tr key={s.category}>
                    <th scope="row">{s.label}</th>
                    <td>{s.count}</td>
                    <td>{formatShare(s.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <DistributionPie slices={slices} />
        </ChartFrame>

        <ChartFrame
          title={`Matched responses per day, last ${days} days`}
          summary={describeVolume(volume)}
          testId="chart-volume"
          table={
            <table>
              <caption>Moderate or strong matches by day of submission</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Responses</th>
                </tr>
              </thead>
              <tbody>
                {volume
                  .filter((v) => v.responses > 0)
                  .map((v) => (
                    <tr key={v.date}>
                      <th scope="row">{shortDay(v.date)}</th>
                      <td>{v.responses}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          }
        >
          <VolumeBars rows={volume} />
        </ChartFrame>
      </div>

      <ChartFrame
        title={`Metrics over the last ${days} days`}
        summary={
          rows.length
            ? `${rows.length} daily snapshot${rows.length === 1 ? '' : 's'}. Latest: ${METRIC_NAMES.map((m) => `${METRICS[m].label} ${formatMetric(rows.at(-1)?.[m])}`).join(', ')}.`
            : 'No snapshots in this range yet.'
        }
        testId="chart-evolution"
        empty={
          evolutionError
            ? `Cannot load the metrics: ${evolutionError}`
            : evolution && !rows.length
              ? 'No snapshots in this range yet. A snapshot is taken each day (or press Sync now); each adds a point here.'
              : undefined
        }
        table={
          <table>
            <caption>Average metrics of the matched responses, per daily snapshot</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {METRIC_NAMES.map((m) => (
                  <th key={m} scope="col">
                    {METRICS[m].label} ({METRICS[m].min}–{METRICS[m].max})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.date}>
                  <th scope="row">{shortDay(r.date)}</th>
                  {METRIC_NAMES.map((m) => (
                    <td key={m}>{formatMetric(r[m])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        {evolution ? <EvolutionLines rows={rows} /> : <div className="chart__loading" />}
      </ChartFrame>
    </div>
  );
}
