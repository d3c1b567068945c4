import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { matchResponse } from '../../lib/persona-match.js';
import type { MappingRules } from '../../schemas/persona-analytics.js';
import type { Persona } from '../../schemas/persona.js';
import { SurveyResponseInputSchema, type SurveyResponseInput } from '../../schemas/survey-response.js';
import { runPersonaRescore } from '../../jobs/persona-analytics.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

const persona = (personName: string, title: string): Persona => ({
  personName,
  title,
  role: 'Runs the team',
  coreGoal: 'Ship faster',
  painPoints: ['Manual reporting'],
  needForOurProduct: 'One dashboard',
  industry: 'Software',
  companySize: '50-200 employees',
});

// A small deterministic generator: answers drawn from few values so every rule matches some.
function pseudoRandom(seed: number) {
  let s = seed;
  return {
    next() {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return { value: s / 2 ** 31 };
    },
  };
}
const pick = <T>(r: ReturnType<typeof pseudoRandom>, xs: readonly T[]) => xs[Math.floor(r.next().value * xs.length)]!;
const LOCATIONS = ['London', ' london ', 'Leeds', 'Paris'];
const OCCUPATIONS = ['Product Manager', 'PRODUCT MANAGER', 'Designer', 'Nurse'];
const GOALS = ['Career growth', 'Work-life balance', 'career growth ', 'Ship faster'];
const PAINS = ['Slow software', 'Poor documentation', 'Meetings'];

function responses(n: number, seed: number): SurveyResponseInput[] {
  const r = pseudoRandom(seed);
  return Array.from({ length: n }, (_, i) =>
    SurveyResponseInputSchema.parse({
      ...(r.next().value < 0.9 ? { age: 18 + Math.floor(r.next().value * 50) } : {}),
      ...(r.next().value < 0.9 ? { location: pick(r, LOCATIONS) } : {}),
      ...(r.next().value < 0.9 ? { occupation: pick(r, OCCUPATIONS) } : {}),
      ...(r.next().value < 0.5 ? { gender: pick(r, ['Woman', 'Man', 'Non-binary']) } : {}),
      goals: r.next().value < 0.8 ? [pick(r, GOALS), pick(r, GOALS)] : [],
      frustrations: r.next().value < 0.8 ? [pick(r, PAINS)] : [],
      satisfaction: 1 + Math.floor(r.next().value * 5),
      nps: Math.floor(r.next().value * 11),
      trust: 1 + (i % 5),
      effort: 1 + (i % 7),
      submittedAt: new Date(Date.now() - (i % 10) * 86_400_000).toISOString(),
    }),
  );
}

const RULES: MappingRules[] = [
  { age: { min: 25, max: 40 }, locations: ['London'], occupations: ['product manager'] },
  { goals: ['Career Growth'], frustrations: ['slow software', 'Meetings'] },
  { age: { min: 50 }, genders: ['woman'], locations: [] },
];

describe.each(drivers)('persona analytics on %s', (driver) => {
  let db: TestDb;
  let other: string;
  const ids: string[] = [];
  beforeAll(async () => {
    db = await createTestDb(driver);
    other = await db.queries.workspaces.create({ slug: 'other', name: 'Other' });
    for (const [i, rules] of RULES.entries()) {
      const saved = await db.queries.personas.save({ workspaceId: db.workspaceId, id: crypto.randomUUID(), data: persona(`P${i}`, 'PM'), source: 'edit' });
      ids.push(saved.id);
      await db.queries.personaAnalytics.saveRules({ workspaceId: db.workspaceId, personaId: saved.id, rules });
    }
  });
  afterAll(() => db.close());
  const ws = () => db.workspaceId;

  test('scores every new response against every persona exactly as the rule says (SQL and TypeScript agree)', async () => {
    const inputs = responses(300, 7);
    expect(await db.queries.surveyResponses.addMany({ workspaceId: ws(), inputs, source: 'import' })).toBe(300);
    const { responses: stored, total } = await db.queries.surveyResponses.list({ workspaceId: ws(), limit: 300, offset: 0 });
    expect(total).toBe(300);
    for (const [i, personaId] of ids.entries()) {
      expect((await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId })).totals.scored).toBe(300);
      const top = await db.queries.personaAnalytics.topMatches({ workspaceId: ws(), personaId, limit: 100, offset: 0 });
      // Listed: the responses that match at least one rule.
      expect(top.total).toBe(stored.filter((r) => matchResponse(RULES[i]!, r)!.score > 0).length);
      for (const m of top.matches) {
        const expected = matchResponse(RULES[i]!, m.response)!;
        expect({ score: m.score, matched: m.matched, unmatched: m.unmatched, category: m.category }).toEqual(expected);
      }
      // Every stored response, not just the top ones: the counts equal a recount in TypeScript.
      const results = stored.map((r) => matchResponse(RULES[i]!, r)!);
      const a = await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId });
      expect(a.distribution).toEqual({
        strong: results.filter((r) => r.category === 'strong').length,
        moderate: results.filter((r) => r.category === 'moderate').length,
        weak: results.filter((r) => r.category === 'weak').length,
      });
      expect(a.averageScore).toBeCloseTo(results.reduce((s, r) => s + r.score, 0) / results.length, 1);
      expect(a.coverage).toBeCloseTo((100 * results.filter((r) => r.score >= 50).length) / 300, 0);
    }
    const overview = await db.queries.personaAnalytics.coverage({ workspaceId: ws() });
    const coveredByAny = stored.filter((r) => RULES.some((rules) => matchResponse(rules, r)!.score >= 50)).length;
    expect(overview.totalResponses).toBe(300);
    expect(overview.unmatched.count).toBe(300 - coveredByAny);
  });

  test('a persona without rules scores nothing; an empty list is no rule', async () => {
    const bare = await db.queries.personas.save({ workspaceId: ws(), id: crypto.randomUUID(), data: persona('Bare', 'CEO'), source: 'edit' });
    await db.queries.personaAnalytics.saveRules({ workspaceId: ws(), personaId: bare.id, rules: { locations: [], goals: [] } });
    const a = await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId: bare.id });
    expect(a).toMatchObject({ hasRules: false, coverage: null, averageScore: null, totals: { scored: 0 } });
    await db.queries.personas.delete({ workspaceId: ws(), id: bare.id });
  });

  test('changed rules are rescored slice by slice; a newer version supersedes the job', async () => {
    const personaId = ids[2]!;
    const saved = await db.queries.personaAnalytics.saveRules({ workspaceId: ws(), personaId, rules: { locations: ['Paris'] } });
    const progress: number[] = [];
    const { scored, superseded } = await db.queries.personaAnalytics.rescore({
      workspaceId: ws(),
      personaId,
      rulesVersion: saved.version,
      size: 70,
      onProgress: async (n) => void progress.push(n),
    });
    expect(superseded).toBe(false);
    // 300 responses in slices of 70: five statements, the last of 20.
    expect(progress).toHaveLength(5);
    expect(progress.at(-1)).toBe(300);
    expect(scored).toBe(300);
    await db.queries.personaAnalytics.recount({ workspaceId: ws(), personaId });
    const { responses: stored } = await db.queries.surveyResponses.list({ workspaceId: ws(), limit: 300, offset: 0 });
    const a = await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId });
    expect(a.distribution.strong).toBe(stored.filter((r) => r.location?.trim().toLowerCase() === 'paris').length);
    await db.queries.personaAnalytics.saveRules({ workspaceId: ws(), personaId, rules: { locations: ['Leeds'] } });
    const stale = await db.queries.personaAnalytics.rescore({ workspaceId: ws(), personaId, rulesVersion: saved.version, size: 70 });
    expect(stale.superseded).toBe(true);
    await expect(db.queries.personaAnalytics.saveRules({ workspaceId: ws(), personaId, rules: {}, expectedVersion: saved.version })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  test('removing every rule removes the scores and the coverage they gave', async () => {
    const personaId = ids[2]!;
    const current = await db.queries.personaAnalytics.rules({ workspaceId: ws(), personaId });
    await db.queries.personaAnalytics.saveRules({ workspaceId: ws(), personaId, rules: {}, expectedVersion: current.version });
    const a = await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId });
    expect(a.totals.scored).toBe(0);
    const top = await db.queries.personaAnalytics.topMatches({ workspaceId: ws(), personaId, limit: 10, offset: 0 });
    expect(top.matches).toEqual([]);
  });

  test('deleting a response takes it out of every count', async () => {
    const before = await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId: ids[0]! });
    const [best] = (await db.queries.personaAnalytics.topMatches({ workspaceId: ws(), personaId: ids[0]!, limit: 1, offset: 0 })).matches;
    await db.queries.surveyResponses.delete({ workspaceId: ws(), id: best!.response.id });
    const after = await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId: ids[0]! });
    expect(after.totals.responses).toBe(before.totals.responses - 1);
    expect(after.distribution[best!.category]).toBe(before.distribution[best!.category] - 1);
    await expect(db.queries.surveyResponses.delete({ workspaceId: ws(), id: best!.response.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  test('a snapshot a day per persona, replaced when taken again; evolution reads them', async () => {
    const personaId = ids[0]!;
    const yesterday = new Date(Date.now() - 86_400_000);
    await db.queries.personaAnalytics.snapshot({ workspaceId: ws(), personaId, now: yesterday });
    const first = await db.queries.personaAnalytics.snapshot({ workspaceId: ws(), personaId });
    const again = await db.queries.personaAnalytics.snapshot({ workspaceId: ws(), personaId });
    expect(again.date).toBe(first.date);
    const evolution = await db.queries.personaAnalytics.evolution({ workspaceId: ws(), personaId, days: 7 });
    expect(evolution.snapshots.map((s) => s.date)).toEqual([yesterday.toISOString().slice(0, 10), first.date]);
    expect(evolution.volume).toHaveLength(7);
    const a = await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId });
    expect(again.responseCount).toBe(a.totals.matched);
    expect(a.volume.reduce((s, d) => s + d.responses, 0)).toBe(a.totals.matched);
    expect(evolution.volume.reduce((s, d) => s + d.responses, 0)).toBeLessThan(a.totals.matched);
    expect(again.metrics.satisfaction).toBeGreaterThanOrEqual(1);
    // Matched means 2 of its 3 rules at least: London product managers of any age are in.
    expect(again.demographics.locations[0]).toMatchObject({ value: expect.stringMatching(/^\s*london\s*$/i) });
    expect(again.demographics.age.average).toEqual(expect.any(Number));
    expect(a.lastSyncedAt).not.toBeNull();
  });

  test('unmatched responses are grouped by occupation with a draft drawn only from their answers', async () => {
    const nurses = Array.from({ length: 4 }, (_, i) =>
      SurveyResponseInputSchema.parse({
        occupation: 'ICU nurse',
        location: 'Leeds',
        frustrations: ['Night shifts', ...(i % 2 ? ['Charting'] : []), ...(i === 0 ? ['Parking'] : [])],
        goals: ['Fewer double shifts'],
      }),
    );
    await db.queries.surveyResponses.addMany({ workspaceId: ws(), inputs: nurses, source: 'api' });
    const { groups, unmatched } = await db.queries.unmatchedGroups.list({ workspaceId: ws() });
    expect(unmatched).toBeGreaterThanOrEqual(4);
    const group = groups.find((g) => g.key === 'icu nurse')!;
    expect(group).toMatchObject({ size: 4, attributes: { occupation: 'ICU nurse', location: 'Leeds' } });
    expect(group.draft).toEqual({ title: 'ICU nurse', painPoints: ['Night shifts', 'Charting'], coreGoal: 'Fewer double shifts' });
    expect(group.frustrations[0]).toEqual({ value: 'Night shifts', count: 4 });
    expect(group.sample).toHaveLength(4);
  });

  test('another workspace sees none of it', async () => {
    await expect(db.queries.personaAnalytics.analytics({ workspaceId: other, personaId: ids[0]! })).rejects.toMatchObject({ code: 'not_found' });
    await expect(db.queries.personaAnalytics.saveRules({ workspaceId: other, personaId: ids[0]!, rules: {} })).rejects.toMatchObject({ code: 'not_found' });
    expect((await db.queries.surveyResponses.list({ workspaceId: other, limit: 10, offset: 0 })).total).toBe(0);
    expect((await db.queries.personaAnalytics.coverage({ workspaceId: other })).personas).toEqual([]);
    expect((await db.queries.unmatchedGroups.list({ workspaceId: other })).groups).toEqual([]);
  });

  test('two first saves of rules at once: one wins, the other is a conflict, nothing is lost silently', async () => {
    const fresh = await db.queries.personas.save({ workspaceId: ws(), id: crypto.randomUUID(), data: persona('Race', 'CTO'), source: 'edit' });
    const results = await Promise.allSettled(
      [['London'], ['Paris']].map((locations) =>
        db.queries.personaAnalytics.saveRules({ workspaceId: ws(), personaId: fresh.id, rules: { locations }, expectedVersion: 0 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    expect((await db.queries.personaAnalytics.rules({ workspaceId: ws(), personaId: fresh.id })).version).toBe(1);
    await db.queries.personas.delete({ workspaceId: ws(), id: fresh.id });
  });

  test('a rescoring job whose rules changed again says superseded; a second press joins the job already queued', async () => {
    const personaId = ids[0]!;
    const { version } = await db.queries.personaAnalytics.rules({ workspaceId: ws(), personaId });
    const first = await db.queries.personaAnalytics.rescoreJob({ workspaceId: ws(), personaId, rulesVersion: version });
    const again = await db.queries.personaAnalytics.rescoreJob({ workspaceId: ws(), personaId, rulesVersion: version });
    expect(first.created).toBe(true);
    expect(again).toEqual({ job: first.job, created: false });
    await runPersonaRescore(
      { jobId: first.job.id, workspaceId: ws(), personaId, rulesVersion: version - 1 },
      { final: true },
      { analytics: db.queries.personaAnalytics },
    );
    expect(await db.queries.personaAnalytics.job({ workspaceId: ws(), id: first.job.id })).toMatchObject({
      status: 'superseded',
      error: expect.stringMatching(/rules changed again/),
    });
    const next = await db.queries.personaAnalytics.rescoreJob({ workspaceId: ws(), personaId, rulesVersion: version });
    expect(next.created).toBe(true);
    await runPersonaRescore(
      { jobId: next.job.id, workspaceId: ws(), personaId, rulesVersion: version },
      { final: true },
      { analytics: db.queries.personaAnalytics },
    );
    expect(await db.queries.personaAnalytics.job({ workspaceId: ws(), id: next.job.id })).toMatchObject({ status: 'done', error: null });
  });

  test('the kept counts stay true while an import, a rules change with its rescoring and deletions run at once', async () => {
    const personaId = ids[0]!;
    const before = await db.queries.surveyResponses.list({ workspaceId: ws(), limit: 5, offset: 0 });
    const current = await db.queries.personaAnalytics.rules({ workspaceId: ws(), personaId });
    const rules: MappingRules = { age: { min: 30, max: 60 }, locations: ['Leeds', 'London'] };
    await Promise.all([
      db.queries.surveyResponses.addMany({ workspaceId: ws(), inputs: responses(1200, 11), source: 'import' }),
      (async () => {
        const saved = await db.queries.personaAnalytics.saveRules({ workspaceId: ws(), personaId, rules, expectedVersion: current.version });
        await db.queries.personaAnalytics.rescore({ workspaceId: ws(), personaId, rulesVersion: saved.version, size: 250 });
        await db.queries.personaAnalytics.recount({ workspaceId: ws(), personaId });
      })(),
      ...before.responses.slice(0, 3).map((r) => db.queries.surveyResponses.delete({ workspaceId: ws(), id: r.id })),
    ]);
    const { responses: stored, total } = await db.queries.surveyResponses.list({ workspaceId: ws(), limit: 200, offset: 0 });
    const all = [...stored];
    for (let offset = 200; offset < total; offset += 200)
      all.push(...(await db.queries.surveyResponses.list({ workspaceId: ws(), limit: 200, offset })).responses);
    expect(all).toHaveLength(total);
    const expected = all.map((r) => matchResponse(rules, r)!);
    const a = await db.queries.personaAnalytics.analytics({ workspaceId: ws(), personaId });
    expect(a.totals).toMatchObject({ responses: total, scored: total });
    expect(a.distribution).toEqual({
      strong: expected.filter((r) => r.category === 'strong').length,
      moderate: expected.filter((r) => r.category === 'moderate').length,
      weak: expected.filter((r) => r.category === 'weak').length,
    });
    const top = await db.queries.personaAnalytics.topMatches({ workspaceId: ws(), personaId, limit: 1, offset: 0 });
    expect(top.total).toBe(expected.filter((r) => r.score > 0).length);
  });

  test('a submittedAt the database cannot store is a field message, not an error', () => {
    for (const submittedAt of ['0000-01-01T00:00:00Z', '2026-11-30T10:00:00+99:00', '3100-01-01T00:00:00Z']) {
      const parsed = SurveyResponseInputSchema.safeParse({ submittedAt });
      expect(parsed.success, submittedAt).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual(['submittedAt']);
    }
    expect(SurveyResponseInputSchema.safeParse({ submittedAt: '2026-11-30T10:00:00+05:30' }).success).toBe(true);
  });

  test('deleting a persona gives back the coverage only it gave', async () => {
    const before = await db.queries.personaAnalytics.coverage({ workspaceId: ws() });
    await db.queries.personas.delete({ workspaceId: ws(), id: ids[1]! });
    const after = await db.queries.personaAnalytics.coverage({ workspaceId: ws() });
    expect(after.unmatched.count).toBeGreaterThan(before.unmatched.count);
    expect(after.personas.map((p) => p.id)).not.toContain(ids[1]);
  });
});
