// Per-turn service time of the persona definition wizard with the offline model:
// the whole turn (load snapshot → extract → reduce → reply → save, the two model calls' usage
// recorded as the server records it) and load → reduce → save alone.
import { randomUUID } from 'node:crypto';
import { definePersonaDefinitionFlow } from '../flows/persona-definition.js';
import { advanceWhileComplete, applyFields } from '../flows/persona-definition-reducers.js';
import { PersonaDefinitionStateSchema } from '../schemas/persona-definition.js';
import { createAi } from '../genkit.config.js';
import { createTestDb } from '../tests/helpers/db.js';
import { writeBehind } from '../lib/write-behind.js';

const TURNS = Number(process.env.BENCH_TURNS ?? 400);
const messages = ['Enterprise CMO', 'Chief Marketing Officer', 'Owns brand and demand generation', 'skip', 'Grow qualified pipeline'];

export function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  return { p50: at(50), p99: at(99), n: s.length };
}

export async function benchTurns(driver: 'pglite' | 'postgres') {
  const db = await createTestDb(driver);
  try {
    // Usage is recorded as the server records it (server/services.ts): behind the call, in batches.
    const usage = writeBehind({ write: db.queries.modelCalls.recordMany, what: 'usage record' });
    const ai = createAi({ provider: { kind: 'offline', model: 'personaflow' }, resilience: { record: usage.add } });
    const flow = definePersonaDefinitionFlow(ai, { store: db.queries.wizardSessions, localWorkspaceId: db.workspaceId });
    const turn: number[] = [];
    const storage: number[] = [];
    let out = await flow({});
    for (let i = 0; i < 20; i++) out = await flow({ sessionId: out.sessionId, message: messages[i % messages.length] }); // warm-up
    for (let i = 0; i < TURNS; i++) {
      if (i % 25 === 0) out = await flow({}); // sessions of realistic length
      const t0 = performance.now();
      out = await flow({ sessionId: out.sessionId, message: messages[i % messages.length], expectedVersion: out.version });
      turn.push(performance.now() - t0);

      const s0 = performance.now();
      const head = await db.queries.wizardSessions.head({ workspaceId: db.workspaceId, sessionId: out.sessionId, flow: 'personaDefinition' });
      const state = PersonaDefinitionStateSchema.parse(head.state);
      const next = advanceWhileComplete(applyFields(state, { company: `Company ${randomUUID().slice(0, 8)}` }, 'form', new Date().toISOString()).state);
      const snap = await db.queries.wizardSessions.commit({
        workspaceId: db.workspaceId,
        sessionId: out.sessionId,
        expectedVersion: head.version,
        parentId: head.id,
        phase: next.phase,
        state: next,
      });
      storage.push(performance.now() - s0);
      out = { ...out, version: snap.version };
    }
    await usage.flush();
    return { driver, turn: summary(turn), storage: summary(storage) };
  } finally {
    await db.close();
  }
}
