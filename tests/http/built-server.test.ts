import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildIfStale, projectRoot } from '../../scripts/build-if-stale.js';

// `npm start` runs the esbuild bundle (dist/server), not the sources the other tests import: this
// checks the bundle itself serves, in local mode and in team mode (better-auth, loaded lazily, with
// the zod 4 of its own that the bundle must not swap for the project's zod 3).

let child: ChildProcess | undefined;

async function startBuilt(env: Record<string, string>): Promise<string> {
  child = spawn(process.execPath, [path.join(projectRoot, 'dist/server/main.js')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', DATA_DIR: ':memory:', DATABASE_URL: '', GENKIT_ENV: 'prod', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const port = /is ready at http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child!.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child!.once('exit', (code) => reject(new Error(`the built server exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  await buildIfStale(['server']);
}, 120_000);

afterEach(async () => {
  if (!child || child.exitCode !== null) return;
  const gone = new Promise((r) => child!.once('exit', r));
  child.kill('SIGTERM');
  await gone;
});

describe('the built server', () => {
  test('local mode: healthy, and a wizard turn runs', async () => {
    const url = await startBuilt({ AUTH: 'off' });
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ ok: true });
    const turn = await fetch(`${url}/api/flows/personaDefinition`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { message: 'We sell to heads of logistics at mid-sized carriers.' } }),
    });
    expect(turn.status).toBe(200);
    expect(((await turn.json()) as { result: { sessionId: string } }).result.sessionId).toEqual(expect.any(String));
  }, 60_000);

  test('team mode: sign-in required, and an account can be made', async () => {
    const url = await startBuilt({ AUTH: 'on' });
    expect((await fetch(`${url}/api/me`)).status).toBe(401);
    const signUp = await fetch(`${url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url.replace('127.0.0.1', 'localhost') },
      body: JSON.stringify({ email: 'dana@shipwise.test', password: 'correct horse battery', name: 'Dana' }),
    });
    expect(signUp.status).toBe(200);
    expect(((await signUp.json()) as { user: { email: string } }).user.email).toBe('dana@shipwise.test');
  }, 60_000);

  // The Anthropic SDK stays in node_modules: a bundled copy would have its own APIError, and the
  // plugin (external, like every @genkit-ai package) could not map Claude's errors to Genkit's.
  test('Claude configured: the plugin loads on its configured client, and the SDK is not bundled', async () => {
    const bundle = readdirSync(path.join(projectRoot, 'dist/server'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(projectRoot, 'dist/server', f), 'utf8'))
      .join('\n');
    expect(bundle).toMatch(/from "@anthropic-ai\/sdk"/);
    // A variable only the SDK's client reads.
    expect(bundle).not.toContain('ANTHROPIC_WEBHOOK_SIGNING_KEY');
    // No model call is made at start, so nothing leaves the machine.
    const url = await startBuilt({ AUTH: 'off', ANTHROPIC_API_KEY: 'sk-ant-bundle-test-key', MODEL_PROVIDER: 'anthropic' });
    const config = (await (await fetch(`${url}/api/config`)).json()) as { provider: string; label: string };
    expect(config).toMatchObject({ provider: 'anthropic', label: 'Anthropic · claude-sonnet-4-5' });
    expect(JSON.stringify(config)).not.toContain('sk-ant-bundle');
  }, 60_000);
});
