import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Campaign, CampaignRun, LaunchCampaignOutput, Preflight } from '../../schemas/campaign.js';
import type { EmailLog } from '../../schemas/email.js';
import type { Lead } from '../../schemas/lead.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller } from '../helpers/team-client.js';

// Campaigns over HTTP in outbox mode (no SMTP_URL): settings and sequence, leads, the
// pre-flight, "Run now" with the approval interrupt, the durable sends, the outbox, and
// unsubscribing (one-click and the confirm page) with the suppression list every send respects.

const POLL = { timeout: 20_000, interval: 100 };

describe.each(drivers)('campaigns over HTTP (outbox mode) on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server.close());

  const call = localCaller(() => server.url);
  let n = 0;
  const newLead = async (over: Record<string, unknown> = {}) => {
    n += 1;
    const res = await call('POST', '/api/leads', {
      data: {
        name: `Lead${n} Person`,
        position: 'Head of Operations',
        requirement: 'Fewer carrier delays',
        websiteUrl: `https://company${n}.example`,
        email: `lead${n}@company${n}.example`,
        ...over,
      },
    });
    expect(res.status).toBe(201);
    const lead = res.body!.lead as Lead;
    await expect.poll(async () => ((await call('GET', `/api/leads/${lead.id}`)).body!.lead as Lead).personaStatus, POLL).toBe('ready');
    return lead;
  };
  const newCampaign = async (data: Record<string, unknown> = {}, leads: Lead[] = []) => {
    const res = await call('POST', '/api/campaigns', { data: { name: 'Spring outreach', promptContext: { goal: 'Book a 20-minute demo' }, ...data } });
    expect(res.status).toBe(201);
    let campaign = res.body!.campaign as Campaign;
    if (leads.length) {
      const added = await call('POST', `/api/campaigns/${campaign.id}/leads`, { leadIds: leads.map((l) => l.id) });
      expect(added.status).toBe(200);
      campaign = added.body!.campaign as Campaign;
    }
    return campaign;
  };
  const getCampaign = async (id: string) => (await call('GET', `/api/campaigns/${id}`)).body!.campaign as Campaign;
  const launch = (data: Record<string, unknown>) => call('POST', '/api/flows/launchCampaign', { data });
  const decide = (campaignId: string, runId: string, approved: boolean) =>
    launch({ campaignId, resume: { runId, approval: { approved, note: approved ? 'Samples read' : 'Not yet' } } });
  const getRun = async (campaignId: string, runId: string) => (await call('GET', `/api/campaigns/${campaignId}/runs/${runId}`)).body!.run as CampaignRun;
  const outbox = async (campaignId?: string) => {
    const res = await call('GET', `/api/outbox${campaignId ? `?campaignId=${campaignId}` : ''}`);
    expect(res.status).toBe(200);
    return res.body as { mode: string; emails: EmailLog[] };
  };
  const preflight = async (campaignId: string, stepId?: string) => {
    const res = await call('GET', `/api/campaigns/${campaignId}/preflight${stepId ? `?stepId=${stepId}` : ''}`);
    expect(res.status).toBe(200);
    return res.body as Preflight;
  };
  /** Run now, approve the samples if asked, and wait until every lead of the run has an outcome. */
  const runToCompletion = async (campaignId: string) => {
    let out = (await launch({ campaignId })).body!.result as LaunchCampaignOutput;
    if (out.status === 'awaiting_approval') out = (await decide(campaignId, out.run.id, true)).body!.result as LaunchCampaignOutput;
    expect(out.status).toBe('started');
    await expect.poll(async () => (await getRun(campaignId, out.run.id)).status, POLL).toBe('completed');
    return getRun(campaignId, out.run.id);
  };
  const tokenOf = (email: EmailLog) => /\/unsubscribe\/([^>]+)>$/.exec(email.headers['List-Unsubscribe']!)![1]!;

  test('campaign CRUD: steps kept by id, added and removed; stale version 409; field messages; 404s', async () => {
    const created = await call('POST', '/api/campaigns', {
      data: {
        name: 'Spring outreach',
        promptContext: { tone: 'formal', goal: 'Book a demo' },
        sendCapPerMinute: 20,
        steps: [
          { name: 'First touch', delayDays: 5 },
          { name: 'Follow-up', delayDays: 3, promptConfig: { instructions: 'short follow-up, one question' } },
        ],
      },
    });
    expect(created.status).toBe(201);
    const c = created.body!.campaign as Campaign;
    expect(c).toMatchObject({
      version: 1,
      name: 'Spring outreach',
      status: 'draft',
      sendCapPerMinute: 20,
      emailsSent: 0,
      lastRunAt: null,
      approvedAt: null,
      leadIds: [],
    });
    expect(c.promptContext).toMatchObject({ tone: 'formal', goal: 'Book a demo', productId: null });
    expect(c.steps.map((s) => [s.position, s.name, s.delayDays])).toEqual([
      [1, 'First touch', 0],
      [2, 'Follow-up', 3],
    ]);
    expect(c.steps[1]!.promptConfig).toEqual({ instructions: 'short follow-up, one question', tone: null });
    const [first, second] = c.steps;

    const input = (steps: unknown[]) => ({ name: 'Spring outreach v2', promptContext: c.promptContext, sendCapPerMinute: 20, steps });
    const updated = await call('PUT', `/api/campaigns/${c.id}`, {
      data: input([
        { id: first!.id, name: 'Intro' },
        { name: 'Break-up', delayDays: 7 },
      ]),
      expectedVersion: 1,
    });
    expect(updated.status).toBe(200);
    const u = updated.body!.campaign as Campaign;
    expect(u.version).toBe(2);
    expect(u.name).toBe('Spring outreach v2');
    expect(u.steps.map((s) => [s.position, s.name, s.delayDays])).toEqual([
      [1, 'Intro', 0],
      [2, 'Break-up', 7],
    ]);
    expect(u.steps[0]!.id).toBe(first!.id);
    expect(u.steps[1]!.id).not.toBe(second!.id);
    expect(u.steps.map((s) => s.id)).not.toContain(second!.id);

    const stale = await call('PUT', `/api/campaigns/${c.id}`, { data: input([{ id: first!.id, name: 'Other' }]), expectedVersion: 1 });
    expect(stale).toMatchObject({ status: 409, body: { status: 'ABORTED' } });
    expect(await getCampaign(c.id)).toMatchObject({ version: 2, name: 'Spring outreach v2', steps: [{ name: 'Intro' }, { name: 'Break-up' }] });

    expect(await call('PUT', `/api/campaigns/${c.id}`, { data: input([{ id: crypto.randomUUID(), name: 'Stranger' }]), expectedVersion: 2 })).toMatchObject({
      status: 400,
      body: { details: { fields: [{ path: 'data.steps' }] } },
    });
    expect((await getCampaign(c.id)).version).toBe(2);

    expect(await call('POST', '/api/campaigns', { data: { name: '  ' } })).toMatchObject({
      status: 400,
      body: { details: { fields: [{ path: 'data.name', message: 'Name the campaign' }] } },
    });
    expect(await call('POST', '/api/campaigns', { data: { name: 'x', steps: [] } })).toMatchObject({
      status: 400,
      body: { details: { fields: [{ path: 'data.steps', message: 'A campaign needs at least one step' }] } },
    });
    expect(await call('POST', '/api/campaigns', { data: { name: 'x', sendCapPerMinute: 0 } })).toMatchObject({
      status: 400,
      body: { details: { fields: [{ path: 'data.sendCapPerMinute', message: 'At least 1 per minute' }] } },
    });
    expect((await call('PUT', `/api/campaigns/${c.id}`, { data: { ...input([{ id: first!.id, name: 'Intro' }]), name: '' }, expectedVersion: 2 })).status).toBe(
      400,
    );

    const defaults = await call('POST', '/api/campaigns', { data: { name: 'Defaults' } });
    expect(defaults.body!.campaign).toMatchObject({
      sendCapPerMinute: 30,
      promptContext: { tone: 'friendly' },
      steps: [{ position: 1, name: 'First touch', delayDays: 0 }],
    });

    const list = (await call('GET', '/api/campaigns')).body!.campaigns as Campaign[];
    expect(list.map((x) => x.id)).toEqual(expect.arrayContaining([c.id, defaults.body!.campaign.id]));
    expect((await call('DELETE', `/api/campaigns/${defaults.body!.campaign.id}`)).status).toBe(204);
    expect((await call('GET', `/api/campaigns/${defaults.body!.campaign.id}`)).status).toBe(404);
    expect(await call('GET', '/api/campaigns/not-a-uuid')).toMatchObject({ status: 404, body: { message: 'Campaign not found' } });
    expect((await call('GET', `/api/campaigns/${crypto.randomUUID()}/preflight`)).status).toBe(404);
    expect((await call('GET', `/api/campaigns/${c.id}/runs/${crypto.randomUUID()}`)).status).toBe(404);
  });

  test('campaign leads: add, remove, unknown ids are a 400 and add nothing', async () => {
    const a = await newLead();
    const b = await newLead();
    const c = await newCampaign({}, [a]);
    expect(c.leadIds).toEqual([a.id]);
    const again = await call('POST', `/api/campaigns/${c.id}/leads`, { leadIds: [a.id, b.id] });
    expect((again.body!.campaign as Campaign).leadIds.sort()).toEqual([a.id, b.id].sort());

    const unknown = await call('POST', `/api/campaigns/${c.id}/leads`, { leadIds: [crypto.randomUUID()] });
    expect(unknown).toMatchObject({ status: 400, body: { details: { fields: [{ path: 'leadIds' }] } } });
    expect(await call('POST', `/api/campaigns/${c.id}/leads`, { leadIds: ['nope'] })).toMatchObject({
      status: 400,
      body: { details: { fields: [{ message: 'Not a lead id' }] } },
    });
    expect(await call('POST', `/api/campaigns/${c.id}/leads`, { leadIds: [] })).toMatchObject({ status: 400 });
    expect((await getCampaign(c.id)).leadIds).toHaveLength(2);

    const removed = await call('DELETE', `/api/campaigns/${c.id}/leads/${b.id}`);
    expect(removed.body!.campaign.leadIds).toEqual([a.id]);
    expect((await call('DELETE', `/api/campaigns/${c.id}/leads/${b.id}`)).status).toBe(404);
    expect((await call('POST', `/api/campaigns/${crypto.randomUUID()}/leads`, { leadIds: [a.id] })).status).toBe(404);
  });

  test('Run now: approval interrupt with samples, nothing sent before approval, then every lead once; outbox, raw message, emails_sent', async () => {
    const a = await newLead({ name: 'Ann Able' });
    const b = await newLead({ name: 'Bob Baker' });
    const c = await newCampaign({}, [a, b]);

    const first = await launch({ campaignId: c.id });
    expect(first.status).toBe(200);
    const out = first.body!.result as LaunchCampaignOutput;
    expect(out.status).toBe('awaiting_approval');
    expect(out.interrupt).toMatchObject({ toolRequest: { name: 'approveCampaignSamples', input: { runId: out.run.id, recipients: 2 } } });
    expect(out.run).toMatchObject({ status: 'awaiting_approval', total: 2, sent: 0, approval: null, stepId: c.steps[0]!.id, transport: 'outbox' });
    expect(out.run.samples.length).toBeGreaterThan(0);
    expect(out.run.samples.length).toBeLessThanOrEqual(3);
    for (const s of out.run.samples) {
      expect(s.subject.length).toBeGreaterThan(0);
      expect(s.body.length).toBeGreaterThan(0);
      expect([a.id, b.id]).toContain(s.leadId);
    }
    expect((await getCampaign(c.id)).status).toBe('awaiting_approval');
    expect((await getRun(c.id, out.run.id)).summary).toBe('Waiting for approval to send to 2');

    // Nothing goes out while the samples are being read, however long that takes.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await outbox(c.id)).emails).toEqual([]);
    expect((await getRun(c.id, out.run.id)).results.map((r) => r.status)).toEqual(['pending', 'pending']);

    expect(await launch({ campaignId: c.id, resume: { runId: out.run.id, approval: { approved: true, approvedBy: 'Mallory' } } })).toMatchObject({
      status: 400,
    });

    const approved = await decide(c.id, out.run.id, true);
    expect(approved.status).toBe(200);
    expect(approved.body!.result).toMatchObject({
      status: 'started',
      interrupt: null,
      run: { id: out.run.id, status: 'running', approval: { approvedBy: 'Local user', note: 'Samples read' } },
    });
    await expect.poll(async () => (await getRun(c.id, out.run.id)).summary, POLL).toBe('Stored 2/2 in the outbox — not sent');
    await expect.poll(async () => (await getRun(c.id, out.run.id)).status, POLL).toBe('completed');
    const run = await getRun(c.id, out.run.id);
    expect(run).toMatchObject({ total: 2, sent: 2, failed: 0, pending: 0, approval: { approvedBy: 'Local user' } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.results.map((r) => [r.leadId, r.success, r.status]).sort()).toEqual(
      [
        [a.id, true, 'outbox'],
        [b.id, true, 'outbox'],
      ].sort(),
    );

    // Approving the same run again (a double click, a second tab) is a 409.
    expect(await decide(c.id, out.run.id, true)).toMatchObject({ status: 409 });
    expect(await decide(c.id, out.run.id, false)).toMatchObject({ status: 409 });

    const box = await outbox(c.id);
    expect(box.mode).toBe('outbox');
    expect(box.emails).toHaveLength(2);
    expect(box.emails.map((e) => e.to).sort()).toEqual([a.email, b.email].sort());
    for (const e of box.emails) {
      expect(e).toMatchObject({
        status: 'outbox',
        transport: 'outbox',
        campaignId: c.id,
        campaignName: 'Spring outreach',
        runId: run.id,
        stepId: c.steps[0]!.id,
        from: 'Dana from Shipwise <dana@shipwise.test>',
      });
      expect(e.headers['List-Unsubscribe']).toMatch(/^<http:\/\/personaflow\.test\/unsubscribe\/[\w-]+>$/);
      expect(e.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(e.body).toContain(`http://personaflow.test/unsubscribe/${tokenOf(e)}`);
      expect(e.body).toMatch(new RegExp(`^Hi ${e.leadName!.split(' ')[0]},`));
      expect(e.subject.length).toBeGreaterThan(0);
      expect(e.providerMessageId).toBe(`<${e.id}@shipwise.test>`);

      const raw = await fetch(`${server.url}/api/outbox/${e.id}/raw`);
      expect(raw.status).toBe(200);
      expect(raw.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await raw.text();
      // Headers may be folded (RFC 5322 2.2.3) and the body quoted-printable: read it as a mail client would.
      const head = text.slice(0, text.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
      expect(head).toMatch(new RegExp(`^To: ${e.to.replace(/\./g, '\\.')}$`, 'm'));
      expect(head).toMatch(/^From: Dana from Shipwise <dana@shipwise\.test>$/m);
      expect(head).toMatch(/^Subject: .+$/m);
      expect(head).toMatch(new RegExp(`^Message-ID: <${e.id}@shipwise\\.test>$`, 'm'));
      expect(head).toContain(`List-Unsubscribe: <http://personaflow.test/unsubscribe/${tokenOf(e)}>`);
      expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      const parsed = await simpleParser(text);
      expect(parsed.subject).toBe(e.subject);
      expect(parsed.text).toContain(`unsubscribe here: http://personaflow.test/unsubscribe/${tokenOf(e)}`);
      expect(parsed.text!.trim()).toBe(e.body.trim());
    }
    expect((await call('GET', `/api/outbox/${crypto.randomUUID()}/raw`)).status).toBe(404);
    expect((await outbox()).emails.length).toBeGreaterThanOrEqual(2);

    const after = await getCampaign(c.id);
    expect(after).toMatchObject({ emailsSent: 2, status: 'completed' });
    expect(after.lastRunAt).not.toBeNull();
    expect(after.approvedAt).not.toBeNull();
    const runs = (await call('GET', `/api/campaigns/${c.id}/runs`)).body!.runs as CampaignRun[];
    expect(runs.map((r) => r.id)).toEqual([run.id]);

    // Everyone has had the only step: nothing to send, and the pre-flight says why.
    const nothing = await launch({ campaignId: c.id });
    expect(nothing.status).toBe(400);
    expect(nothing.body!.message).toMatch(/Nothing to send/);
    expect(nothing.body!.details.problems.map((p: { leadId: string; code: string }) => [p.leadId, p.code]).sort()).toEqual(
      [
        [a.id, 'already_sent'],
        [b.id, 'already_sent'],
      ].sort(),
    );
    expect((await preflight(c.id, c.steps[0]!.id)).sendable).toBe(0);

    // A follow-up added now is days away; the step that already sent cannot be removed.
    const withFollowUp = await call('PUT', `/api/campaigns/${c.id}`, {
      data: {
        name: after.name,
        promptContext: after.promptContext,
        sendCapPerMinute: after.sendCapPerMinute,
        steps: [
          { id: c.steps[0]!.id, name: 'First touch' },
          { name: 'Follow-up', delayDays: 3 },
        ],
      },
      expectedVersion: after.version,
    });
    expect(withFollowUp.status).toBe(200);
    const twoSteps = withFollowUp.body!.campaign as Campaign;
    expect(twoSteps.steps[0]!.id).toBe(c.steps[0]!.id);
    const tooEarly = await launch({ campaignId: c.id, stepId: twoSteps.steps[1]!.id });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body!.details.problems.map((p: { code: string; reason: string }) => p.code)).toEqual(['too_early', 'too_early']);
    expect(tooEarly.body!.details.problems[0].reason).toMatch(/3 days after "First touch"/);
    const dropSent = await call('PUT', `/api/campaigns/${c.id}`, {
      data: {
        name: after.name,
        promptContext: after.promptContext,
        sendCapPerMinute: after.sendCapPerMinute,
        steps: [{ id: twoSteps.steps[1]!.id, name: 'Follow-up', delayDays: 3 }],
      },
      expectedVersion: twoSteps.version,
    });
    expect(dropSent.status).toBe(409);
    expect((await getCampaign(c.id)).steps.map((s) => s.id)).toEqual(twoSteps.steps.map((s) => s.id));
    expect((await outbox(c.id)).emails).toHaveLength(2);
    expect((await getCampaign(c.id)).emailsSent).toBe(2);

    // A lead added later is sent to straight away: the campaign was approved once already.
    const late = await newLead({ name: 'Cy Late' });
    await call('POST', `/api/campaigns/${c.id}/leads`, { leadIds: [late.id] });
    const second = (await launch({ campaignId: c.id })).body!.result as LaunchCampaignOutput;
    expect(second).toMatchObject({
      status: 'started',
      interrupt: null,
      run: { total: 1, stepId: c.steps[0]!.id, samples: [], approval: { approvedBy: 'Local user' } },
    });
    await expect.poll(async () => (await getRun(c.id, second.run.id)).summary, POLL).toBe('Stored 1/1 in the outbox — not sent');
    await expect.poll(async () => (await outbox(c.id)).emails.length, POLL).toBe(3);
    expect((await outbox(c.id)).emails.filter((e) => e.leadId === late.id)).toHaveLength(1);
    await expect.poll(async () => (await getCampaign(c.id)).emailsSent, POLL).toBe(3);
    expect(((await call('GET', `/api/campaigns/${c.id}/runs`)).body!.runs as CampaignRun[]).map((r) => r.id)).toEqual([second.run.id, run.id]);

    // Retrying a run where nothing failed has nothing to do.
    expect(await call('POST', `/api/campaigns/${c.id}/runs/${run.id}/retry`, {})).toMatchObject({ status: 409 });
  });

  test('two Run now at once (a double click): each lead gets one email and every run that started finishes', async () => {
    const first = await newLead();
    const c = await newCampaign({ name: 'Double click' }, [first]);
    await runToCompletion(c.id);
    const x = await newLead();
    const y = await newLead();
    await call('POST', `/api/campaigns/${c.id}/leads`, { leadIds: [x.id, y.id] });
    const clicks = await Promise.all([launch({ campaignId: c.id }), launch({ campaignId: c.id })]);
    const started = clicks.filter((r) => r.status === 200).map((r) => r.body!.result as LaunchCampaignOutput);
    expect(started.length).toBeGreaterThan(0);
    for (const r of clicks) if (r.status !== 200) expect(r).toMatchObject({ status: 400, body: { message: expect.stringMatching(/Nothing to send/) } });
    for (const out of started) {
      expect(out.status).toBe('started');
      await expect.poll(async () => (await getRun(c.id, out.run.id)).status, POLL).toBe('completed');
    }
    await expect.poll(async () => (await outbox(c.id)).emails.length, POLL).toBe(3);
    const emails = (await outbox(c.id)).emails;
    for (const lead of [first, x, y]) expect(emails.filter((e) => e.leadId === lead.id)).toHaveLength(1);
    await expect.poll(async () => (await getCampaign(c.id)).status, POLL).toBe('completed');
  });

  test('rejecting the samples sends nothing; the next Run now asks again', async () => {
    const a = await newLead();
    const c = await newCampaign({}, [a]);
    const out = (await launch({ campaignId: c.id })).body!.result as LaunchCampaignOutput;
    expect(out.status).toBe('awaiting_approval');
    const rejected = await decide(c.id, out.run.id, false);
    expect(rejected.status).toBe(200);
    expect(rejected.body!.result).toMatchObject({
      status: 'rejected',
      run: { status: 'rejected', summary: 'Rejected: nothing was sent', approval: { approvedBy: 'Local user' } },
    });
    expect(await decide(c.id, out.run.id, true)).toMatchObject({ status: 409 });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await outbox(c.id)).emails).toEqual([]);
    expect(await getCampaign(c.id)).toMatchObject({ status: 'draft', approvedAt: null, emailsSent: 0 });
    expect(await call('POST', `/api/campaigns/${c.id}/runs/${out.run.id}/retry`, {})).toMatchObject({ status: 409 });

    const again = (await launch({ campaignId: c.id })).body!.result as LaunchCampaignOutput;
    expect(again.status).toBe('awaiting_approval');
    expect(again.run.id).not.toBe(out.run.id);
  });

  test('a sample fixed before approval is what that lead gets; bad edits are refused and change nothing', async () => {
    const a = await newLead();
    const b = await newLead();
    const c = await newCampaign({}, [a, b]);
    const out = (await launch({ campaignId: c.id })).body!.result as LaunchCampaignOutput;
    expect(out.status).toBe('awaiting_approval');
    const sample = out.run.samples[0]!;
    const path = `/api/campaigns/${c.id}/runs/${out.run.id}/samples/${sample.leadId}`;

    // Refused, with what to fix, and the sample as it was.
    const empty = await call('PUT', path, { subject: ' ', body: 'Hi' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toMatch(/The subject is empty/);
    const placeholder = await call('PUT', path, { subject: 'Hi', body: 'Hello {{company}}, a quick one.' });
    expect(placeholder.status).toBe(400);
    expect(JSON.stringify(placeholder.body)).toMatch(/\{\{company\}\}/);
    expect(await call('PUT', `/api/campaigns/${c.id}/runs/${out.run.id}/samples/${crypto.randomUUID()}`, { subject: 'Hi', body: 'Hi' })).toMatchObject({
      status: 404,
    });
    expect((await getRun(c.id, out.run.id)).samples[0]).toMatchObject({ subject: sample.subject, body: sample.body });

    const edited = await call('PUT', path, { subject: 'A fix from me', body: 'Hi {{firstName}},\n\nA line I wrote myself.\n\nBest,\nSam' });
    expect(edited.status).toBe(200);
    expect((edited.body!.run as CampaignRun).samples.find((s) => s.leadId === sample.leadId)).toMatchObject({
      subject: 'A fix from me',
      warnings: [expect.stringMatching(/Edited by you before approval/)],
    });
    expect((await getRun(c.id, out.run.id)).samples.find((s) => s.leadId === sample.leadId)?.subject).toBe('A fix from me');

    expect((await decide(c.id, out.run.id, true)).status).toBe(200);
    await expect.poll(async () => (await getRun(c.id, out.run.id)).status, POLL).toBe('completed');
    const emails = (await outbox(c.id)).emails;
    const fixed = emails.find((e) => e.leadId === sample.leadId)!;
    expect(fixed.subject).toBe('A fix from me');
    expect(fixed.body).toMatch(/A line I wrote myself\./);
    expect(fixed.body).not.toMatch(/\{\{firstName\}\}/);
    // The other lead's email is the drafter's.
    expect(emails.find((e) => e.leadId !== sample.leadId)!.subject).not.toBe('A fix from me');
    // Decided: the samples no longer change.
    expect(await call('PUT', path, { subject: 'Too late', body: 'Too late' })).toMatchObject({ status: 409 });
  });

  test('a campaign with no leads has nothing to send', async () => {
    const c = await newCampaign();
    expect(await launch({ campaignId: c.id })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/no leads/) } });
    expect((await launch({ campaignId: crypto.randomUUID() })).status).toBe(404);
    expect(await launch({ campaignId: c.id, stepId: crypto.randomUUID() })).toMatchObject({
      status: 404,
      body: { message: 'Step not found in this campaign' },
    });
    expect(await launch({ campaignId: 'nope' })).toMatchObject({ status: 400, body: { details: { fields: [{ path: 'campaignId' }] } } });
  });

  test('pre-flight: a lead without email and a suppressed address are listed with their codes; the sendable count', async () => {
    const ok = await newLead();
    const noEmail = await newLead({ email: '' });
    const gone = await newLead();
    expect((await call('POST', '/api/suppressions', { email: gone.email, reason: 'asked by phone' })).status).toBe(201);
    const c = await newCampaign({ sendCapPerMinute: 2 }, [ok, noEmail, gone]);
    const p = await preflight(c.id);
    expect(p).toMatchObject({
      campaignId: c.id,
      stepId: c.steps[0]!.id,
      stepName: 'First touch',
      leads: 3,
      sendable: 1,
      needsApproval: true,
      transport: 'outbox',
      sendCapPerMinute: 2,
      projectedMinutes: 0.5,
    });
    expect(p.problems.map((x) => [x.leadId, x.code]).sort()).toEqual(
      [
        [noEmail.id, 'no_email'],
        [gone.id, 'suppressed'],
      ].sort(),
    );
    expect(p).not.toHaveProperty('sendableLeadIds');
    expect((await call('GET', `/api/campaigns/${c.id}/preflight?stepId=${crypto.randomUUID()}`)).status).toBe(404);
  });

  test('unsubscribe: the link shows a confirm page (no change); one-click POST suppresses; later campaigns skip the address', async () => {
    const stays = await newLead({ name: 'Stay Here' });
    const leaves = await newLead({ name: 'Leave Now' });
    const c = await newCampaign({}, [stays, leaves]);
    await runToCompletion(c.id);
    const email = (await outbox(c.id)).emails.find((e) => e.leadId === leaves.id)!;
    const token = tokenOf(email);

    const page = await fetch(`${server.url}/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain(leaves.email);
    // The page names who sends (the company profile, else the sender's name), never "us".
    const { companyProfiles } = (await call('GET', '/api/company-profiles')).body! as { companyProfiles: Array<{ name: string }> };
    const company = companyProfiles[0]?.name ?? 'Dana from Shipwise';
    expect(html).toContain(`<h1>Unsubscribe from ${company}</h1>`);
    expect(html).toContain('They were sent as Dana from Shipwise &#60;dana@shipwise.test&#62;.');
    expect(html).toMatch(/<form method="post">/);
    expect(html).toContain('data-testid="unsubscribe-confirm"');
    const suppressions = async () =>
      ((await call('GET', '/api/suppressions')).body!.suppressions as Array<{ email: string; reason: string }>).map((s) => s.email);
    expect(await suppressions()).not.toContain(leaves.email);

    const oneClick = await fetch(`${server.url}/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toMatch(new RegExp(`You are unsubscribed.*will not receive any more emails from ${company}\\.`, 's'));
    expect(await suppressions()).toContain(leaves.email);
    expect(
      ((await call('GET', '/api/suppressions')).body!.suppressions as Array<{ email: string; reason: string }>).find((s) => s.email === leaves.email)!.reason,
    ).toBe('unsubscribed');
    expect(((await call('GET', `/api/leads/${leaves.id}`)).body!.lead as Lead).suppressed).toBe(true);
    // A second click, or a client posting multipart/form-data (RFC 8058's own example), is harmless.
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    expect((await fetch(`${server.url}/unsubscribe/${token}`, { method: 'POST', body: form })).status).toBe(200);
    expect((await suppressions()).filter((e) => e === leaves.email)).toHaveLength(1);

    const next = await newCampaign({ name: 'Summer' }, [stays, leaves]);
    const p = await preflight(next.id);
    expect(p.sendable).toBe(1);
    expect(p.problems).toEqual([expect.objectContaining({ leadId: leaves.id, code: 'suppressed' })]);
    const run = await runToCompletion(next.id);
    expect(run.summary).toBe('Stored 1/1 in the outbox — not sent');
    expect((await outbox(next.id)).emails.map((e) => e.to)).toEqual([stays.email]);

    const unknown = await fetch(`${server.url}/unsubscribe/not-a-real-token`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/not recognised/);
    expect(
      (
        await fetch(`${server.url}/unsubscribe/not-a-real-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        })
      ).status,
    ).toBe(404);
  });

  test('an address suppressed while its run waits for approval is not emailed', async () => {
    const a = await newLead();
    const b = await newLead();
    const c = await newCampaign({}, [a, b]);
    const out = (await launch({ campaignId: c.id })).body!.result as LaunchCampaignOutput;
    expect(out.run.total).toBe(2);
    expect((await call('POST', '/api/suppressions', { email: b.email })).status).toBe(201);
    const started = (await decide(c.id, out.run.id, true)).body!.result as LaunchCampaignOutput;
    expect(started.run.total).toBe(1);
    await expect.poll(async () => (await getRun(c.id, out.run.id)).summary, POLL).toBe('Stored 1/1 in the outbox — not sent');
    expect((await outbox(c.id)).emails.map((e) => e.to)).toEqual([a.email]);
  });

  test('suppressions API: add, list, delete; an invalid address is a 400', async () => {
    expect(await call('POST', '/api/suppressions', { email: 'not-an-email' })).toMatchObject({
      status: 400,
      body: { details: { fields: [{ path: 'email', message: 'Not a valid email address' }] } },
    });
    const added = await call('POST', '/api/suppressions', { email: ' Someone@Example.COM ' });
    expect(added).toMatchObject({ status: 201, body: { suppression: { email: 'someone@example.com', reason: 'added by hand' } } });
    expect(((await call('GET', '/api/suppressions')).body!.suppressions as Array<{ email: string }>).map((s) => s.email)).toContain('someone@example.com');
    expect((await call('DELETE', '/api/suppressions/Someone@example.com')).status).toBe(204);
    expect(((await call('GET', '/api/suppressions')).body!.suppressions as Array<{ email: string }>).map((s) => s.email)).not.toContain('someone@example.com');
    expect((await call('DELETE', '/api/suppressions/someone@example.com')).status).toBe(404);
    // A path that cannot name an address cannot name a suppression either (as a malformed :id).
    expect((await call('DELETE', '/api/suppressions/not-an-email')).status).toBe(404);
  });

  // Last: it creates the workspace's company profile, which every later draft would mention.
  test('a merge field only the company profile can fill is an unresolved field in the pre-flight until the profile exists', async () => {
    const lead = await newLead({ name: 'Merge Field' });
    const c = await newCampaign(
      { name: 'Sender company', promptContext: { goal: 'Book a demo', callToAction: 'Reply to {{senderName}} at {{senderCompany}}' } },
      [lead],
    );
    const p = await preflight(c.id);
    expect(p.sendable).toBe(0);
    expect(p.problems).toEqual([expect.objectContaining({ leadId: lead.id, code: 'unresolved_fields', reason: expect.stringContaining('{{senderCompany}}') })]);

    expect((await call('POST', '/api/company-profiles', { data: { name: 'Shipwise', whatItDoes: 'Live shipment tracking' } })).status).toBe(201);
    expect((await preflight(c.id)).problems).toEqual([]);
    const run = await runToCompletion(c.id);
    expect(run.summary).toBe('Stored 1/1 in the outbox — not sent');
    const [email] = (await outbox(c.id)).emails;
    expect(email!.body).toContain('Reply to Dana from Shipwise at Shipwise');
    expect(email!.body).not.toContain('{{');
  });
});
