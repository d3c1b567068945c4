import { beforeAll, describe, expect, test } from 'vitest';
import { definePersonaDefinitionFlow } from '../../flows/persona-definition.js';
import type { PersonaDefinitionOutput } from '../../schemas/persona-definition.js';
import { offlineAi } from '../helpers/ai.js';
import { memoryWizardStore, type MemoryWizardStore } from '../helpers/memory-wizard-store.js';

// The persona definition wizard on the offline model, end to end through the real flow and an in-memory store.
const workspaceId = 'workspace-1';
let store: MemoryWizardStore;
let flow: ReturnType<typeof definePersonaDefinitionFlow>;

beforeAll(() => {
  store = memoryWizardStore();
  flow = definePersonaDefinitionFlow(offlineAi(), { store, localWorkspaceId: workspaceId });
});

const say = (out: PersonaDefinitionOutput, message: string) => flow({ sessionId: out.sessionId, message, expectedVersion: out.version });
const act = (out: PersonaDefinitionOutput, action: 'next' | 'back' | 'undo' | 'suggest' | 'confirm' | 'finalize') =>
  flow({ sessionId: out.sessionId, action, expectedVersion: out.version });

async function stored(out: PersonaDefinitionOutput) {
  return flow({ sessionId: out.sessionId });
}

test('a person completes the wizard by chat alone and the persona is saved with the snapshot', async () => {
  let out = await flow({});
  expect(out).toMatchObject({ version: 1, phase: 'who', done: false, canUndo: false });
  expect(out.reply).toMatch(/What should we call this persona/);

  out = await say(out, 'Enterprise CMO');
  out = await say(out, "She's the VP of Marketing at a Series B fintech with 200-500 employees");
  expect(out.state.persona).toMatchObject({ title: 'VP of Marketing', industry: 'Fintech', companySize: '200–500 employees' });
  expect(out.reply).toMatch(/^Got it: VP of Marketing, fintech, 200–500 employees, company "Series B fintech"\. What does their role involve/);
  out = await say(out, 'Owns brand and demand generation');
  expect(out.phase).toBe('wants');
  out = await say(out, 'Grow qualified pipeline without more headcount');
  out = await say(out, '- attribution is a mess\n- too many tools\n- small team');
  expect(out.state.persona.painPoints).toEqual(['Attribution is a mess', 'Too many tools', 'Small team']);
  out = await say(out, 'One view of which campaigns create pipeline');
  out = await say(out, 'skip');
  expect(out.phase).toBe('review');
  expect(out.missing).toEqual([]);
  expect(out.state.messages.filter((m) => m.role === 'user')).toHaveLength(7);

  out = await act(out, 'finalize');
  expect(out).toMatchObject({ phase: 'saved', done: true });
  const id = out.state.savedPersonaId!;
  const saves = () => store.effects.filter((e) => e.sessionId === out.sessionId).map((e) => e.effect);
  expect(saves()).toMatchObject([
    { kind: 'savePersona', personaId: id, source: 'wizard', data: { personName: 'Enterprise CMO', title: 'VP of Marketing', company: 'Series B fintech' } },
  ]);

  // Edit after saving: back to review; saving again keeps the first version.
  out = await flow({ sessionId: out.sessionId, patch: { title: 'Chief Marketing Officer' }, expectedVersion: out.version });
  expect(out.phase).toBe('review');
  out = await act(out, 'finalize');
  // The same persona id again: the library keeps it as a second version.
  expect(saves().map((e) => e.kind === 'savePersona' && [e.personaId, e.data.title])).toEqual([
    [id, 'VP of Marketing'],
    [id, 'Chief Marketing Officer'],
  ]);
});

test('form edits are marked as typed, chat values as from chat, and the next turn takes them into account', async () => {
  let out = await flow({});
  out = await flow({ sessionId: out.sessionId, patch: { personName: 'Scaling Ops Lead', title: 'Head of Operations' }, expectedVersion: out.version });
  expect(out.state.origins.personName).toMatchObject({ source: 'form', confirmed: true });
  out = await say(out, 'Keeps the warehouse running as volume doubles');
  expect(out.state.persona.role).toBe('Keeps the warehouse running as volume doubles');
  expect(out.state.origins.role).toMatchObject({ source: 'chat', confirmed: true });
  expect(out.reply).toMatch(/How senior/);
});

test('a form-only edit gets no reply unless it changes what the assistant asks next', async () => {
  let out = await flow({});
  const messages = out.state.messages.length;
  out = await flow({ sessionId: out.sessionId, patch: { industry: 'Retail' }, expectedVersion: out.version });
  expect(out).toMatchObject({ reply: '', phase: 'who' });
  expect(out.state.messages).toHaveLength(messages);
  out = await flow({ sessionId: out.sessionId, patch: { personName: 'Retail COO' }, expectedVersion: out.version });
  expect(out.reply).not.toBe('');
  expect(out.state.messages).toHaveLength(messages + 1);
});

test('model suggestions stay marked until confirmed, and block saving until then', async () => {
  let out = await flow({});
  out = await say(out, 'Title: CFO\nName: Cautious CFO');
  out = await act(out, 'suggest');
  expect(out.state.persona).toMatchObject({ role: 'Owns budgets, reporting and spend approval', seniority: 'C-level' });
  expect(out.state.origins.role).toMatchObject({ source: 'model', confirmed: false });
  expect(out.state.origins.title).toMatchObject({ source: 'chat', confirmed: true });
  expect(out.reply).toMatch(/suggest/i);

  out = await act(out, 'next');
  expect(out.phase).toBe('wants');
  out = await say(out, 'Pain points: month-end close takes two weeks; spend scattered across cards');
  out = await act(out, 'suggest');
  expect(out.state.origins.needForOurProduct).toMatchObject({ source: 'model', confirmed: false });
  out = await act(out, 'next');
  expect(out.phase).toBe('company');
  out = await say(out, 'Industry: freight brokerage, size: 200-1000 people');
  out = await act(out, 'finalize');
  expect(out.phase).toBe('review');
  expect(out.done).toBe(false);
  expect(out.reply).toMatch(/need(s)? your confirmation/);
  expect(out.state.savedPersonaId).toBeUndefined();

  out = await act(out, 'confirm');
  expect(Object.values(out.state.origins).every((o) => o.confirmed)).toBe(true);
  out = await act(out, 'finalize');
  expect(out.phase).toBe('saved');
});

test('the first message fills fields of every topic and the reply says what it took, then asks only for what is missing', async () => {
  let out = await flow({});
  out = await say(
    out,
    'We sell to heads of ops at mid-size logistics companies, 200-1000 people. Their biggest headaches are manual dispatch, no visibility into driver status and angry customers calling for ETAs.',
  );
  expect(out.state.persona).toEqual({
    title: 'Head of Ops',
    seniority: 'Head of department',
    painPoints: ['Manual dispatch', 'No visibility into driver status', 'Angry customers calling for ETAs'],
    industry: 'Logistics',
    companySize: '200–1000 employees',
    company: 'Mid-size logistics company',
  });
  expect(out.reply).toMatch(
    /^Got it: Head of Ops, logistics, 200–1000 employees, company "Mid-size logistics company", three pain points\. What should we call this persona\?/,
  );
  expect(out.phase).toBe('who');

  // The name next, hedged: the hedge is not part of it; then the role.
  out = await say(out, 'Overwhelmed Ops Lead i guess');
  expect(out.state.persona.personName).toBe('Overwhelmed Ops Lead');
  out = await say(out, 'Runs dispatch and the customer service desk');
  // Seniority came with the title ("Head of …"): the next topic starts without asking for it.
  expect(out.phase).toBe('wants');
  expect(out.reply).toMatch(/main goal/);
});

test('an answer longer than the field holds is not cut: nothing is taken and the assistant asks for a shorter one', async () => {
  let out = await flow({});
  out = await say(out, 'Dispatch Dana');
  out = await say(out, 'Head of Operations');
  const long =
    'She basically runs the whole dispatch floor, makes sure every truck leaves on time, handles the drivers when they call in sick, deals with customers who want to know where their load is and reports to the COO every Monday on on-time performance';
  const before = out.state.persona;
  out = await say(out, long);
  expect(out.state.persona).toEqual(before);
  expect(out.reply).toMatch(/longer than the role field holds \(200 characters\).*more briefly/);
  // Still asking for the role, not skipping it.
  out = await say(out, 'Runs the dispatch floor');
  expect(out.state.persona.role).toBe('Runs the dispatch floor');
});

test('Suggest fills only what follows from the persona and says what it could not suggest', async () => {
  let out = await flow({});
  out = await say(out, 'Title: Head of Ops');
  out = await act(out, 'next');
  out = await act(out, 'next');
  expect(out.phase).toBe('company');
  out = await act(out, 'suggest');
  expect(out.state.persona.industry).toBeUndefined();
  expect(out.state.persona.companySize).toBeUndefined();
  expect(out.reply).toMatch(/Nothing in the persona so far points to the industry, company size and company, so I left them empty\. Which industry/);
});

test('an empty message makes the assistant ask again and changes nothing else', async () => {
  const start = await flow({});
  const out = await say(start, '   ');
  expect(out.reply).toMatch(/didn't get a message.*What should we call/);
  expect(out.state.persona).toEqual({});
  expect(out.state.messages.filter((m) => m.role === 'user')).toHaveLength(0);
});

test('finalize with missing fields names them and saves nothing', async () => {
  let out = await flow({});
  out = await say(out, 'Enterprise CMO');
  out = await act(out, 'finalize');
  expect(out.phase).toBe('review');
  expect(out.reply).toMatch(/title, role, core goal, pain points, need for our product, industry and company size are still missing/);
  expect(out.missing).toContain('industry');
});

test('undo returns to the previous snapshot, step by step, and back moves between topics', async () => {
  let out = await flow({});
  const first = out;
  out = await say(out, 'Enterprise CMO');
  out = await say(out, 'Chief Marketing Officer');
  expect(out.state.persona).toMatchObject({ personName: 'Enterprise CMO', title: 'Chief Marketing Officer' });
  out = await act(out, 'undo');
  expect(out.state.persona).toEqual({ personName: 'Enterprise CMO' });
  out = await act(out, 'undo');
  expect(out.state).toEqual(first.state);
  expect(out.canUndo).toBe(false);
  await expect(act(out, 'undo')).rejects.toMatchObject({ status: 'INVALID_ARGUMENT', message: expect.stringMatching(/Nothing to undo/) });

  out = await act(out, 'next');
  expect(out.phase).toBe('wants');
  out = await act(out, 'back');
  expect(out.phase).toBe('who');
});

test('resume returns the stored state without writing', async () => {
  let out = await flow({});
  out = await say(out, 'Enterprise CMO');
  const resumed = await stored(out);
  expect(resumed).toEqual({ ...out, reply: out.reply });
  expect((await stored(out)).version).toBe(out.version);
});

test('unknown session → NOT_FOUND; stale version → ABORTED and nothing written', async () => {
  await expect(flow({ sessionId: '00000000-0000-4000-8000-000000000000', message: 'hi' })).rejects.toMatchObject({ status: 'NOT_FOUND' });
  const out = await say(await flow({}), 'Enterprise CMO');
  await expect(flow({ sessionId: out.sessionId, message: 'CFO', expectedVersion: out.version - 1 })).rejects.toMatchObject({
    status: 'ABORTED',
    message: expect.stringMatching(/changed elsewhere/),
  });
  expect(await stored(out)).toMatchObject({ version: out.version, state: out.state });
});

test('bad input is rejected naming the field, whoever calls the flow', async () => {
  await expect(flow({ patch: { industry: 7 } } as never)).rejects.toMatchObject({
    status: 'INVALID_ARGUMENT',
    message: expect.stringContaining('patch.industry'),
  });
  await expect(flow({ patch: { favouriteColour: 'blue' } } as never)).rejects.toMatchObject({ message: expect.stringContaining('favouriteColour') });
  await expect(flow({ message: 'x'.repeat(9000) })).rejects.toMatchObject({ status: 'INVALID_ARGUMENT' });
});

describe('streaming', () => {
  test('streams the reply in chunks that add up to the final reply', async () => {
    const { stream, output } = flow.stream({});
    const chunks: string[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const out = await output;
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('').trim()).toBe(out.reply);
  });
});

test('each save carries the library version it is based on; undo and taking the library values keep it right', async () => {
  let out = await flow({});
  out = await flow({
    sessionId: out.sessionId,
    patch: {
      personName: 'Ops Lead',
      title: 'Head of Ops',
      role: 'Runs fulfilment',
      coreGoal: 'Scale',
      painPoints: ['Chaos'],
      needForOurProduct: 'A dashboard',
      industry: 'Retail',
      companySize: '50-200',
    },
  });
  out = await act(out, 'finalize');
  const saves = () => store.effects.filter((e) => e.sessionId === out.sessionId).map((e) => e.effect);
  // The first save creates the persona: no base version.
  expect(saves()[0]).toMatchObject({ kind: 'savePersona', baseVersion: undefined });
  expect(out.state.savedPersonaVersion).toBe(1);

  out = await flow({ sessionId: out.sessionId, patch: { title: 'VP Ops' }, expectedVersion: out.version });
  out = await act(out, 'finalize');
  expect(saves()[1]).toMatchObject({ baseVersion: 1, data: { title: 'VP Ops' } });
  expect(out.state.savedPersonaVersion).toBe(2);

  // Undo does not undo the library: the session stays based on version 2.
  out = await act(out, 'undo');
  expect(out.state).toMatchObject({ savedPersonaVersion: 2 });

  // The library moved to 5 elsewhere; the person takes its values and saves: based on 5.
  out = await flow({ sessionId: out.sessionId, patch: { coreGoal: 'From the library' }, libraryVersion: 5, action: 'finalize', expectedVersion: out.version });
  expect(saves().at(-1)).toMatchObject({ baseVersion: 5, data: { coreGoal: 'From the library' } });
  expect(out.state.savedPersonaVersion).toBe(6);
});
