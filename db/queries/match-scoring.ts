import { sql, type SQL } from 'drizzle-orm';
import { MODERATE_AT, STRONG_AT } from '../../schemas/persona-analytics.js';
import type { Database } from '../client.js';
import { rowsOf } from '../rows.js';

// Scoring, set-based: one statement scores a slice of responses against a set of personas'
// rules (lib/persona-match.ts says what a match is; this is the same rule over columns), and the
// counts the overview reads are kept in step with the matches it writes.

/** The advisory-lock class of a workspace's analytics counts (its second key is the workspace's hash). */
const COUNTS_LOCK = 16_016;

/**
 * Every writer of a workspace's matches and kept counts takes its analytics lock first, inside its
 * transaction: changes that add to or take from the counts (new responses, a rescoring slice)
 * share it; a recount, a rules change, a response's or persona's deletion take it alone. So a
 * recount never reads around a change still in flight, rules never change under a chunk being
 * scored, and a deletion never misses a match a slice is writing.
 */
export async function lockCounts(db: Database, workspaceId: string, mode: 'shared' | 'alone'): Promise<void> {
  await db.execute(
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(${COUNTS_LOCK}, hashtext(${workspaceId}))`
      : sql`select pg_advisory_xact_lock(${COUNTS_LOCK}, hashtext(${workspaceId}))`,
  );
}

/** Which responses a scoring statement covers: given ids, or an id range (after, upTo]. */
export type ResponseSlice = { ids: string[] } | { after: string | null; upTo: string };

/** Ids as one array parameter (they come from the database: nothing but uuids), not one parameter each. */
const uuids = (ids: string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

const sliceFilter = (slice: ResponseSlice, column: 'r.id' | 'm.response_id'): SQL => {
  const id = sql.raw(column);
  if ('ids' in slice) return sql`${id} = any(${uuids(slice.ids)})`;
  return slice.after === null ? sql`${id} <= ${slice.upTo}::uuid` : sql`${id} > ${slice.after}::uuid and ${id} <= ${slice.upTo}::uuid`;
};

/**
 * Scores every response in `slice` against every persona of the workspace that has rules (or only
 * `personaId`'s) and stores the pairs with at least one matched rule. `fresh`: the responses were
 * just inserted, so there is nothing to replace; otherwise the slice's earlier rows go first, in the
 * same transaction. Returns the number of pairs scored (zeros included).
 */
export async function scoreSlice(db: Database, args: { workspaceId: string; personaId?: string; slice: ResponseSlice; fresh?: boolean }): Promise<number> {
  if ('ids' in args.slice && args.slice.ids.length === 0) return 0;
  const { workspaceId, slice } = args;
  const persona = args.personaId ? sql`and p.persona_id = ${args.personaId}::uuid` : sql``;
  const score = async (t: Database) => {
    if (!args.fresh) {
      const whose = args.personaId ? sql`m.persona_id = ${args.personaId}::uuid` : sql`m.workspace_id = ${workspaceId}::uuid`;
      await t.execute(sql`delete from persona_matches m where ${whose} and ${sliceFilter(slice, 'm.response_id')}`);
    }
    // The slice is read once and crossed with the (few) personas' rules, not scanned once per persona.
    await t.execute(sql`
      with r as materialized (
        select id, workspace_id, age, location_key, occupation_key, gender_key, goal_keys, frustration_keys,
          (submitted_at at time zone 'UTC')::date as submitted_on
        from survey_responses r where r.workspace_id = ${workspaceId}::uuid and ${sliceFilter(slice, 'r.id')}
      )
      insert into persona_matches (persona_id, response_id, workspace_id, score, matched_mask, defined_mask, submitted_on)
      select persona_id, response_id, workspace_id,
        round(100.0 * ((m & 1) + (m >> 1 & 1) + (m >> 2 & 1) + (m >> 3 & 1) + (m >> 4 & 1) + (m >> 5 & 1)) / rule_count, 2)::real,
        m, defined_mask, submitted_on
      from (
        select p.persona_id, r.id as response_id, r.workspace_id, p.rule_count, p.defined_mask, r.submitted_on,
          (case when p.defined_mask & 1 <> 0 and r.age is not null and r.age >= coalesce(p.age_min, r.age) and r.age <= coalesce(p.age_max, r.age) then 1 else 0 end)
          | (case when r.location_key = any(p.location_keys) then 2 else 0 end)
          | (case when r.occupation_key = any(p.occupation_keys) then 4 else 0 end)
          | (case when r.gender_key = any(p.gender_keys) then 8 else 0 end)
          | (case when r.goal_keys && p.goal_keys then 16 else 0 end)
          | (case when r.frustration_keys && p.frustration_keys then 32 else 0 end) as m
        from r cross join persona_rules p
        where p.workspace_id = ${workspaceId}::uuid and p.rule_count > 0 ${persona}
      ) s
      where m <> 0
      ${
        args.fresh
          ? sql``
          : // A response that arrived while the slice was rescored was scored on arrival: the newer rules win either way.
            sql`on conflict (persona_id, response_id) do update set score = excluded.score, matched_mask = excluded.matched_mask, defined_mask = excluded.defined_mask`
      }`);
    const [counted] = rowsOf<{ n: number }>(
      await t.execute(sql`
        select ((select count(*) from survey_responses r where r.workspace_id = ${workspaceId}::uuid and ${sliceFilter(slice, 'r.id')})
          * (select count(*) from persona_rules p where p.workspace_id = ${workspaceId}::uuid and p.rule_count > 0 ${persona}))::int as n`),
    );
    return counted?.n ?? 0;
  };
  return args.fresh
    ? score(db)
    : db.transaction(async (tx) => {
        await lockCounts(tx as unknown as Database, workspaceId, 'shared');
        return score(tx as unknown as Database);
      });
}

/** The listed (non-zero) matches' counts, grouped as the caller says. */
const listedCounts = sql`count(*)::int as listed,
  (count(*) filter (where score >= ${STRONG_AT}))::int as strong,
  (count(*) filter (where score >= ${MODERATE_AT} and score < ${STRONG_AT}))::int as moderate,
  coalesce(sum(score), 0)::float8 as score_sum`;

/**
 * New responses (no matches before this): every persona with rules scored them all, so each
 * persona's counts grow by their number; weak is what is neither strong nor moderate, zeros included.
 */
export async function addNewResponsesToStats(db: Database, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<void> {
  if (ids.length === 0) return;
  const n = ids.length;
  await db.execute(sql`
    insert into persona_match_stats (persona_id, workspace_id, scored, listed, strong, moderate, weak, score_sum)
    select p.persona_id, p.workspace_id, ${n}, coalesce(a.listed, 0), coalesce(a.strong, 0), coalesce(a.moderate, 0),
      ${n} - coalesce(a.strong, 0) - coalesce(a.moderate, 0), coalesce(a.score_sum, 0)
    from persona_rules p
    left join (select persona_id, ${listedCounts} from persona_matches where response_id = any(${uuids(ids)}) group by persona_id) a on a.persona_id = p.persona_id
    where p.workspace_id = ${workspaceId}::uuid and p.rule_count > 0
    -- One order for the row locks, so two imports at once never wait on each other in a circle.
    order by p.persona_id
    on conflict (persona_id) do update set scored = persona_match_stats.scored + excluded.scored, listed = persona_match_stats.listed + excluded.listed,
      strong = persona_match_stats.strong + excluded.strong, moderate = persona_match_stats.moderate + excluded.moderate,
      weak = persona_match_stats.weak + excluded.weak, score_sum = persona_match_stats.score_sum + excluded.score_sum`);
  await db.execute(sql`
    insert into response_stats (workspace_id, total, covered)
    values (${workspaceId}::uuid, ${n},
      (select count(distinct response_id)::int from persona_matches where response_id = any(${uuids(ids)}) and score >= ${MODERATE_AT}))
    on conflict (workspace_id) do update set total = response_stats.total + excluded.total, covered = response_stats.covered + excluded.covered`);
}

/** A persona's counts recounted from its matches (after a rescore); none without rules. */
export async function recountPersona(db: Database, { workspaceId, personaId }: { workspaceId: string; personaId: string }): Promise<void> {
  await db.execute(sql`
    insert into persona_match_stats (persona_id, workspace_id, scored, listed, strong, moderate, weak, score_sum)
    select ${personaId}::uuid, ${workspaceId}::uuid, t.n, a.listed, a.strong, a.moderate, t.n - a.strong - a.moderate, a.score_sum
    from (select count(*)::int as n from survey_responses where workspace_id = ${workspaceId}::uuid) t,
      (select ${listedCounts} from persona_matches where persona_id = ${personaId}::uuid) a
    where exists (select 1 from persona_rules where persona_id = ${personaId}::uuid and rule_count > 0)
    on conflict (persona_id) do update set scored = excluded.scored, listed = excluded.listed, strong = excluded.strong, moderate = excluded.moderate,
      weak = excluded.weak, score_sum = excluded.score_sum`);
  await db.execute(
    sql`delete from persona_match_stats where persona_id = ${personaId}::uuid and not exists (select 1 from persona_rules where persona_id = ${personaId}::uuid and rule_count > 0)`,
  );
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

/** Before responses are deleted: they leave every count they were in. */
export async function removeResponsesFromStats(db: Database, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<void> {
  if (ids.length === 0) return;
  const [gone] = rowsOf<{ total: number; covered: number }>(
    await db.execute(sql`
      select (select count(*)::int from survey_responses where workspace_id = ${workspaceId}::uuid and id = any(${uuids(ids)})) as total,
        (select count(distinct response_id)::int from persona_matches where response_id = any(${uuids(ids)}) and score >= ${MODERATE_AT}) as covered`),
  );
  const n = gone?.total ?? 0;
  // The counts' rows locked in persona order first, as an import locks them.
  await db.execute(sql`select persona_id from persona_match_stats where workspace_id = ${workspaceId}::uuid order by persona_id for update`);
  await db.execute(sql`
    update persona_match_stats s set scored = s.scored - ${n}, listed = s.listed - coalesce(a.listed, 0), strong = s.strong - coalesce(a.strong, 0),
      moderate = s.moderate - coalesce(a.moderate, 0), weak = s.weak - (${n} - coalesce(a.strong, 0) - coalesce(a.moderate, 0)),
      score_sum = s.score_sum - coalesce(a.score_sum, 0)
    from persona_match_stats s2
    left join (select persona_id, ${listedCounts} from persona_matches where response_id = any(${uuids(ids)}) group by persona_id) a on a.persona_id = s2.persona_id
    where s.persona_id = s2.persona_id and s.workspace_id = ${workspaceId}::uuid`);
  await db.execute(sql`update response_stats set total = total - ${n}, covered = covered - ${gone?.covered ?? 0} where workspace_id = ${workspaceId}::uuid`);
}

/** The ids that end each slice of `size` responses, in id order: slice i is (ends[i-1], ends[i]]. */
export async function sliceEnds(db: Database, { workspaceId, size }: { workspaceId: string; size: number }): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from (
        select id, row_number() over (order by id) as n, count(*) over () as total from survey_responses where workspace_id = ${workspaceId}::uuid
      ) s where n % ${size} = 0 or n = total order by id`),
  );
  return rows.map((r) => r.id);
}

/**
 * After a bulk change (an import, a rescoring job): fresh planner statistics, so the next read is
 * planned for the table as it now is rather than as it was (PGlite has no autovacuum at all).
 * `vacuum` also reclaims the rows a rescoring replaced and marks pages all-visible, which lets the
 * volume and top-match reads answer from the index alone; it cannot run inside a transaction.
 */
export async function refreshTableStats(db: Database, { vacuum = false }: { vacuum?: boolean } = {}): Promise<void> {
  await db.execute(sql.raw(vacuum ? 'vacuum (analyze) persona_matches, survey_responses' : 'analyze persona_matches, survey_responses'));
}
