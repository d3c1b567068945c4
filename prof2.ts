import { openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { createQueries } from './db/queries/index.js';
import { throwawayDatabase } from './bench/campaign-harness.js';
import { SurveyResponseInputSchema } from './schemas/survey-response.js';
const N = Number(process.env.N ?? 100000);
const db = await throwawayDatabase(process.env.DATABASE_URL!, 'pf_prof');
const handle = await openDatabase({ databaseUrl: db.url, dataDir: '' });
try {
await migrateDatabase(handle);
const q = createQueries(handle.db);
const ws = await q.workspaces.ensureDefault();
const inputs = Array.from({ length: N }, (_, i) => SurveyResponseInputSchema.parse({ age: 20 + (i % 50), location: `City ${i % 20}`, occupation: `Occ ${i % 30}`, goals: [`Goal ${i % 40}`, `Goal ${(i * 7) % 40}`], frustrations: [`F ${i % 40}`], satisfaction: 3, nps: 5, trust: 3, effort: 3, submittedAt: new Date(Date.now() - (i % 90) * 86400000).toISOString() }));
const ids: string[] = [];
for (let i = 0; i < 10; i++) {
  const p = await q.personas.save({ workspaceId: ws, id: crypto.randomUUID(), data: { personName: `P${i}`, title: 'T', role: 'R', coreGoal: 'G', painPoints: ['x'], needForOurProduct: 'n', industry: 'i', companySize: '5' }, source: 'edit' });
  ids.push(p.id);
  await q.personaAnalytics.saveRules({ workspaceId: ws, personaId: p.id, rules: { age: { min: 20 + i, max: 40 + i }, locations: [`City ${i}`, `City ${i + 1}`, `City ${i+2}`], occupations: [`Occ ${i}`, `Occ ${i + 3}`], goals: [`Goal ${i}`, `Goal ${i + 5}`], frustrations: [`F ${i}`] } });
}
let t = performance.now();
await q.surveyResponses.addMany({ workspaceId: ws, inputs, source: 'import' });
console.log('insert', N, (performance.now() - t).toFixed(0), 'ms', JSON.stringify((globalThis as any).T));
t = performance.now();
const pairs = await q.personaAnalytics.scoreAll({ workspaceId: ws });
console.log('scoreAll', pairs, (performance.now() - t).toFixed(0), 'ms', Math.round(pairs / ((performance.now() - t) / 1000)), 'pairs/s');
t = performance.now();
const again = await q.personaAnalytics.scoreAll({ workspaceId: ws });
console.log('scoreAll again (upsert over existing)', again, (performance.now() - t).toFixed(0), 'ms');
{
  t = performance.now(); for (let i = 0; i < 20; i++) await q.personaAnalytics.coverage({ workspaceId: ws }); console.log('coverage avg', ((performance.now() - t) / 20).toFixed(1));
  t = performance.now(); for (let i = 0; i < 20; i++) await q.personaAnalytics.evolution({ workspaceId: ws, personaId: ids[0]!, days: 30 }); console.log('evolution avg', ((performance.now() - t) / 20).toFixed(1));
  t = performance.now(); for (let i = 0; i < 20; i++) await q.personaAnalytics.analytics({ workspaceId: ws, personaId: ids[0]! }); console.log('analytics avg', ((performance.now() - t) / 20).toFixed(1));
  t = performance.now(); for (let i = 0; i < 20; i++) await q.personaAnalytics.topMatches({ workspaceId: ws, personaId: ids[0]!, limit: 10, offset: 0 }); console.log('top avg', ((performance.now() - t) / 20).toFixed(1));
}
} finally { await handle.close(); await db.drop(); }
