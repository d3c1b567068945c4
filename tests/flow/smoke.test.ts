import { expect, test } from 'vitest';
import { definePersonaDefinitionFlow } from '../../flows/persona-definition.js';
import { offlineAi } from '../helpers/ai.js';
import { createTestDb } from '../helpers/db.js';

test('smoke', async () => {
  const db = await createTestDb();
  const ai = offlineAi();
  const flow = definePersonaDefinitionFlow(ai, { store: db.queries.wizardSessions, workspaceId: db.workspaceId });
  let out = await flow({});
  console.log(out.reply, out.phase, out.version);
  for (const message of ['Enterprise CMO', "She's the VP of Marketing at a Series B fintech with 200-500 employees", 'Owns brand and demand gen',
    'Grow pipeline', '- attribution is a mess\n- too many tools\n- small team', 'A single view of campaign ROI', 'skip', 'skip']) {
    out = await flow({ sessionId: out.sessionId, message, expectedVersion: out.version });
    console.log('>', message, '\n<', out.reply, out.phase, JSON.stringify(out.state.persona));
  }
  out = await flow({ sessionId: out.sessionId, action: 'finalize', expectedVersion: out.version });
  console.log(out.reply, out.phase, out.state.savedPersonaId);
  expect(out.phase).toBe('saved');
  await db.close();
});
