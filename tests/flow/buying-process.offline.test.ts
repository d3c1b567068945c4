import { afterAll, beforeAll, expect, test } from 'vitest';
import { defineBuyingProcessFlow } from '../../flows/buying-process.js';
import type { BuyingProcessOutput } from '../../schemas/buying-process.js';
import { offlineAi } from '../helpers/ai.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
let flow: ReturnType<typeof defineBuyingProcessFlow>;
beforeAll(async () => {
  db = await createTestDb();
  flow = defineBuyingProcessFlow(offlineAi(), {
    store: db.queries.wizardSessions,
    localWorkspaceId: db.workspaceId,
    getPersona: db.queries.personas.get,
    listPersonas: db.queries.personas.list,
  });
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
  expect(out.state.map.ai_generated_summary).toMatch(/\*\*Scaling Ops Lead\*\* goes through 3 stages, from Awareness to Purchase/);
  expect(out.state.map.ai_generated_summary).toContain('Nothing we do, send or say yet speaks to “carrier delays”.');
  expect(out.state.map.ai_generated_summary).toContain('### Riskiest stage\nPurchase: it is the longest stage (a month).');

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

test('stage names longer than a stage holds are refused whole and asked again, never a failed turn', async () => {
  let out = await sayAll(await flow({}), ['Ops Lead', 'Spreadsheets']);
  const long = `1) ${'the director hears about it from a peer at a regional association meeting and then '.repeat(2)}2) Pilot 3) Rollout`;
  const before = out.version;
  out = await say(out, long);
  expect(out.version).toBe(before + 1);
  expect(out.state.map.buying_stages).toEqual([]);
  expect(out.reply).toMatch(/80 characters at most/);
  out = await say(out, 'Referral, Pilot, Rollout');
  expect(out.state.map.buying_stages.map((s) => s.stage_name)).toEqual(['Referral', 'Pilot', 'Rollout']);
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

test('naming a library persona in the chat links it as the picker does; a name not in the library is asked again', async () => {
  const id = crypto.randomUUID();
  await db.queries.personas.save({
    workspaceId: db.workspaceId,
    id,
    source: 'wizard',
    data: {
      personName: 'Overwhelmed Ops Lead',
      title: 'Head of Operations',
      role: 'Runs dispatch',
      coreGoal: 'On-time deliveries',
      painPoints: ['Manual dispatch', 'No visibility into driver status'],
      needForOurProduct: 'Live tracking',
      industry: 'Logistics',
      companySize: '200–1,000 employees',
    },
  });
  let out = await flow({});
  out = await say(out, 'the Ghost Buyer persona from my library');
  expect(out.state.map).toMatchObject({ persona_id: null, persona_name: '' });
  expect(out.reply).toMatch(/couldn't tell which saved persona you mean\. Your persona library has .*Overwhelmed Ops Lead/);

  out = await say(out, "Let's use the Overwhelmed Ops Lead persona from my library");
  expect(out.state.map).toMatchObject({
    persona_id: id,
    persona_name: 'Overwhelmed Ops Lead',
    persona_pain_points: 'Manual dispatch; No visibility into driver status',
  });
  expect(out.phase).toBe('stages');
  expect(out.reply).toMatch(/^Linked Overwhelmed Ops Lead from your persona library.*standard stages/);
  const stages = await db.queries.buyingProcesses.stagesForPersona({ workspaceId: db.workspaceId, personaId: id });
  expect(stages).toEqual([]);
});

test('after the first stage, each multi-part answer fills the stage and columns being asked', async () => {
  let out = await sayAll(await flow({}), ['Ops Lead', 'Spreadsheets', 'standard']);
  out = await say(out, 'they google the problem and read reviews, takes about 3 weeks, peers and analysts influence them');
  out = await say(out, 'they read reviews, takes about 3 weeks, the CFO signs off');
  expect(out.state.map.buying_stages[1]).toMatchObject({ buyer_actions: 'They read reviews', duration: 'about 3 weeks', key_influencers: 'The CFO signs off' });
  expect(out.state.map.buying_stages[0]).toMatchObject({ buyer_actions: 'They google the problem and read reviews', key_influencers: 'Peers and analysts' });
  out = await say(out, '- procurement and legal review\n- a month or so\n- the CFO, IT and finance');
  expect(out.state.map.buying_stages[2]).toMatchObject({
    buyer_actions: 'Procurement and legal review',
    duration: 'a month',
    key_influencers: 'The CFO, IT and finance',
  });
  expect(out.phase).toBe('alignment');

  // Labelled columns of the seller side, while seller actions are asked: they go where their labels say.
  out = await say(out, 'content type: webinar; key message: you are not alone with spreadsheet chaos');
  expect(out.state.map.buying_stages[0]).toMatchObject({
    seller_actions: '',
    content_type: 'Webinar',
    key_message: 'You are not alone with spreadsheet chaos',
  });
  expect(out.reply).toMatch(/^Got it: content type and key message\. In the Awareness stage, what should we do as the seller\?/);
  out = await say(out, 'Publish practical guides');
  out = await say(
    out,
    'Seller actions: send the ROI calculator. Content type: ROI calculator and pilot plan. Key message: it pays for itself within a quarter',
  );
  expect(out.state.map.buying_stages[1]).toMatchObject({
    seller_actions: 'Send the ROI calculator',
    content_type: 'ROI calculator and pilot plan',
    key_message: 'It pays for itself within a quarter',
  });
  expect(out.reply).toMatch(/Decision stage, what should we do as the seller\? \(stage 3 of 3\)/);
});

test('a table edit in the seller columns replies only when it changes what is asked next', async () => {
  let out = await sayAll(await flow({}), ['Ops Lead', 'Spreadsheets', 'standard']);
  const filled = out.state.map.buying_stages.map((s) => ({ ...s, buyer_actions: 'Reads', duration: '2 weeks', key_influencers: 'Peers' }));
  out = await flow({ sessionId: out.sessionId, patch: { buying_stages: filled } });
  expect(out.phase).toBe('alignment');
  const messages = out.state.messages.length;
  out = await flow({
    sessionId: out.sessionId,
    patch: { buying_stages: out.state.map.buying_stages.map((s, i) => (i === 2 ? { ...s, key_message: 'Ship on time' } : s)) },
  });
  expect(out.reply).toBe('');
  expect(out.state.messages).toHaveLength(messages);
  out = await flow({
    sessionId: out.sessionId,
    patch: { buying_stages: out.state.map.buying_stages.map((s, i) => (i === 0 ? { ...s, seller_actions: 'Publish guides' } : s)) },
  });
  expect(out.reply).toMatch(/^Got it: seller actions\. Which content helps in the Awareness stage/);
});
