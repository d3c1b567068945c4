// The charts' data, shaped from the API's figures: pure functions, so what a chart draws and
// what its hidden table reads out are the same numbers (and unit-tested).
import { MATCH_CATEGORIES, type MatchCategory, type PersonaCoverage, type PersonaSnapshot } from '@schemas/persona-analytics.js';
import { METRIC_NAMES, METRICS, type MetricName } from '@schemas/survey-response.js';

export const CATEGORY_LABELS: Record<MatchCategory, string> = { strong: 'Strong (70+)', moderate: 'Moderate (50–69)', weak: 'Weak (under 50)' };

/** A whole number as a share: "63%", "0.5%" below 1, "—" when there is nothing to divide. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  if (share > 0 && share < 1) return `${share.toFixed(1)}%`;
  return `${Math.round(share)}%`;
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : String(Math.round(score));
}

export type Slice = { category: MatchCategory; label: string; count: number; share: number };

/** Strong, moderate and weak, in that order, each with its share of the scored responses. */
export function distributionSlices(distribution: Record<MatchCategory, number>): Slice[] {
  const total = MATCH_CATEGORIES.reduce((sum, c) => sum + (distribution[c] ?? 0), 0);
  return MATCH_CATEGORIES.map((category) => {
    const count = distribution[category] ?? 0;
    return { category, label: CATEGORY_LABELS[category], count, share: total ? (count / total) * 100 : 0 };
  });
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Today as the API's dates are written (UTC, YYYY-MM-DD). */
export const todayUtc = (now = Date.now()) => dayOf(now);

export type DayCount = { date: string; responses: number };

/** One bar per day for the last `days` days up to `today`: the days without responses are there, at 0. */
export function fillDays(volume: readonly DayCount[], days: number, today: string): DayCount[] {
  const counts = new Map<string, number>();
  for (const v of volume) counts.set(v.date.slice(0, 10), (counts.get(v.date.slice(0, 10)) ?? 0) + v.responses);
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const date = dayOf(end - (days - 1 - i) * DAY_MS);
    return { date, responses: counts.get(date) ?? 0 };
  });
}

/** "2026-11-30" → "30 Nov", short enough for an axis. */
export function shortDay(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export type EvolutionRow = { date: string } & Record<MetricName, number | null>;

/** One row per snapshot day, oldest first; a metric nobody answered stays null (a gap, not a zero). */
export function evolutionRows(snapshots: readonly PersonaSnapshot[]): EvolutionRow[] {
  return [...snapshots]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((s) => {
      const row = { date: s.date.slice(0, 10) } as EvolutionRow;
      for (const m of METRIC_NAMES) row[m] = s.metrics[m] === null || s.metrics[m] === undefined ? null : round1(s.metrics[m]);
      return row;
    });
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** A metric's name with its scale: the four do not share one ("Effort (1–7, lower is easier)"). */
export function metricLabel(metric: MetricName): string {
  const { min, max, label } = METRICS[metric];
  return `${label} (${min}–${max}${metric === 'effort' ? ', lower is easier' : ''})`;
}

export function formatMetric(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : round1(value).toFixed(1);
}

/** What the volume bars show, in one sentence for a screen reader. */
export function describeVolume(rows: readonly DayCount[]): string {
  const total = rows.reduce((s, r) => s + r.responses, 0);
  if (!total) return `No matched responses in the last ${rows.length} days.`;
  const busiest = rows.reduce((a, b) => (b.responses > a.responses ? b : a));
  return `${total} matched response${total === 1 ? '' : 's'} in the last ${rows.length} days; the busiest day was ${shortDay(busiest.date)} with ${busiest.responses}.`;
}

/** What the pie shows, in one sentence. */
export function describeDistribution(slices: readonly Slice[]): string {
  const total = slices.reduce((s, x) => s + x.count, 0);
  if (!total) return 'No scored responses yet.';
  return `${total} scored responses: ${slices.map((s) => `${s.count} ${s.category} (${formatShare(s.share)})`).join(', ')}.`;
}

export type CoverageBar = { id: string; name: string; coverage: number; label: string; hasRules: boolean };

/** Personas side by side, best covered first; one without rules has no coverage to draw. */
export function coverageBars(personas: readonly PersonaCoverage[]): CoverageBar[] {
  return personas
    .map((p) => ({ id: p.id, name: p.personName, coverage: p.coverage ?? 0, label: formatShare(p.coverage), hasRules: p.hasRules }))
    .sort((a, b) => Number(b.hasRules) - Number(a.hasRules) || b.coverage - a.coverage || a.name.localeCompare(b.name));
}
