import { sql, type SQL } from 'drizzle-orm';
import { MODERATE_AT, STRONG_AT } from '../../schemas/persona-analytics.js';
import type { Database } from '../client.js';
import { rowsOf } from '../rows.js';

// Scoring, set-based: one statement scores a slice of responses against a set of personas'
// rules (lib/persona-match.ts says what a match is; this is the same rule over columns), and the
// counts the overview reads are kept in step with the matches it writes.

/** Which responses a scoring statement covers: given ids, or an id range (after, upTo]. */
export type ResponseSlice = { ids: string[] } | { after: string | null; upTo: string };

const sliceFilter = (slice: ResponseSlice): SQL =>
  'ids' in slice
    ? sql`r.id in ${slice.ids}`
    : slice.after === null
      ? sql`r.id <= ${slice.upTo}::uuid`
      : sql`r.id > ${slice.after}::uuid and r.id <= ${slice.upTo}::uuid`;

/**
 * Upserts the match of every response in `slice` with every persona of the workspace that has
 * rules (or only `personaId`'s). Returns the number of pairs scored.
 */
export async function scoreSlice(db: Database, args: { workspaceId: string; personaId?: string; slice: ResponseSlice }): Promise<number> {
  if ('ids' in args.slice && args.slice.ids.length === 0) return 0;
  const persona = args.personaId ? sql`and p.persona_id = ${args.personaId}::uuid` : sql``;
  const result = await db.execute(sql`
    insert into persona_matches (persona_id, response_id, workspace_id, score, matched_mask, defined_mask, submitted_on)
    select persona_id, response_id, workspace_id,
      round(100.0 * ((m & 1) + (m >> 1 & 1) + (m >> 2 & 1) + (m >> 3 & 1) + (m >> 4 & 1) + (m >> 5 & 1)) / rule_count, 2)::real,
      m, defined_mask, submitted_on
    from (
      select p.persona_id, r.id as response_id, r.workspace_id, p.rule_count, p.defined_mask,
        (r.submitted_at at time zone 'UTC')::date as submitted_on,
        (case when p.defined_mask & 1 <> 0 and r.age is not null and r.age >= coalesce(p.age_min, r.age) and r.age <= coalesce(p.age_max, r.age) then 1 else 0 end)
        | (case when r.location_key = any(p.location_keys) then 2 else 0 end)
        | (case when r.occupation_key = any(p.occupation_keys) then 4 else 0 end)
        | (case when r.gender_key = any(p.gender_keys) then 8 else 0 end)
        | (case when r.goal_keys && p.goal_keys then 16 else 0 end)
        | (case when r.frustration_keys && p.frustration_keys then 32 else 0 end) as m
      from persona_rules p
      join survey_responses r on r.workspace_id = p.workspace_id
      where p.workspace_id = ${args.workspaceId}::uuid and p.rule_count > 0 ${persona} and ${sliceFilter(args.slice)}
    ) s
    on conflict (persona_id, response_id) do update
      set score = excluded.score, matched_mask = excluded.matched_mask, defined_mask = excluded.defined_mask, submitted_on = excluded.submitted_on`);
  return (result as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0;
}

const categoryCounts = sql`count(*)::int as scored,
  (count(*) filter (where score >= ${STRONG_AT}))::int as strong,
  (count(*) filter (where score >= ${MODERATE_AT} and score < ${STRONG_AT}))::int as moderate,
  (count(*) filter (where score < ${MODERATE_AT}))::int as weak,
  coalesce(sum(score), 0)::float8 as score_sum`;

/** New responses (no matches before this): their matches are added to the counts. */
export async function addNewResponsesToStats(db: Database, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    insert into persona_match_stats (persona_id, workspace_id, scored, strong, moderate, weak, score_sum)
    select persona_id, workspace_id, ${categoryCounts} from persona_matches where response_id in ${ids} group by persona_id, workspace_id
    on conflict (persona_id) do update set scored = persona_match_stats.scored + excluded.scored, strong = persona_match_stats.strong + excluded.strong,
      moderate = persona_match_stats.moderate + excluded.moderate, weak = persona_match_stats.weak + excluded.weak,
      score_sum = persona_match_stats.score_sum + excluded.score_sum`);
  await db.execute(sql`
    insert into response_stats (workspace_id, total, covered)
    values (${workspaceId}::uuid, ${ids.length},
      (select count(distinct response_id)::int from persona_matches where response_id in ${ids} and score >= ${MODERATE_AT}))
    on conflict (workspace_id) do update set total = response_stats.total + excluded.total, covered = response_stats.covered + excluded.covered`);
}

/** A persona's counts recounted from its matches (after a rescore, or when its rules were removed). */
export async function recountPersona(db: Database, { workspaceId, personaId }: { workspaceId: string; personaId: string }): Promise<void> {
  await db.execute(sql`
    insert into persona_match_stats (persona_id, workspace_id, scored, strong, moderate, weak, score_sum)
    select ${personaId}::uuid, ${workspaceId}::uuid, ${categoryCounts} from persona_matches where persona_id = ${personaId}::uuid
    on conflict (persona_id) do update set scored = excluded.scored, strong = excluded.strong, moderate = excluded.moderate, weak = excluded.weak, score_sum = excluded.score_sum`);
}

/** The workspace's response count and how many match some persona, recounted. */
export async function recountCoverage(db: Database, { workspaceId }: { workspaceId: string }): Promise<void> {
  await db.execute(sql`
    insert into response_stats (workspace_id, total, covered)
    values (${workspaceId}::uuid,
      (select count(*)::int from survey_responses where workspace_id = ${workspaceId}::uuid),
      (select count(distinct response_id)::int from persona_matches where workspace_id = ${workspaceId}::uuid and score >= ${MODERATE_AT}))
    on conflict (workspace_id) do update set total = excluded.total, covered = excluded.covered`);
}

/** Before responses are deleted: their matches leave the counts. */
export async function removeResponsesFromStats(db: Database, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    update persona_match_stats s set scored = s.scored - d.scored, strong = s.strong - d.strong, moderate = s.moderate - d.moderate, weak = s.weak - d.weak,
      score_sum = s.score_sum - d.score_sum
    from (select persona_id, ${categoryCounts} from persona_matches where response_id in ${ids} group by persona_id) d
    where s.persona_id = d.persona_id`);
  const [gone] = rowsOf<{ total: number; covered: number }>(
    await db.execute(sql`
      select (select count(*)::int from survey_responses where workspace_id = ${workspaceId}::uuid and id in ${ids}) as total,
        (select count(distinct response_id)::int from persona_matches where response_id in ${ids} and score >= ${MODERATE_AT}) as covered`),
  );
  await db.execute(
    sql`update response_stats set total = total - ${gone?.total ?? 0}, covered = covered - ${gone?.covered ?? 0} where workspace_id = ${workspaceId}::uuid`,
  );
}

/** The id that ends the next slice of `size` responses after `after` (null when none are left). */
export async function nextSliceEnd(
  db: Database,
  { workspaceId, after, size }: { workspaceId: string; after: string | null; size: number },
): Promise<string | null> {
  const afterClause = after === null ? sql`` : sql`and id > ${after}::uuid`;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select max(id::text)::uuid as id from (select id from survey_responses where workspace_id = ${workspaceId}::uuid ${afterClause} order by id limit ${size}) s`),
  );
  return rows[0]?.id ?? null;
}
