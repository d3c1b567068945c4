import { afterAll, beforeAll, expect, test } from 'vitest';
import { defineBuyingProcessFlow } from '../../flows/buying-process.js';
import type { BuyingProcessOutput } from '../../schemas/buying-process.js';
import { offlineAi } from '../helpers/ai.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
let flow: ReturnType<typeof defineBuyingProcessFlow>;
beforeAll(async () => {
  db = await createTestDb();
  flow = defineBuyingProcessFlow(offlineAi(), { store: db.queries.wizardSessions, localWorkspaceId: db.workspaceId, getPersona: db.queries.personas.get });
});
afterAll(() => db.close());

const say = (out: BuyingProcessOutput, message: string) => flow({ sessionId: out.sessionId, message, expectedVersion: out.version });
const act = (out: BuyingProcessOutput, action: 'next' | 'back' | 'undo' | 'standard_stages' | 'summarize' | 'finalize' | 'reopen') =>
  flow({ sessionId: out.sessionId, action, expectedVersion: out.version });

async function sayAll(out: BuyingProcessOutput, messages: string[]) {
  for (const m of messages) out = await say(out, m);
  return out;
}

test('a whole map by chat on the offline model: persona, standard stages, alignment, summary, completion', async () => {
  let out = await flow({});
  expect(out.phase).toBe('intro');
  expect(out.reply).toMatch(/map how your buyer buys.*Which buyer persona/);
  out = await sayAll(out, ['Scaling Ops Lead', 'Spreadsheets everywhere; carrier delays']);
  expect(out.state.map).toMatchObject({ persona_name: 'Scaling Ops Lead', persona_pain_points: 'Spreadsheets everywhere; carrier delays' });
  expect(out.reply).toMatch(/standard stages/);

  out = await say(out, 'Standard, and add Retention please');
  expect(out.state.map.buying_stages.map((s) => s.stage_name)).toEqual(['Awareness', 'Consideration', 'Decision', 'Retention']);
  out = await say(out, 'They read blogs and compare tools over 2-4 weeks');
  expect(out.state.map.buying_stages[0]).toMatchObject({ buyer_actions: 'They read blogs and compare tools', duration: '2-4 weeks' });
  out = await say(out, 'Peers and analysts');
  expect(out.reply).toMatch(/Consideration stage, what does the buyer do\? \(stage 2 of 4\)/);

  // The table: drop Retention and rename Decision by sending the whole table back.
  const stages = out.state.map.buying_stages.slice(0, 3).map((s) => (s.stage_name === 'Decision' ? { ...s, stage_name: 'Purchase' } : s));
  out = await flow({ sessionId: out.sessionId, patch: { buying_stages: stages }, expectedVersion: out.version });
  expect(out.state.map.buying_stages.map((s) => s.stage_name)).toEqual(['Awareness', 'Consideration', 'Purchase']);

  out = await sayAll(out, ['Run a shortlist with demos', '3 weeks', 'Finance and the COO', 'Procurement and legal review', 'a month', 'The CFO']);
  expect(out.phase).toBe('alignment');
  expect(out.reply).toMatch(/Awareness stage, what should we do as the seller/);
  out = await sayAll(out, [
    'Publish practical guides',
    'Blog posts',
    'You are not alone with spreadsheet chaos',
    'Seller actions: offer a tailored demo\nContent type: case study\nKey message: teams like yours ship on time',
    'Send an ROI calculator and a proposal',
    'ROI calculator',
    'It pays for itself within a quarter',
  ]);
  expect(out.state.map.buying_stages[1]).toMatchObject({
    seller_actions: 'Offer a tailored demo',
    content_type: 'Case study',
    key_message: 'Teams like yours ship on time',
  });
  expect(out.phase).toBe('summary');
  expect(out.missing).toEqual([]);

  out = await say(out, 'yes please');
  expect(out.phase).toBe('review');
  expect(out.state.map.ai_generated_summary).toMatch(/\*\*Scaling Ops Lead\*\* moves through 3 stages/);
  expect(out.state.map.ai_generated_summary).toContain('### Purchase (a month)');

  out = await act(out, 'finalize');
  expect(out).toMatchObject({ done: true, phase: 'review' });
  expect(out.state.map.status).toBe('completed');
  const listed = await db.queries.buyingProcesses.list({ workspaceId: db.workspaceId });
  expect(listed.find((m) => m.id === out.sessionId)).toMatchObject({ status: 'completed', stageCount: 3, persona_name: 'Scaling Ops Lead' });

  // A completed map reopens for edits.
  out = await act(out, 'reopen');
  expect(out.state.map.status).toBe('in_progress');
  expect(out.phase).toBe('persona');
});

test('finalize names what is missing and the status stays in progress; zero stages cannot finalize', async () => {
  let out = await sayAll(await flow({}), ['Ops Lead', 'Spreadsheets']);
  out = await act(out, 'finalize');
  expect(out.reply).toMatch(/can't be completed yet.*At least one buying stage/);
  expect(out.state.map.status).toBe('in_progress');
  out = await act(out, 'standard_stages');
  out = await say(out, 'They read blogs');
  out = await act(out, 'finalize');
  expect(out.reply).toMatch(/Awareness: duration, key influencers, seller actions, content type, key message/);
  expect(out.missing).toContain('Decision: buyer actions, duration, key influencers, seller actions, content type, key message');
  expect(out.done).toBe(false);
});

test('custom stages from a list, and asking again when the choice is unclear', async () => {
  let out = await sayAll(await flow({}), ['Ops Lead', 'Spreadsheets']);
  out = await say(out, 'our own');
  expect(out.reply).toMatch(/list your own in order/);
  out = await say(out, 'Discovery, Evaluation, Purchase');
  expect(out.state.map.buying_stages.map((s) => s.stage_name)).toEqual(['Discovery', 'Evaluation', 'Purchase']);
});

test('picking a library persona links the map and copies its name and pain points', async () => {
  const id = crypto.randomUUID();
  await db.queries.personas.save({
    workspaceId: db.workspaceId,
    id,
    source: 'wizard',
    data: {
      personName: 'Enterprise CMO',
      title: 'CMO',
      role: 'r',
      coreGoal: 'g',
      painPoints: ['Attribution', 'Tool sprawl'],
      needForOurProduct: 'n',
      industry: 'i',
      companySize: 's',
    },
  });
  let out = await flow({});
  out = await flow({ sessionId: out.sessionId, patch: { persona_id: id } });
  expect(out.state.map).toMatchObject({ persona_id: id, persona_name: 'Enterprise CMO', persona_pain_points: 'Attribution; Tool sprawl' });
  expect(out.phase).toBe('stages');
  out = await act(out, 'standard_stages');
  const stages = await db.queries.buyingProcesses.stagesForPersona({ workspaceId: db.workspaceId, personaId: id });
  expect(stages.map((s) => s.stage_name)).toEqual(['Awareness', 'Consideration', 'Decision']);
  await expect(flow({ sessionId: out.sessionId, patch: { persona_id: crypto.randomUUID() } })).rejects.toMatchObject({ status: 'NOT_FOUND' });
});

test('undo restores the previous table; the library row follows', async () => {
  let out = await sayAll(await flow({}), ['Ops Lead', 'Spreadsheets', 'standard']);
  out = await say(out, 'They read blogs');
  out = await act(out, 'undo');
  expect(out.state.map.buying_stages[0]!.buyer_actions).toBe('');
  const saved = await db.queries.buyingProcesses.get({ workspaceId: db.workspaceId, id: out.sessionId });
  expect(saved.map.buying_stages[0]!.buyer_actions).toBe('');
});

test('summary with no stages is refused with a clear message, and nothing changes', async () => {
  const out = await sayAll(await flow({}), ['Ops Lead']);
  await expect(act(out, 'summarize')).rejects.toMatchObject({ status: 'INVALID_ARGUMENT', message: expect.stringMatching(/Add at least one buying stage/) });
  expect((await flow({ sessionId: out.sessionId })).version).toBe(out.version);
});

test('duplicate stage names in a patch are rejected naming the row', async () => {
  const out = await flow({});
  const stage = { stage_name: 'Awareness', buyer_actions: '', duration: '', key_influencers: '', seller_actions: '', content_type: '', key_message: '' };
  await expect(flow({ sessionId: out.sessionId, patch: { buying_stages: [stage, { ...stage, stage_name: 'AWARENESS' }] } })).rejects.toMatchObject({
    status: 'INVALID_ARGUMENT',
    message: expect.stringMatching(/patch\.buying_stages\.1\.stage_name: Stage names must be unique/),
  });
});

test('Next on the introduction goes to the persona step, not past it', async () => {
  const out = await flow({});
  const next = await act(out, 'next');
  expect(next.phase).toBe('persona');
  expect(next.reply).toMatch(/Which buyer persona/);
});

test('after reopening, the persona step invites changes instead of asking for stages again', async () => {
  let out = await sayAll(await flow({}), ['Ops Lead', 'Spreadsheets', 'standard']);
  out = await act(out, 'reopen');
  expect(out.reply).toMatch(/Change the persona's name or pain points/);
});

test('a table edit that leaves the next question unchanged adds no chat message; one that answers it moves the chat on', async () => {
  let out = await sayAll(await flow({}), ['Ops Lead', 'Spreadsheets', 'standard']);
  const messages = out.state.messages.length;
  const stages = out.state.map.buying_stages;
  out = await flow({ sessionId: out.sessionId, patch: { buying_stages: stages.map((s, i) => (i === 2 ? { ...s, duration: 'a month' } : s)) } });
  expect(out.reply).toBe('');
  expect(out.state.messages).toHaveLength(messages);
  out = await flow({
    sessionId: out.sessionId,
    patch: { buying_stages: out.state.map.buying_stages.map((s, i) => (i === 0 ? { ...s, buyer_actions: 'Reads blogs' } : s)) },
  });
  expect(out.reply).toMatch(/^Got it: buyer actions\. How long does the Awareness stage usually take\?/);
});
