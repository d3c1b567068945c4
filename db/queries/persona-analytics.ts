import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { AppError, notFound, staleVersion } from '../../lib/errors.js';
import { resultFromMasks, ruleKeys } from '../../lib/persona-match.js';
import {
  MODERATE_AT,
  STRONG_AT,
  type AnalyticsJob,
  type CoverageOverview,
  type Demographics,
  type MappingRules,
  type MatchCategory,
  type MetricAverages,
  type PersonaAnalytics,
  type PersonaEvolution,
  type PersonaRules,
  type PersonaSnapshot,
  type TopMatch,
  type TopMatches,
} from '../../schemas/persona-analytics.js';
import { eachInLanes, type Database } from '../client.js';
import { rowsOf } from '../rows.js';
import {
  analyticsJobs,
  personaMatchStats,
  personaMatches,
  personaRules,
  personas,
  personaSnapshots,
  responseStats,
  surveyResponses,
  type AnalyticsJobRow,
  type PersonaMatchRow,
  type PersonaSnapshotRow,
  type SurveyResponseRow,
} from '../schema.js';
import { lockCounts, recountCoverage, recountPersona, refreshTableStats, scoreSlice, sliceEnds } from './match-scoring.js';
import { toSurveyResponse } from './survey-responses.js';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

const toSnapshot = (row: PersonaSnapshotRow): PersonaSnapshot => ({
  date: row.snapshotDate,
  metrics: row.metrics,
  demographics: row.demographics,
  responseCount: row.responseCount,
  createdAt: row.createdAt.toISOString(),
});

export const toAnalyticsJob = (row: AnalyticsJobRow): AnalyticsJob => ({
  id: row.id,
  kind: row.kind,
  personaId: row.personaId,
  status: row.status,
  total: row.total,
  done: row.done,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

/** Every day of the window, oldest first, with the days nobody answered as 0. */
function fillDays(days: number, counts: DayCount[], today = new Date()): { date: string; responses: number }[] {
  const byDay = new Map(counts.map((c) => [c.day, c.n]));
  return Array.from({ length: days }, (_, i) => {
    const date = isoDay(new Date(today.getTime() - (days - 1 - i) * DAY));
    return { date, responses: byDay.get(date) ?? 0 };
  });
}

const toTopMatch = (match: PersonaMatchRow, response: SurveyResponseRow): TopMatch => ({
  ...resultFromMasks(match.score, match.matchedMask, match.definedMask),
  response: toSurveyResponse(response),
});

const noCategories = (): Record<MatchCategory, number> => ({ strong: 0, moderate: 0, weak: 0 });

type DayCount = { day: string; n: number };
type SnapshotJson = Omit<PersonaSnapshot, 'createdAt'> & { createdAt: string };
type OverviewRow = {
  rules: MappingRules | null;
  auto_sync: boolean | null;
  last_synced_at: string | Date | null;
  scored: number | null;
  strong: number | null;
  moderate: number | null;
  weak: number | null;
  score_sum: number | null;
  total: number | null;
};
/** A snapshot row as JSON in the API's shape (`ps` is persona_snapshots). */
const snapshotJson = sql`json_build_object('date', ps.snapshot_date::text, 'metrics', ps.metrics, 'demographics', ps.demographics,
  'responseCount', ps.response_count, 'createdAt', ps.created_at)`;
const fromSnapshotJson = (s: SnapshotJson): PersonaSnapshot => ({ ...s, createdAt: new Date(s.createdAt).toISOString() });
/** Matched (moderate or strong) responses by day of submission over the last `days` days, as JSON. */
const volumeJson = (personaId: SQL, days: number) => {
  const since = isoDay(new Date(Date.now() - (days - 1) * DAY));
  return sql`select json_agg(json_build_object('day', v.day, 'n', v.n)) from (
    select submitted_on::text as day, count(*)::int as n from persona_matches
    where persona_id = ${personaId} and submitted_on >= ${since}::date and score >= ${MODERATE_AT} group by submitted_on) v`;
};

export function personaAnalyticsQueries(db: Database) {
  const ownPersona = async (workspaceId: string, personaId: string) => {
    const [row] = await db
      .select({ id: personas.id })
      .from(personas)
      .where(and(eq(personas.id, personaId), eq(personas.workspaceId, workspaceId)));
    if (!row) throw notFound('Persona');
  };

  /** The persona's rules (none yet: empty, version 0), in the same read that checks the persona is the workspace's. */
  const rulesOf = async (workspaceId: string, personaId: string): Promise<PersonaRules> => {
    const [found] = await db
      .select({ id: personas.id, row: personaRules })
      .from(personas)
      .leftJoin(personaRules, eq(personaRules.personaId, personas.id))
      .where(and(eq(personas.id, personaId), eq(personas.workspaceId, workspaceId)));
    if (!found) throw notFound('Persona');
    const row = found.row;
    return {
      personaId,
      rules: row?.rules ?? {},
      version: row?.version ?? 0,
      autoSync: row?.autoSync ?? true,
      lastSyncedAt: row?.lastSyncedAt?.toISOString() ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  };

  return {
    rules: ({ workspaceId, personaId }: { workspaceId: string; personaId: string }) => rulesOf(workspaceId, personaId),

    /** Saves the rules (version + 1); with expectedVersion, refused when they changed meanwhile. Scores are redone by the caller's job. */
    async saveRules({
      workspaceId,
      personaId,
      rules,
      expectedVersion,
    }: {
      workspaceId: string;
      personaId: string;
      rules: MappingRules;
      expectedVersion?: number;
    }): Promise<PersonaRules> {
      await ownPersona(workspaceId, personaId);
      const keys = ruleKeys(rules);
      return db.transaction(async (tx) => {
        // Alone: two first saves cannot both pass as version 0, and no chunk is mid-scoring under the old rules.
        await lockCounts(tx as unknown as Database, workspaceId, 'alone');
        const [current] = await tx.select().from(personaRules).where(eq(personaRules.personaId, personaId)).for('update');
        const version = current?.version ?? 0;
        if (expectedVersion !== undefined && expectedVersion !== version) throw staleVersion(expectedVersion, version);
        const values = { ...keys, rules, version: version + 1, updatedAt: new Date() };
        const [row] = await tx
          .insert(personaRules)
          .values({ personaId, workspaceId, ...values })
          .onConflictDoUpdate({ target: personaRules.personaId, set: values })
          .returning();
        if (keys.ruleCount === 0) {
          // No rules, no scores: nothing is left to rescore.
          await tx.delete(personaMatches).where(eq(personaMatches.personaId, personaId));
          await recountPersona(tx as unknown as Database, { workspaceId, personaId });
          await recountCoverage(tx as unknown as Database, { workspaceId });
        }
        return {
          personaId,
          rules: row!.rules,
          version: row!.version,
          autoSync: row!.autoSync,
          lastSyncedAt: row!.lastSyncedAt?.toISOString() ?? null,
          updatedAt: row!.updatedAt.toISOString(),
        };
      });
    },

    async setAutoSync({ workspaceId, personaId, autoSync }: { workspaceId: string; personaId: string; autoSync: boolean }): Promise<boolean> {
      await ownPersona(workspaceId, personaId);
      const keys = ruleKeys({});
      await db
        .insert(personaRules)
        .values({ personaId, workspaceId, ...keys, rules: {}, version: 0, autoSync })
        .onConflictDoUpdate({ target: personaRules.personaId, set: { autoSync } });
      return autoSync;
    },

    /**
     * A persona's rescoring against its current rules, `size` responses a statement (two at once on
     * Postgres), `onProgress` after each with the pairs scored so far. `superseded` when the rules
     * moved past `rulesVersion` (or the persona is gone): the newer job redoes them all.
     */
    async rescore({
      workspaceId,
      personaId,
      rulesVersion,
      size,
      onProgress,
    }: {
      workspaceId: string;
      personaId: string;
      rulesVersion: number;
      size: number;
      onProgress?: (scored: number) => Promise<void>;
    }): Promise<{ scored: number; superseded: boolean }> {
      const current = async () =>
        (await db.select({ version: personaRules.version }).from(personaRules).where(eq(personaRules.personaId, personaId)))[0]?.version;
      if ((await current()) !== rulesVersion) return { scored: 0, superseded: true };
      const ends = await sliceEnds(db, { workspaceId, size });
      const slices = ends.map((upTo, i) => ({ after: ends[i - 1] ?? null, upTo }));
      let scored = 0;
      let superseded = false;
      await eachInLanes(db, slices, async (slice) => {
        if ((await current()) !== rulesVersion) {
          superseded = true;
          return false;
        }
        const pairs = await scoreSlice(db, { workspaceId, personaId, slice });
        scored += pairs;
        await onProgress?.(scored);
      });
      return { scored, superseded };
    },

    /** After a persona's rescoring: its counts and the workspace's coverage recounted, and the tables tidied after the rows it replaced. */
    async recount({ workspaceId, personaId }: { workspaceId: string; personaId: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await lockCounts(tx as unknown as Database, workspaceId, 'alone');
        await recountPersona(tx as unknown as Database, { workspaceId, personaId });
        await recountCoverage(tx as unknown as Database, { workspaceId });
      });
      // The replaced rows reclaimed and the pages marked all-visible now, so the dashboard's reads
      // answer from the index at once (PGlite has no autovacuum at all; on Postgres a vacuum takes
      // no lock readers or writers wait for, only a second vacuum does, and this is a background job).
      await refreshTableStats(db, { vacuum: true });
    },

    // One statement each: these are the reads a dashboard makes on every visit.
    async analytics({ workspaceId, personaId }: { workspaceId: string; personaId: string }): Promise<PersonaAnalytics> {
      const [row] = rowsOf<OverviewRow & { latest: SnapshotJson | null; volume: DayCount[] | null }>(
        await db.execute(sql`
          select pr.rules, pr.auto_sync, pr.last_synced_at, s.scored, s.strong, s.moderate, s.weak, s.score_sum, t.total,
            (select ${snapshotJson} from persona_snapshots ps where ps.persona_id = p.id order by ps.snapshot_date desc limit 1) as latest,
            (${volumeJson(sql`p.id`, 30)}) as volume
          from personas p
          left join persona_rules pr on pr.persona_id = p.id
          left join persona_match_stats s on s.persona_id = p.id
          left join response_stats t on t.workspace_id = p.workspace_id
          where p.id = ${personaId}::uuid and p.workspace_id = ${workspaceId}::uuid`),
      );
      if (!row) throw notFound('Persona');
      const rules = row.rules ?? {};
      const responses = row.total ?? 0;
      const scored = row.scored ?? 0;
      const matched = (row.strong ?? 0) + (row.moderate ?? 0);
      const hasRules = ruleKeys(rules).ruleCount > 0;
      return {
        personaId,
        rules,
        hasRules,
        autoSync: row.auto_sync ?? true,
        lastSyncedAt: row.last_synced_at ? new Date(row.last_synced_at).toISOString() : null,
        totals: { responses, scored, matched },
        averageScore: scored > 0 ? Math.round(((row.score_sum ?? 0) * 100) / scored) / 100 : null,
        coverage: hasRules ? percent(matched, responses) : null,
        distribution: row.scored === null ? noCategories() : { strong: row.strong ?? 0, moderate: row.moderate ?? 0, weak: row.weak ?? 0 },
        volume: fillDays(30, row.volume ?? []),
        latestSnapshot: row.latest ? fromSnapshotJson(row.latest) : null,
      };
    },

    async evolution({ workspaceId, personaId, days }: { workspaceId: string; personaId: string; days: number }): Promise<PersonaEvolution> {
      const since = isoDay(new Date(Date.now() - (days - 1) * DAY));
      const [row] = rowsOf<{ snapshots: SnapshotJson[] | null; volume: DayCount[] | null }>(
        await db.execute(sql`
          select
            (select json_agg(${snapshotJson} order by ps.snapshot_date) from persona_snapshots ps
              where ps.persona_id = p.id and ps.snapshot_date >= ${since}::date) as snapshots,
            (${volumeJson(sql`p.id`, days)}) as volume
          from personas p where p.id = ${personaId}::uuid and p.workspace_id = ${workspaceId}::uuid`),
      );
      if (!row) throw notFound('Persona');
      return { days, snapshots: (row.snapshots ?? []).map(fromSnapshotJson), volume: fillDays(days, row.volume ?? []) };
    },

    async topMatches({
      workspaceId,
      personaId,
      limit,
      offset,
      category,
    }: {
      workspaceId: string;
      personaId: string;
      limit: number;
      offset: number;
      category?: MatchCategory;
    }): Promise<TopMatches> {
      const score = personaMatches.score;
      const band =
        category === 'strong'
          ? sql`${score} >= ${STRONG_AT}`
          : category === 'moderate'
            ? sql`${score} >= ${MODERATE_AT} and ${score} < ${STRONG_AT}`
            : category === 'weak'
              ? sql`${score} < ${MODERATE_AT}`
              : sql`true`;
      // The page off the index first (no sort of the persona's every match), then its responses;
      // the persona's counts in the same round trip, read through the persona so it must be the workspace's.
      const [page, [owned]] = await Promise.all([
        db
          .select()
          .from(personaMatches)
          .where(and(eq(personaMatches.personaId, personaId), eq(personaMatches.workspaceId, workspaceId), band))
          .orderBy(desc(personaMatches.score), desc(personaMatches.submittedOn), desc(personaMatches.responseId))
          .limit(limit)
          .offset(offset),
        db
          .select({ stats: personaMatchStats })
          .from(personas)
          .leftJoin(personaMatchStats, eq(personaMatchStats.personaId, personas.id))
          .where(and(eq(personas.id, personaId), eq(personas.workspaceId, workspaceId))),
      ]);
      if (!owned) throw notFound('Persona');
      const { stats } = owned;
      const responses = page.length
        ? await db
            .select()
            .from(surveyResponses)
            .where(
              and(
                eq(surveyResponses.workspaceId, workspaceId),
                inArray(
                  surveyResponses.id,
                  page.map((m) => m.responseId),
                ),
              ),
            )
        : [];
      const byId = new Map(responses.map((r) => [r.id, r]));
      const total = !stats ? 0 : category === 'weak' ? stats.listed - stats.strong - stats.moderate : category ? stats[category] : stats.listed;
      return {
        matches: page.flatMap((match) => {
          const response = byId.get(match.responseId);
          return response ? [toTopMatch(match, response)] : [];
        }),
        total,
        limit,
        offset,
      };
    },

    /** The persona's strong matches in top-match order, at most `max`, with their responses: one statement, for its segment. */
    async strongMatches({ workspaceId, personaId, max }: { workspaceId: string; personaId: string; max: number }): Promise<TopMatch[]> {
      const rows = await db
        .select({ match: personaMatches, response: surveyResponses })
        .from(personaMatches)
        .innerJoin(surveyResponses, and(eq(surveyResponses.id, personaMatches.responseId), eq(surveyResponses.workspaceId, workspaceId)))
        .where(and(eq(personaMatches.personaId, personaId), eq(personaMatches.workspaceId, workspaceId), gte(personaMatches.score, STRONG_AT)))
        .orderBy(desc(personaMatches.score), desc(personaMatches.submittedOn), desc(personaMatches.responseId))
        .limit(max);
      return rows.map(({ match, response }) => toTopMatch(match, response));
    },

    /** Today's snapshot (UTC) of the persona's matched responses, replacing an earlier one of the same day. */
    async snapshot({ workspaceId, personaId, now = new Date() }: { workspaceId: string; personaId: string; now?: Date }): Promise<PersonaSnapshot> {
      await ownPersona(workspaceId, personaId);
      const matchedOnly = sql`from persona_matches m join survey_responses r on r.id = m.response_id where m.persona_id = ${personaId}::uuid and m.score >= ${MODERATE_AT}`;
      const [[agg], locations, occupations, genders] = await Promise.all([
        db
          .execute(
            sql`select count(*)::int as n, avg(r.satisfaction)::float8 as satisfaction, avg(r.nps)::float8 as nps, avg(r.trust)::float8 as trust,
          avg(r.effort)::float8 as effort, avg(r.age)::float8 as age_avg, min(r.age) as age_min, max(r.age) as age_max ${matchedOnly}`,
          )
          .then((r) =>
            rowsOf<{
              n: number;
              satisfaction: number | null;
              nps: number | null;
              trust: number | null;
              effort: number | null;
              age_avg: number | null;
              age_min: number | null;
              age_max: number | null;
            }>(r),
          ),
        ...(['location', 'occupation', 'gender'] as const).map((column) =>
          db
            .execute(
              sql`select min(r.${sql.raw(column)}) as value, count(*)::int as count ${matchedOnly} and r.${sql.raw(column)}_key is not null
                  group by r.${sql.raw(column)}_key order by count(*) desc, 1 limit 5`,
            )
            .then((r) => rowsOf<{ value: string; count: number }>(r)),
        ),
      ]);
      const round2 = (n: number | null | undefined) => (n == null ? null : Math.round(n * 100) / 100);
      const metrics: MetricAverages = {
        satisfaction: round2(agg?.satisfaction),
        nps: round2(agg?.nps),
        trust: round2(agg?.trust),
        effort: round2(agg?.effort),
      };
      const demographics: Demographics = {
        age: { average: round2(agg?.age_avg), min: agg?.age_min ?? null, max: agg?.age_max ?? null },
        locations: locations!,
        occupations: occupations!,
        genders: genders!,
      };
      const values = { metrics, demographics, responseCount: agg?.n ?? 0 };
      const [row] = await db.transaction(async (tx) => {
        const saved = await tx
          .insert(personaSnapshots)
          .values({ workspaceId, personaId, snapshotDate: isoDay(now), ...values })
          .onConflictDoUpdate({ target: [personaSnapshots.personaId, personaSnapshots.snapshotDate], set: { ...values, createdAt: now } })
          .returning();
        const keys = ruleKeys({});
        await tx
          .insert(personaRules)
          .values({ personaId, workspaceId, ...keys, rules: {}, version: 0, lastSyncedAt: now })
          .onConflictDoUpdate({ target: personaRules.personaId, set: { lastSyncedAt: now } });
        return saved;
      });
      return toSnapshot(row!);
    },

    /** The personas the daily sync snapshots: auto-sync on (the default) and rules to match by, in every workspace. */
    async autoSyncTargets(): Promise<{ workspaceId: string; personaId: string }[]> {
      return db
        .select({ workspaceId: personaRules.workspaceId, personaId: personaRules.personaId })
        .from(personaRules)
        .where(and(eq(personaRules.autoSync, true), sql`${personaRules.ruleCount} > 0`));
    },

    async coverage({ workspaceId }: { workspaceId: string }): Promise<CoverageOverview> {
      const [rows, [totals]] = await Promise.all([
        db
          .select({ id: personas.id, data: personas.data, rules: personaRules, stats: personaMatchStats })
          .from(personas)
          .leftJoin(personaRules, eq(personaRules.personaId, personas.id))
          .leftJoin(personaMatchStats, eq(personaMatchStats.personaId, personas.id))
          .where(eq(personas.workspaceId, workspaceId))
          .orderBy(personas.personName),
        db.select().from(responseStats).where(eq(responseStats.workspaceId, workspaceId)),
      ]);
      const total = totals?.total ?? 0;
      const covered = totals?.covered ?? 0;
      return {
        totalResponses: total,
        personas: rows.map(({ id, data, rules, stats }) => {
          const hasRules = (rules?.ruleCount ?? 0) > 0;
          const matched = (stats?.strong ?? 0) + (stats?.moderate ?? 0);
          return {
            id,
            personName: data.personName,
            title: data.title,
            hasRules,
            coverage: hasRules ? percent(matched, total) : null,
            averageScore: hasRules && stats && stats.scored > 0 ? Math.round((stats.scoreSum * 100) / stats.scored) / 100 : null,
            distribution: hasRules && stats ? { strong: stats.strong, moderate: stats.moderate, weak: stats.weak } : noCategories(),
          };
        }),
        anyPersona: percent(covered, total),
        unmatched: { share: percent(total - covered, total), count: total - covered },
      };
    },

    // ── Jobs' progress ────────────────────────────────────────────────────────────────────────
    /** A rescoring job for these rules: the one already queued or running when there is one (a second press joins it), else a new one (`created`). */
    async rescoreJob({
      workspaceId,
      personaId,
      rulesVersion,
    }: {
      workspaceId: string;
      personaId: string;
      rulesVersion: number;
    }): Promise<{ job: AnalyticsJob; created: boolean }> {
      const [active] = await db
        .select()
        .from(analyticsJobs)
        .where(
          and(
            eq(analyticsJobs.personaId, personaId),
            eq(analyticsJobs.workspaceId, workspaceId),
            eq(analyticsJobs.rulesVersion, rulesVersion),
            inArray(analyticsJobs.status, ['queued', 'running']),
          ),
        )
        .orderBy(desc(analyticsJobs.createdAt))
        .limit(1);
      if (active) return { job: toAnalyticsJob(active), created: false };
      const total = (await db.select({ total: responseStats.total }).from(responseStats).where(eq(responseStats.workspaceId, workspaceId)))[0]?.total ?? 0;
      const [row] = await db.insert(analyticsJobs).values({ workspaceId, personaId, kind: 'rescore', rulesVersion, status: 'queued', total }).returning();
      return { job: toAnalyticsJob(row!), created: true };
    },
    async job({ workspaceId, id }: { workspaceId: string; id: string }): Promise<AnalyticsJob> {
      const [row] = await db
        .select()
        .from(analyticsJobs)
        .where(and(eq(analyticsJobs.id, id), eq(analyticsJobs.workspaceId, workspaceId)));
      if (!row) throw notFound('Job');
      return toAnalyticsJob(row);
    },
    async jobById({ id }: { id: string }): Promise<AnalyticsJob | null> {
      const [row] = await db.select().from(analyticsJobs).where(eq(analyticsJobs.id, id));
      return row ? toAnalyticsJob(row) : null;
    },
    async updateJob({ id, ...set }: { id: string; status?: AnalyticsJob['status']; done?: number; total?: number; error?: string | null; finished?: boolean }) {
      const { finished, ...rest } = set;
      if (Object.keys(rest).length === 0 && !finished) throw new AppError('invalid', 'Nothing to update');
      await db
        .update(analyticsJobs)
        .set({ ...rest, ...(finished ? { finishedAt: new Date() } : {}) })
        .where(eq(analyticsJobs.id, id));
    },
  };
}

export type PersonaAnalyticsQueries = ReturnType<typeof personaAnalyticsQueries>;
