// The real server (startServices + createApp, as server/main.ts runs it) with a model that takes
// MODEL_LATENCY_MS (default 1000) per call and then answers by the offline model's rules: what
// the campaign bench and the crash-restart test start as a child process, kill and restart.
// Bench-only: the product's entry point is server/main.ts.
import { appendFileSync } from 'node:fs';
import { genkitPlugin } from 'genkit/plugin';
import type { ModelResponseData } from 'genkit/model';
import { loadEnv } from '../env.js';
import { answerOffline } from '../models/offline.js';
import { createApp } from '../server/app.js';
import { startServices } from '../server/services.js';

const SLOW_MODEL_NAME = 'bench/slow-offline';

/** A Genkit model that waits `latencyMs`, then answers as the offline model would. */
let modelCalls = 0;
const slowOfflineModel = (latencyMs: number) =>
  genkitPlugin('bench', async (ai) => {
    ai.defineModel(
      {
        name: SLOW_MODEL_NAME,
        label: `Offline generator with ${latencyMs} ms of simulated latency`,
        apiVersion: 'v2',
        supports: { multiturn: true, tools: false, systemRole: true, media: false, output: ['text', 'json'], constrained: 'all' },
      },
      async (request, { sendChunk, streamingRequested }): Promise<ModelResponseData> => {
        modelCalls++;
        await new Promise((r) => setTimeout(r, latencyMs));
        const { text } = answerOffline(request.messages);
        if (streamingRequested) sendChunk({ content: [{ text }] });
        return { message: { role: 'model', content: [{ text }] }, finishReason: 'stop' };
      },
    );
  });

const startedAt = performance.now();
const env = loadEnv();
const latencyMs = Number(process.env.MODEL_LATENCY_MS ?? 1000);
const services = await startServices(env, { plugins: [slowOfflineModel(latencyMs)], model: SLOW_MODEL_NAME }).catch((err: Error) => {
  console.error(`bench server could not start: ${err.message}`);
  process.exit(1);
});
const server = createApp(services.appDeps).listen(env.PORT, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  // The parent reads the port from this line.
  console.log(`bench server ready at http://127.0.0.1:${port} (started in ${Math.round(performance.now() - startedAt)} ms, model latency ${latencyMs} ms)`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const t0 = performance.now();
  server.close();
  server.closeAllConnections();
  await services.close();
  console.log(`bench server: ${signal}, stopped in ${Math.round(performance.now() - t0)} ms`);
  // BENCH_MODEL_CALLS_LOG=<file>: how many model calls this process made, appended on a clean stop.
  if (process.env.BENCH_MODEL_CALLS_LOG) appendFileSync(process.env.BENCH_MODEL_CALLS_LOG, `${process.pid} ${modelCalls} model calls\n`);
  process.exit(0);
}
// As server/main.ts does: Genkit's own SIGINT/SIGTERM handlers exit at once, before the job
// runner has stopped. BENCH_ABRUPT_SIGTERM=1 keeps them, to measure the old behaviour.
if (process.env.BENCH_ABRUPT_SIGTERM !== '1')
  for (const sig of ['SIGINT', 'SIGTERM'] as const) for (const listener of process.listeners(sig)) process.removeListener(sig, listener);
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
