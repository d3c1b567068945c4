// Persona analytics at the size issue 16 names: 100,000 survey responses × 10 personas, on PGlite
// and (with DATABASE_URL) Postgres. In process: an import of every response, each scored against
// all ten personas' rules as it arrives (set-based, 5,000 responses a statement: the batch path),
// and one persona's rescoring after its rules changed (20,000 a statement, as its job runs). Then the real server (server/main.ts)
// on that data as a child process: overview, evolution and analytics latency one request at a time,
// and p95 under 100 concurrent clients (a mix of the six endpoints' reads and inline scores).
//
//   npx tsx bench/persona-analytics.ts [--responses 100000] [--personas 10] [--seconds 10] [--drivers pglite,postgres]
//   BENCH_JSON=path  also writes the results as JSON
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createQueries } from '../db/queries/index.js';
import type { MappingRules } from '../schemas/persona-analytics.js';
import { SurveyResponseInputSchema, type SurveyResponseInput } from '../schemas/survey-response.js';
import { throwawayDatabase } from './campaign-harness.js';
import { request, startServer, stats, stopServer, type Stats } from './http-turns.js';

type Driver = 'pglite' | 'postgres';
export type AnalyticsBench = {
  driver: Driver;
  responses: number;
  personas: number;
  insertPerS: number;
  rescoreOne: { pairs: number; seconds: number; pairsPerS: number };
  sequential: { coverage: Stats; evolution: Stats; analytics: Stats };
  burst: { clients: number; latency: Stats; errors: number };
  concurrent: { clients: number; seconds: number; requests: number; perS: number; latency: Stats; errors: number };
  load: { before: number[]; after: number[] };
};

const OCCUPATIONS = Array.from({ length: 30 }, (_, i) => `Occupation ${i}`);
const LOCATIONS = Array.from({ length: 20 }, (_, i) => `City ${i}`);
const GOALS = Array.from({ length: 40 }, (_, i) => `Goal number ${i}`);
const PAINS = Array.from({ length: 40 }, (_, i) => `Frustration number ${i}`);
const GENDERS = ['Woman', 'Man', 'Non-binary'];

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function responsesOf(n: number): SurveyResponseInput[] {
  const r = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const now = Date.now();
  return Array.from({ length: n }, () =>
    SurveyResponseInputSchema.parse({
      age: 18 + Math.floor(r() * 55),
      location: pick(LOCATIONS),
      occupation: pick(OCCUPATIONS),
      gender: pick(GENDERS),
      goals: [pick(GOALS), pick(GOALS)],
      frustrations: [pick(PAINS), pick(PAINS)],
      satisfaction: 1 + Math.floor(r() * 5),
      nps: Math.floor(r() * 11),
      trust: 1 + Math.floor(r() * 5),
      effort: 1 + Math.floor(r() * 7),
      submittedAt: new Date(now - Math.floor(r() * 90) * 86_400_000).toISOString(),
    }),
  );
}

const rulesOf = (i: number): MappingRules => ({
  age: { min: 20 + i, max: 40 + i },
  locations: LOCATIONS.slice(i, i + 5),
  occupations: OCCUPATIONS.slice(i * 3, i * 3 + 6),
  goals: GOALS.slice(i * 4, i * 4 + 8),
  frustrations: PAINS.slice(i * 4, i * 4 + 8),
});

const persona = (i: number) => ({
  personName: `Persona ${i}`,
  title: OCCUPATIONS[i * 3]!,
  role: 'Bench persona',
  coreGoal: GOALS[i * 4]!,
  painPoints: [PAINS[i * 4]!],
  needForOurProduct: 'Bench',
  industry: 'Bench',
  companySize: '50',
});

export async function seed(handle: DatabaseHandle, n: number, personaCount: number) {
  await migrateDatabase(handle);
  const q = createQueries(handle.db);
  const workspaceId = await q.workspaces.ensureDefault();
  const ids: string[] = [];
  for (let i = 0; i < personaCount; i++) ids.push((await q.personas.save({ workspaceId, id: crypto.randomUUID(), data: persona(i), source: 'edit' })).id);
  // Rules first: the import then scores every response against all ten as it arrives (the product's batch path).
  for (const [i, personaId] of ids.entries()) await q.personaAnalytics.saveRules({ workspaceId, personaId, rules: rulesOf(i) });
  const inputs = responsesOf(n);
  let t = performance.now();
  await q.surveyResponses.addMany({ workspaceId, inputs, source: 'import' });
  const insertPerS = n / ((performance.now() - t) / 1000);
  // One persona's rules changed: its rescoring job's work, 20,000 responses a statement.
  const changed = await q.personaAnalytics.saveRules({ workspaceId, personaId: ids[0]!, rules: { ...rulesOf(0), locations: LOCATIONS.slice(0, 8) } });
  t = performance.now();
  const { scored: rescored } = await q.personaAnalytics.rescore({ workspaceId, personaId: ids[0]!, rulesVersion: changed.version, size: 20_000 });
  await q.personaAnalytics.recount({ workspaceId, personaId: ids[0]! });
  const rescoreSeconds = (performance.now() - t) / 1000;
  // 90 days of snapshots for the persona whose evolution is read.
  for (let d = 89; d >= 0; d--) await q.personaAnalytics.snapshot({ workspaceId, personaId: ids[0]!, now: new Date(Date.now() - d * 86_400_000) });
  return {
    ids,
    insertPerS,
    rescoreOne: { pairs: rescored, seconds: rescoreSeconds, pairsPerS: rescored / rescoreSeconds },
  };
}

async function timed(agent: http.Agent, url: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<number> {
  const t = performance.now();
  const res = await request(agent, url, method, body);
  if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${res.body.slice(0, 300)}`);
  return performance.now() - t;
}

async function measure(base: string, ids: string[], clients: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const p0 = `${base}/api/personas/${ids[0]}`;
  const sequential = async (url: string) => {
    for (let i = 0; i < 10; i++) await timed(agent, url);
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) ms.push(await timed(agent, url));
    return stats(ms);
  };
  const result = {
    coverage: await sequential(`${base}/api/analytics/coverage`),
    evolution: await sequential(`${p0}/evolution?days=30`),
    analytics: await sequential(`${p0}/analytics`),
  };
  const mix: Array<(i: number) => Promise<number>> = [
    (i) => timed(agent, `${base}/api/personas/${ids[i % ids.length]}/analytics`),
    (i) => timed(agent, `${base}/api/personas/${ids[i % ids.length]}/evolution?days=30`),
    (i) => timed(agent, `${base}/api/personas/${ids[i % ids.length]}/top-matches?limit=10&offset=${(i * 10) % 200}`),
    () => timed(agent, `${base}/api/analytics/coverage`),
    (i) =>
      timed(agent, `${base}/api/personas/${ids[i % ids.length]}/match-response`, 'POST', { data: { age: 30, location: 'City 3', goals: ['Goal number 5'] } }),
  ];
  // Bursts: 100 requests sent at once (the source's "100 concurrent requests"), twenty times.
  const burst: number[] = [];
  let burstErrors = 0;
  for (let round = 0; round < 20; round++) {
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        try {
          burst.push(await mix[c % mix.length]!(round * clients + c));
        } catch {
          burstErrors++;
        }
      }),
    );
  }
  // Then closed loop: each client sends its next request as soon as the last one is answered.
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; performance.now() < end; i += clients) {
        try {
          latencies.push(await mix[i % mix.length]!(i));
        } catch {
          errors++;
        }
      }
    }),
  );
  agent.destroy();
  return {
    sequential: result,
    burst: { clients, latency: stats(burst), errors: burstErrors },
    concurrent: { clients, seconds, requests: latencies.length, perS: latencies.length / seconds, latency: stats(latencies), errors },
  };
}

export async function benchPersonaAnalytics(
  driver: Driver,
  opts: { responses: number; personas: number; clients: number; seconds: number },
): Promise<AnalyticsBench> {
  const before = loadavg();
  const root = path.resolve(import.meta.dirname, '..');
  if (driver === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pf-analytics-'));
    try {
      const handle = await openDatabase({ dataDir, embedded: 'pglite' });
      const seeded = await seed(handle, opts.responses, opts.personas);
      await handle.close();
      const server = await startServer(root, { DATA_DIR: dataDir, EMBEDDED_DB: 'pglite', DATABASE_URL: '' });
      try {
        const m = await measure(server.url, seeded.ids, opts.clients, opts.seconds);
        return { driver, responses: opts.responses, personas: opts.personas, ...seeded, ...m, load: { before, after: loadavg() } };
      } finally {
        await stopServer(server);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const db = await throwawayDatabase(process.env.DATABASE_URL!, 'pf_analytics');
  try {
    const handle = await openDatabase({ databaseUrl: db.url, dataDir: '' });
    const seeded = await seed(handle, opts.responses, opts.personas);
    await handle.close();
    const server = await startServer(root, { DATABASE_URL: db.url });
    try {
      const m = await measure(server.url, seeded.ids, opts.clients, opts.seconds);
      return { driver, responses: opts.responses, personas: opts.personas, ...seeded, ...m, load: { before, after: loadavg() } };
    } finally {
      await stopServer(server);
    }
  } finally {
    await db.drop();
  }
}

const ms = (s: Stats) => `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)}`;
export function printPersonaAnalytics(results: AnalyticsBench[]) {
  console.log('\n## Persona analytics: 100,000 responses × 10 personas\n');
  console.log(
    '| database | import, scored as it arrives: responses/s (pairs/s) | one persona rescored, pairs/s | overview p50 / p95 ms | evolution p50 / p95 ms | analytics p50 / p95 ms | 100 at once: p50 / p95 ms | 100 clients for 10 s: req/s, p50 / p95 ms | load before → after |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.driver} | ${Math.round(r.insertPerS).toLocaleString('en')} (${Math.round(r.insertPerS * r.personas).toLocaleString('en')}) | ` +
        `${Math.round(r.rescoreOne.pairsPerS).toLocaleString('en')} (${r.rescoreOne.seconds.toFixed(1)} s) | ${ms(r.sequential.coverage)} | ${ms(r.sequential.evolution)} | ` +
        `${ms(r.sequential.analytics)} | ${ms(r.burst.latency)} | ${Math.round(r.concurrent.perS)}, ${ms(r.concurrent.latency)}${r.concurrent.errors ? ` (${r.concurrent.errors} errors)` : ''} | ` +
        `${r.load.before.map((l) => l.toFixed(2)).join(' ')} → ${r.load.after.map((l) => l.toFixed(2)).join(' ')} |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      responses: { type: 'string' },
      personas: { type: 'string' },
      seconds: { type: 'string' },
      clients: { type: 'string' },
      drivers: { type: 'string' },
    },
  });
  const drivers = (values.drivers ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as Driver[];
  const opts = {
    responses: Number(values.responses ?? 100_000),
    personas: Number(values.personas ?? 10),
    clients: Number(values.clients ?? 100),
    seconds: Number(values.seconds ?? 10),
  };
  const results: AnalyticsBench[] = [];
  for (const driver of drivers) results.push(await benchPersonaAnalytics(driver, opts));
  printPersonaAnalytics(results);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
}
