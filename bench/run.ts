// npm run bench — prints the figures the README reports. Postgres rows need DATABASE_URL.
import { benchCampaignSends, printCampaignBench, type CampaignBench } from './campaign-send.js';
import { benchColdStart, printColdStart } from './cold-start.js';
import { benchFirstPage, printFirstPage } from './first-page.js';
import { benchGeneration } from './generation-overhead.js';
import { runHttpTurns } from './http-turns.js';
import { benchPromptSizes } from './prompt-sizes.js';
import { benchScaleOut, printScaleOut } from './scale-out.js';
import { benchTurns } from './turn-latency.js';

const fmt = (n: number) => n.toFixed(2);
const drivers: Array<'pglite' | 'postgres'> = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

console.log('## Per-turn service time, offline model (ms)\n');
console.log('| database | whole turn p50 | whole turn p99 | load + reduce + save p50 | load + reduce + save p99 | turns |');
console.log('|---|---|---|---|---|---|');
for (const driver of drivers) {
  const r = await benchTurns(driver);
  console.log(`| ${driver} | ${fmt(r.turn.p50)} | ${fmt(r.turn.p99)} | ${fmt(r.storage.p50)} | ${fmt(r.storage.p99)} | ${r.turn.n} |`);
}

console.log('\n## Service time added to a persona generation, model excluded (ms)\n');
console.log('| database | hydrate p50 | hydrate p99 | save p50 | save p99 |');
console.log('|---|---|---|---|---|');
for (const driver of drivers) {
  const r = await benchGeneration(driver);
  console.log(`| ${driver} | ${fmt(r.hydrate.p50)} | ${fmt(r.hydrate.p99)} | ${fmt(r.save.p50)} | ${fmt(r.save.p99)} |`);
}

console.log('\n## Prompt sizes as rendered (input includes the output JSON schema; tokens ≈ characters / 4)\n');
console.log('| prompt | characters | ≈ input tokens | output tokens assumed | ≈ $ per call, gemini-2.5-flash | ≈ $ per call, gpt-4o-mini |');
console.log('|---|---|---|---|---|---|');
for (const r of await benchPromptSizes()) {
  console.log(`| ${r.name} | ${r.chars} | ${r.inputTokens} | ${r.outputTokens} | ${r.gemini.toFixed(5)} | ${r.openai.toFixed(5)} |`);
}

printColdStart(await benchColdStart());
printFirstPage(await benchFirstPage());

// 100 clients on each database (and two processes on Postgres), the /healthz floor beside them.
await runHttpTurns();

const campaigns: CampaignBench[] = [];
for (const driver of drivers) campaigns.push(await benchCampaignSends(driver));
printCampaignBench(campaigns);

// Two server processes on one PostgreSQL sharing a campaign, one killed mid-run: needs DATABASE_URL.
if (process.env.DATABASE_URL) printScaleOut(await benchScaleOut(process.env.DATABASE_URL));
