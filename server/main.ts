import { loadEnv } from '../env.js';
import { createApp } from './app.js';
import { startServices } from './services.js';

const startedAt = performance.now();
let env;
try {
  env = loadEnv();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const services = await startServices(env).catch((err: Error) => {
  console.error(`personaflow could not start: ${err.message}`);
  process.exit(1);
});
const app = createApp(services.appDeps);
const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const { provider, handle } = services;
  console.log(`personaflow is ready at http://localhost:${port} (started in ${Math.round(performance.now() - startedAt)} ms)`);
  console.log(`  model:    ${provider.label}${provider.offline ? '' : ` (${provider.provider})`}`);
  const others = services.appDeps.providerControl?.state().available.filter((p) => p.provider !== provider.provider) ?? [];
  if (others.length) console.log(`            also configured: ${others.map((p) => p.label).join(', ')} (switch at /settings/model)`);
  console.log(`  database: ${handle.driver === 'pglite' ? `embedded PGlite in ${handle.location}` : `PostgreSQL at ${handle.location}`}`);
});
server.on('error', (err) => {
  console.error(`personaflow could not listen on port ${env.PORT}: ${err.message}`);
  void services.close().finally(() => process.exit(1));
});

// Genkit's module installs SIGINT/SIGTERM handlers that exit at once. This process stops its own
// way instead: no new requests, sends in flight finish, the job runner stops, then it exits.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);

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
