// How long parseResponseImport takes on the largest import it accepts: 100,000 CSV rows with every
// known column, list cells, a quoted comma and an extra answer; and the same as flat JSON rows.
// `npx tsx bench/response-import.ts` (not part of npm run bench: it is a pure function's cost).
import { performance } from 'node:perf_hooks';
import { parseResponseImport } from '../server/formats/response-import.js';

const ROWS = 100_000;
const header = 'Email,Full Name,Consent,Age,City,Job Title,Gender,Goals,Pain Points,CSAT,NPS,Trust,CES,Timestamp,Comment';
const line = (i: number) =>
  `p${i}@example.com,Person ${i},yes,${20 + (i % 50)},Lisbon,Engineer,female,"Ship faster; fewer meetings, less noise",Slow tools|Bad docs,4,${i % 11},3,2,11/30/2026 10:${String(i % 60).padStart(2, '0')}:00,"Hello, world"`;
const csv = [header, ...Array.from({ length: ROWS }, (_, i) => line(i))].join('\n');
const json = Array.from({ length: ROWS }, (_, i) => ({
  email: `p${i}@example.com`,
  age: 20 + (i % 50),
  goals: 'Ship faster; fewer meetings',
  nps: i % 11,
  comment: 'Hello, world',
}));

function time(what: string, run: () => { rows: unknown[]; rejected: unknown[] }) {
  run(); // warm up
  const started = performance.now();
  const { rows, rejected } = run();
  console.log(`${what}: ${rows.length.toLocaleString('en')} rows, ${rejected.length} rejected, ${(performance.now() - started).toFixed(0)} ms`);
}

console.log(`CSV of ${(csv.length / 1e6).toFixed(1)} MB`);
time('CSV', () => parseResponseImport({ csv }));
time('JSON (flat)', () => parseResponseImport({ json }));
