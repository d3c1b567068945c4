import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

// `npm run genkit:ui` starts the server with GENKIT_ENV=dev; the Dev UI talks to its reflection API.
// The Dev UI web page downloads its assets on first start, so the check goes straight to the API.
const root = path.resolve(import.meta.dirname, '../..');
const cwd = mkdtempSync(path.join(tmpdir(), 'pf-reflection-'));
chmodSync(cwd, 0o755); // the embedded PostgreSQL runs as the `postgres` user when the tests run as root
let child: ChildProcess;
let reflectionUrl: string;

async function waitFor<T>(fn: () => T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  // Genkit writes its runtime file (with the reflection URL) into the nearest project root.
  writeFileSync(path.join(cwd, 'package.json'), '{"private": true}');
  child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/main.ts')], {
    cwd,
    env: { ...process.env, GENKIT_ENV: 'dev', PORT: '0', DATA_DIR: path.join(cwd, 'data'), DATABASE_URL: '' },
    stdio: 'ignore',
  });
  const runtimes = path.join(cwd, '.genkit', 'runtimes');
  const file = await waitFor(() => (existsSync(runtimes) ? readdirSync(runtimes)[0] : undefined), 40_000);
  reflectionUrl = (JSON.parse(readFileSync(path.join(runtimes, file), 'utf8')) as { reflectionServerUrl: string }).reflectionServerUrl;
}, 60_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise((r) => child?.once('exit', r));
  rmSync(cwd, { recursive: true, force: true });
});

test('the reflection API lists the flows, their prompts (the buying-journey summary among them), the approval interrupt and the offline model, and runs a flow', async () => {
  const actions = (await (await fetch(`${reflectionUrl}/api/actions`)).json()) as Record<string, { inputSchema?: unknown }>;
  expect(Object.keys(actions)).toEqual(
    expect.arrayContaining([
      '/flow/personaDefinition',
      '/executable-prompt/persona/extract',
      '/executable-prompt/persona/suggest',
      '/executable-prompt/persona/reply',
      '/model/offline/personaflow',
      '/flow/buyingProcess',
      '/executable-prompt/buying-process/extract',
      '/executable-prompt/buying-process/reply',
      '/executable-prompt/buying-process/summary',
      '/flow/generatePersona',
      '/flow/findProductFits',
      '/flow/analyzeContact',
      '/executable-prompt/persona/generate',
      '/executable-prompt/persona/product-fit',
      '/executable-prompt/contact/brief',
      '/executable-prompt/contact/chat',
      '/flow/draftEmail',
      '/flow/launchCampaign',
      '/flow/generateLeadPersona',
      '/executable-prompt/lead/persona',
      '/executable-prompt/email/draft',
      '/tool/approveCampaignSamples',
      // The eval's scorers (eval/evaluators.ts), for the Dev UI and `genkit eval:run`.
      '/evaluator/personaflow/fieldAccuracy',
      '/evaluator/personaflow/nothingInvented',
      '/evaluator/personaflow/emailFormat',
      '/evaluator/personaflow/instructionFollowing',
      '/evaluator/personaflow/toneDifference',
      '/evaluator/personaflow/mustNotAppear',
    ]),
  );
  expect(actions['/flow/personaDefinition']!.inputSchema).toMatchObject({ type: 'object' });

  const run = await fetch(`${reflectionUrl}/api/runAction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: '/flow/personaDefinition', input: { message: 'Enterprise CMO' } }),
  });
  const { result } = (await run.json()) as { result: { version: number; state: { persona: { personName?: string } } } };
  expect(result.state.persona.personName).toBe('Enterprise CMO');
}, 30_000);
