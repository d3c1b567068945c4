import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { MODERATE_AT, type MappingRules, type UnmatchedGroup, type UnmatchedGroups } from '../../schemas/persona-analytics.js';
import type { Database } from '../client.js';
import { rowsOf } from '../rows.js';
import { responseStats, surveyResponses, type SurveyResponseRow } from '../schema.js';
import { toSurveyResponse } from './survey-responses.js';

// The responses no persona covers are the most useful signal: grouped by occupation (the answer
// closest to a persona's title), with what the group shares, and a persona draft that says only
// what the answers say.

const GROUPS = 5;
const MIN_SIZE = 2;
/** An attribute is "shared" by a group when at least this share of it gave the same answer. */
const SHARED = 0.6;

type Counted = { value: string; count: number };

export function unmatchedGroupQueries(db: Database) {
  const unmatched = (workspaceId: string): SQL => sql`
    select r.* from survey_responses r where r.workspace_id = ${workspaceId}::uuid
    and not exists (select 1 from persona_matches m where m.response_id = r.id and m.score >= ${MODERATE_AT})`;

  const topOf = async (workspaceId: string, occupationKey: string, column: 'goals' | 'frustrations'): Promise<Counted[]> => {
    const keys = sql.raw(column === 'goals' ? 'goal_keys' : 'frustration_keys');
    const items = sql.raw(column);
    return rowsOf<Counted>(
      await db.execute(sql`
        select min(t.v) as value, count(*)::int as count
        from (${unmatched(workspaceId)}) u, unnest(u.${items}, u.${keys}) as t(v, k)
        where u.occupation_key = ${occupationKey}
        group by t.k order by count(*) desc, min(t.v) limit 5`),
    );
  };

  const sharedOf = async (workspaceId: string, occupationKey: string, column: 'location' | 'gender', size: number): Promise<string | undefined> => {
    const [top] = rowsOf<Counted>(
      await db.execute(sql`
        select min(u.${sql.raw(column)}) as value, count(*)::int as count from (${unmatched(workspaceId)}) u
        where u.occupation_key = ${occupationKey} and u.${sql.raw(column)}_key is not null
        group by u.${sql.raw(column)}_key order by count(*) desc limit 1`),
    );
    return top && top.count >= SHARED * size ? top.value : undefined;
  };

  return {
    async list({ workspaceId }: { workspaceId: string }): Promise<UnmatchedGroups> {
      const [totals] = await db.select().from(responseStats).where(eq(responseStats.workspaceId, workspaceId));
      const groups = rowsOf<{ key: string; occupation: string; size: number; age_low: number | null; age_high: number | null }>(
        await db.execute(sql`
          select u.occupation_key as key, mode() within group (order by u.occupation) as occupation, count(*)::int as size,
            percentile_disc(0.1) within group (order by u.age) as age_low, percentile_disc(0.9) within group (order by u.age) as age_high
          from (${unmatched(workspaceId)}) u where u.occupation_key is not null
          group by u.occupation_key having count(*) >= ${MIN_SIZE} order by count(*) desc, 1 limit ${GROUPS}`),
      );
      const out: UnmatchedGroup[] = [];
      for (const g of groups) {
        const [goals, frustrations, location, gender, sampleRows] = await Promise.all([
          topOf(workspaceId, g.key, 'goals'),
          topOf(workspaceId, g.key, 'frustrations'),
          sharedOf(workspaceId, g.key, 'location', g.size),
          sharedOf(workspaceId, g.key, 'gender', g.size),
          db
            .execute(sql`select u.id from (${unmatched(workspaceId)}) u where u.occupation_key = ${g.key} order by u.submitted_at desc, u.id limit 5`)
            .then((r) => rowsOf<{ id: string }>(r).map((x) => x.id)),
        ]);
        const sample: SurveyResponseRow[] = sampleRows.length
          ? await db
              .select()
              .from(surveyResponses)
              .where(and(eq(surveyResponses.workspaceId, workspaceId), inArray(surveyResponses.id, sampleRows)))
              .orderBy(desc(surveyResponses.submittedAt), desc(surveyResponses.id))
          : [];
        // What more than one person said, or else the most said: never a pain nobody gave.
        const repeated = (xs: Counted[]) => (xs.some((x) => x.count >= 2) ? xs.filter((x) => x.count >= 2) : xs.slice(0, 3));
        const painPoints = repeated(frustrations).map((x) => x.value);
        const age = g.age_low !== null && g.age_high !== null ? { min: g.age_low, max: g.age_high } : undefined;
        const rules: MappingRules = {
          occupations: [g.occupation],
          ...(age ? { age } : {}),
          ...(location ? { locations: [location] } : {}),
          ...(gender ? { genders: [gender] } : {}),
          ...(goals.length ? { goals: repeated(goals).map((x) => x.value) } : {}),
          ...(painPoints.length ? { frustrations: painPoints } : {}),
        };
        out.push({
          key: g.key,
          attributes: { occupation: g.occupation, ...(location ? { location } : {}), ...(gender ? { gender } : {}), ...(age ? { age } : {}) },
          size: g.size,
          goals,
          frustrations,
          sample: sample.map(toSurveyResponse),
          draft: { title: g.occupation, ...(painPoints.length ? { painPoints } : {}), ...(goals[0] ? { coreGoal: goals[0].value } : {}) },
          rules,
        });
      }
      return { unmatched: (totals?.total ?? 0) - (totals?.covered ?? 0), groups: out };
    },
  };
}
