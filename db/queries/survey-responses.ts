import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { matchKey } from '../../lib/persona-match.js';
import { notFound } from '../../lib/errors.js';
import type { SurveyResponse, SurveyResponseInput, SurveyResponseSource } from '../../schemas/survey-response.js';
import { eachInLanes, type Database } from '../client.js';
import { rowsOf } from '../rows.js';
import { personaMatches, responseStats, surveyResponses, type SurveyResponseRow } from '../schema.js';
import { addNewResponsesToStats, lockCounts, refreshTableStats, removeResponsesFromStats, scoreSlice } from './match-scoring.js';

/** Responses per statement and transaction: one JSON parameter, scored together. */
const INSERT_CHUNK = 5000;
/** An import at least this big refreshes the planner's statistics (a few tens of ms). */
const ANALYZE_AFTER = 1000;

export const toSurveyResponse = (row: SurveyResponseRow): SurveyResponse => ({
  id: row.id,
  respondent: { email: row.respondentEmail, name: row.respondentName, consent: row.consent },
  age: row.age,
  location: row.location,
  occupation: row.occupation,
  gender: row.gender,
  goals: row.goals,
  frustrations: row.frustrations,
  satisfaction: row.satisfaction,
  nps: row.nps,
  trust: row.trust,
  effort: row.effort,
  answers: row.answers,
  submittedAt: row.submittedAt.toISOString(),
  source: row.source,
  createdAt: row.createdAt.toISOString(),
});

const keyOrNull = (s: string | undefined) => (s === undefined ? null : matchKey(s));
const textArray = (field: string) => sql.raw(`array(select jsonb_array_elements_text(x->'${field}'))`);
const rowOf = (input: SurveyResponseInput, now: Date) => ({
  respondentEmail: input.respondent?.email ?? null,
  respondentName: input.respondent?.name ?? null,
  consent: input.respondent?.consent ?? false,
  age: input.age ?? null,
  location: input.location ?? null,
  occupation: input.occupation ?? null,
  gender: input.gender ?? null,
  goals: input.goals,
  frustrations: input.frustrations,
  locationKey: keyOrNull(input.location),
  occupationKey: keyOrNull(input.occupation),
  genderKey: keyOrNull(input.gender),
  goalKeys: input.goals.map(matchKey),
  frustrationKeys: input.frustrations.map(matchKey),
  satisfaction: input.satisfaction ?? null,
  nps: input.nps ?? null,
  trust: input.trust ?? null,
  effort: input.effort ?? null,
  answers: input.answers ?? {},
  submittedAt: input.submittedAt ?? now.toISOString(),
});

/**
 * Stores responses and scores each against every persona with rules, in one transaction per chunk.
 * A chunk goes in as one JSON parameter the statement unpacks: a thousand rows of 23 bound
 * parameters each cost far more to build and bind than to insert.
 */
async function insertScored(db: Database, workspaceId: string, inputs: SurveyResponseInput[], source: SurveyResponseSource): Promise<string[]> {
  const now = new Date();
  const insertChunk = async (slice: SurveyResponseInput[]): Promise<string[]> => {
    const chunk = JSON.stringify(slice.map((input) => rowOf(input, now)));
    return db.transaction(async (tx) => {
      const t = tx as unknown as Database;
      await lockCounts(t, workspaceId, 'shared');
      const rows = rowsOf<{ id: string }>(
        await t.execute(sql`
          insert into survey_responses (workspace_id, source, respondent_email, respondent_name, consent, age, location, occupation, gender,
            goals, frustrations, location_key, occupation_key, gender_key, goal_keys, frustration_keys,
            satisfaction, nps, trust, effort, answers, submitted_at)
          select ${workspaceId}::uuid, ${source}, x->>'respondentEmail', x->>'respondentName', (x->>'consent')::boolean, (x->>'age')::int,
            x->>'location', x->>'occupation', x->>'gender',
            ${textArray('goals')}, ${textArray('frustrations')}, x->>'locationKey', x->>'occupationKey', x->>'genderKey',
            ${textArray('goalKeys')}, ${textArray('frustrationKeys')},
            (x->>'satisfaction')::smallint, (x->>'nps')::smallint, (x->>'trust')::smallint, (x->>'effort')::smallint,
            x->'answers', (x->>'submittedAt')::timestamptz
          from jsonb_array_elements(${chunk}::jsonb) as t(x)
          returning id`),
      );
      const chunkIds = rows.map((r) => r.id);
      await scoreSlice(t, { workspaceId, slice: { ids: chunkIds }, fresh: true });
      await addNewResponsesToStats(t, { workspaceId, ids: chunkIds });
      return chunkIds;
    });
  };
  const chunks: SurveyResponseInput[][] = [];
  for (let i = 0; i < inputs.length; i += INSERT_CHUNK) chunks.push(inputs.slice(i, i + INSERT_CHUNK));
  const ids: string[][] = new Array(chunks.length);
  await eachInLanes(db, chunks, async (chunk, at) => {
    ids[at] = await insertChunk(chunk);
  });
  return ids.flat();
}

export function surveyResponseQueries(db: Database) {
  return {
    async add({ workspaceId, input, source }: { workspaceId: string; input: SurveyResponseInput; source: SurveyResponseSource }): Promise<SurveyResponse> {
      const [id] = await insertScored(db, workspaceId, [input], source);
      return this.get({ workspaceId, id: id! });
    },

    async addMany({ workspaceId, inputs, source }: { workspaceId: string; inputs: SurveyResponseInput[]; source: SurveyResponseSource }): Promise<number> {
      const stored = (await insertScored(db, workspaceId, inputs, source)).length;
      if (stored >= ANALYZE_AFTER) await refreshTableStats(db);
      return stored;
    },

    async get({ workspaceId, id }: { workspaceId: string; id: string }): Promise<SurveyResponse> {
      const [row] = await db
        .select()
        .from(surveyResponses)
        .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.id, id)));
      if (!row) throw notFound('Response');
      return toSurveyResponse(row);
    },

    /** Newest first; `total` from the kept count, not a count of every row. */
    async list({
      workspaceId,
      limit,
      offset,
    }: {
      workspaceId: string;
      limit: number;
      offset: number;
    }): Promise<{ responses: SurveyResponse[]; total: number }> {
      const [rows, [stats]] = await Promise.all([
        db
          .select()
          .from(surveyResponses)
          .where(eq(surveyResponses.workspaceId, workspaceId))
          .orderBy(desc(surveyResponses.submittedAt), desc(surveyResponses.id))
          .limit(limit)
          .offset(offset),
        db.select({ total: responseStats.total }).from(responseStats).where(eq(responseStats.workspaceId, workspaceId)),
      ]);
      return { responses: rows.map(toSurveyResponse), total: stats?.total ?? 0 };
    },

    async delete({ workspaceId, id }: { workspaceId: string; id: string }): Promise<void> {
      await db.transaction(async (tx) => {
        const t = tx as unknown as Database;
        await lockCounts(t, workspaceId, 'alone');
        const [found] = await t
          .select({ id: surveyResponses.id })
          .from(surveyResponses)
          .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.id, id)))
          .for('update');
        if (!found) throw notFound('Response');
        await removeResponsesFromStats(t, { workspaceId, ids: [id] });
        await t.delete(personaMatches).where(and(eq(personaMatches.workspaceId, workspaceId), eq(personaMatches.responseId, id)));
        await t.delete(surveyResponses).where(and(eq(surveyResponses.workspaceId, workspaceId), inArray(surveyResponses.id, [id])));
      });
    },
  };
}
