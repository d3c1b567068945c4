import cluster from 'node:cluster';
import { isLoopbackHost, loadEnv, teamModeOn } from '../env.js';
import { createApp } from './app.js';
import { startServices } from './services.js';
import { httpSettingsFromEnv } from './http/settings.js';
import { loggableMessage } from '../lib/loggable.js';
import { registerSecrets } from '../lib/secrets.js';
import { runCluster } from './cluster.js';

const startedAt = performance.now();

/** A connection URL's password as written in the URL (percent-encoded) and decoded: an error can quote either. */
function urlPasswords(url: string | undefined): string[] {
  try {
    const written = url ? new URL(url).password : '';
    return written ? [written, decodeURIComponent(written)] : [];
  } catch {
    return [];
  }
}

let env;
try {
  env = loadEnv();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

// Provider keys and connection passwords are masked wherever provider or error text is passed on.
registerSecrets([
  env.GEMINI_API_KEY,
  env.GOOGLE_API_KEY,
  env.OPENAI_API_KEY,
  env.ANTHROPIC_API_KEY,
  env.LLM_API_KEY,
  ...[env.SMTP_URL, env.DATABASE_URL].flatMap(urlPasswords),
]);

// WORKERS=n: this process supervises n server processes (each runs this file) and serves nothing itself.
if (env.WORKERS > 1 && cluster.isPrimary) await runCluster(env);

const services = await startServices(env).catch((err: unknown) => {
  console.error(`personaflow could not start: ${loggableMessage(err)}`);
  process.exit(1);
});
const app = createApp(services.appDeps, httpSettingsFromEnv(env));
const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const { provider, handle } = services;
  console.log(`personaflow is ready at http://localhost:${port} (started in ${Math.round(performance.now() - startedAt)} ms)`);
  console.log(`  model:    ${provider.label}${provider.offline ? '' : ` (${provider.provider})`}`);
  const others = services.appDeps.providerControl?.state().available.filter((p) => p.provider !== provider.provider) ?? [];
  if (others.length) console.log(`            also configured: ${others.map((p) => p.label).join(', ')} (switch at /settings/model)`);
  console.log(
    `  database: ${handle.driver === 'pglite' ? `embedded PGlite in ${handle.location}` : handle.embedded ? `embedded PostgreSQL in ${handle.location}` : `PostgreSQL at ${handle.location}`}`,
  );
  const team = teamModeOn(env);
  console.log(
    `  mode:     ${team ? `team (sign-in required${env.AUTH_OPEN_SIGNUP === 'on' ? ', open sign-up' : '; the first account owns the first workspace, others join by invitation'})` : 'local (one user, no sign-in)'}`,
  );
  if (!team && !isLoopbackHost(env.HOST)) {
    console.warn(
      `  WARNING:  listening on ${env.HOST} with AUTH=off: there is no sign-in, so anyone who can reach this port` +
        ` and uses an accepted host name (${['localhost', env.PUBLIC_URL && new URL(env.PUBLIC_URL).hostname, ...env.ALLOWED_HOSTS].filter(Boolean).join(', ')})` +
        ` can read and change every record, approve campaigns and send email in your name. Remove AUTH=off to require sign-in, or unset HOST to listen on 127.0.0.1 only.`,
    );
  }
});
server.on('error', (err) => {
  console.error(`personaflow could not listen on port ${env.PORT}: ${err.message}`);
  void services.close().finally(() => process.exit(1));
});

// Genkit's module installs SIGINT/SIGTERM handlers that exit at once. This process stops its own
// way instead: no new requests, sends in flight finish, the job runner stops, the embedded
// PostgreSQL stops, then it exits. Only the listeners process.listeners() shows are removed: the
// `tsx` launcher (npm run dev, genkit:ui) keeps a hidden one that tells it this process handles the
// signal; without it the launcher SIGKILLs this process 30 ms into its shutdown.
for (const signal of ['SIGINT', 'SIGTERM'] as const) for (const listener of process.listeners(signal)) process.removeListener(signal, listener);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`personaflow: ${signal}, shutting down`);
  server.close();
  server.closeAllConnections();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
