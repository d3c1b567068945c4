import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TeamClient } from '../helpers/team-client.js';

// Workspace isolation, proved route by route: workspace B reads, changes or deletes workspace A's
// records by id — every REST route and every flow — and gets 404, and A's records are unchanged.

const POLL = { timeout: 30_000, interval: 100 };

describe.each(drivers)('workspace isolation on %s', (driver) => {
  let server: TestServer;
  const a = () => clients.a;
  const b = () => clients.b;
  const clients = {} as { a: TeamClient; b: TeamClient };
  const ids = {} as Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer(driver, { team: { openSignup: true } });
    clients.a = new TeamClient(server.url);
    clients.b = new TeamClient(server.url);
    expect((await a().signUp('Ann A', 'ann@a.test')).status).toBe(200);
    await a().useToken('a');
    expect((await b().signUp('Bob B', 'bob@b.test')).status).toBe(200);
    expect((await b().call('POST', '/api/workspaces', { name: 'B corp' })).status).toBe(201);
    await b().useToken('b');

    const made = async (path: string, data: unknown) => {
      const res = await a().call('POST', path, { data });
      expect(res.status, path).toBe(201);
      return Object.values(res.body!)[0] as { id: string };
    };
    ids.company = (await made('/api/company-profiles', { name: 'Shipwise', whatItDoes: 'Shipment tracking' })).id;
    ids.product = (await made('/api/products', { name: 'Live', description: 'A live view of shipments' })).id;
    ids.contact = (await made('/api/contacts', { name: 'Dana Ruiz', title: 'Head of Ops', linkedinText: 'Carrier delays hurt.' })).id;
    ids.persona = (
      await made('/api/personas', {
        personName: 'Ops Olivia',
        title: 'Head of Ops',
        role: 'Ops',
        coreGoal: 'Fewer delays',
        painPoints: ['Spreadsheets'],
        needForOurProduct: 'Live view',
        industry: 'Retail',
        companySize: '50',
      })
    ).id;
    expect(
      (
        await a().call('POST', `/api/personas/${ids.persona}/product-fits`, {
          productId: ids.product,
          valuePropToThem: 'A live view',
          alignmentReasoning: 'Fits',
        })
      ).status,
    ).toBe(201);
    const wizard = await a().flow('personaDefinition', { message: 'Heads of operations at online retailers' });
    expect(wizard.status).toBe(200);
    ids.wizard = wizard.body!.result.sessionId;
    const map = await a().flow('buyingProcess', { message: 'Ops Olivia' });
    expect(map.status).toBe(200);
    ids.map = map.body!.result.sessionId;
    const prep = await a().flow('analyzeContact', { patch: { contactId: ids.contact } });
    expect(prep.status).toBe(200);
    ids.prep = prep.body!.result.sessionId;
    const lead = await made('/api/leads', { name: 'Jane Doe', position: 'COO', websiteUrl: 'https://nordlys.example', email: 'jane@nordlys.example' });
    ids.lead = lead.id;
    await vi.waitFor(async () => expect((await a().call('GET', `/api/leads/${ids.lead}`)).body!.lead.personaStatus).toBe('ready'), POLL);
    ids.campaign = (await made('/api/campaigns', { name: 'Spring', promptContext: { goal: 'Book a demo' } })).id;
    expect((await a().call('POST', `/api/campaigns/${ids.campaign}/leads`, { leadIds: [ids.lead] })).status).toBe(200);
    const paused = await a().flow('launchCampaign', { campaignId: ids.campaign });
    ids.run = paused.body!.result.run.id;
    expect((await a().flow('launchCampaign', { campaignId: ids.campaign, resume: { runId: ids.run, approval: { approved: true, note: '' } } })).status).toBe(
      200,
    );
    await vi.waitFor(async () => expect((await a().call('GET', '/api/outbox')).body!.emails.length).toBe(1), POLL);
    ids.email = (await a().call('GET', '/api/outbox')).body!.emails[0].id;
    expect((await a().call('POST', '/api/suppressions', { email: 'blocked@a.test', reason: 'Asked by phone' })).status).toBe(201);
  }, 120_000);
  afterAll(() => server.close());

  /** Everything A can see, to compare before and after B's attempts. */
  const snapshotOfA = async () => {
    const paths = [
      '/api/company-profiles',
      '/api/products',
      '/api/contacts',
      '/api/personas',
      `/api/personas/${ids.persona}`,
      `/api/personas/${ids.persona}/product-fits`,
      '/api/buying-processes',
      `/api/buying-processes/${ids.map}`,
      '/api/sessions?flow=personaDefinition',
      '/api/sessions?flow=analyzeContact',
      `/api/sessions/${ids.wizard}/history`,
      `/api/contacts/${ids.contact}/analyses`,
      '/api/leads',
      `/api/leads/${ids.lead}/drafts`,
      '/api/campaigns',
      `/api/campaigns/${ids.campaign}/runs`,
      '/api/outbox',
      '/api/suppressions',
    ];
    const out: Record<string, unknown> = {};
    for (const p of paths) {
      const res = await a().call('GET', p);
      expect(res.status, p).toBe(200);
      out[p] = res.body;
    }
    return JSON.stringify(out);
  };

  test('every REST route with an id answers 404 to the other workspace, and nothing changes', async () => {
    const before = await snapshotOfA();
    const persona = {
      personName: 'Hijacked',
      title: 'X',
      role: 'X',
      coreGoal: 'X',
      painPoints: ['X'],
      needForOurProduct: 'X',
      industry: 'X',
      companySize: '1',
    };
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/company-profiles/${ids.company}`],
      ['PUT', `/api/company-profiles/${ids.company}`, { data: { name: 'Hijacked', whatItDoes: 'X' }, expectedVersion: 1 }],
      ['DELETE', `/api/company-profiles/${ids.company}`],
      ['GET', `/api/products/${ids.product}`],
      ['PUT', `/api/products/${ids.product}`, { data: { name: 'Hijacked', description: 'X' }, expectedVersion: 1 }],
      ['DELETE', `/api/products/${ids.product}`],
      ['GET', `/api/contacts/${ids.contact}`],
      ['PUT', `/api/contacts/${ids.contact}`, { data: { name: 'Hijacked' }, expectedVersion: 1 }],
      ['DELETE', `/api/contacts/${ids.contact}`],
      ['GET', `/api/contacts/${ids.contact}/analyses`],
      ['GET', `/api/contacts/${ids.contact}/analysis-session`],
      ['GET', `/api/personas/${ids.persona}`],
      ['PUT', `/api/personas/${ids.persona}`, { data: persona, expectedVersion: 1 }],
      ['DELETE', `/api/personas/${ids.persona}`],
      ['GET', `/api/personas/${ids.persona}/buying-stages`],
      ['GET', `/api/personas/${ids.persona}/product-fits`],
      ['POST', `/api/personas/${ids.persona}/product-fits`, { productId: ids.product, valuePropToThem: 'X', alignmentReasoning: 'X' }],
      ['DELETE', `/api/personas/${ids.persona}/product-fits/${ids.product}`],
      ['GET', `/api/personas/${ids.persona}/export`],
      ['POST', `/api/personas/${ids.persona}/versions/1/restore`, {}],
      ['GET', `/api/buying-processes/${ids.map}/versions`],
      ['POST', `/api/buying-processes/${ids.map}/versions/1/restore`, {}],
      ['POST', `/api/contacts/${ids.contact}/analyses/1/restore`, {}],
      ['GET', `/api/buying-processes/${ids.map}`],
      ['GET', `/api/buying-processes/${ids.map}/export`],
      ['DELETE', `/api/buying-processes/${ids.map}`],
      ['GET', `/api/sessions/${ids.wizard}/history`],
      ['DELETE', `/api/sessions/${ids.wizard}`],
      ['DELETE', `/api/sessions/${ids.prep}`],
      ['GET', `/api/leads/${ids.lead}`],
      [
        'PUT',
        `/api/leads/${ids.lead}`,
        { data: { name: 'Hijacked', position: 'X', websiteUrl: 'https://x.example', email: 'x@x.example' }, expectedVersion: 1 },
      ],
      ['DELETE', `/api/leads/${ids.lead}`],
      ['POST', `/api/leads/${ids.lead}/persona`, {}],
      ['GET', `/api/leads/${ids.lead}/research`],
      ['POST', `/api/leads/${ids.lead}/research`, {}],
      ['GET', `/api/leads/${ids.lead}/drafts`],
      ['POST', `/api/leads/${ids.lead}/drafts`, { subject: 'X', body: 'X', tone: 'friendly', campaignId: null, stepId: null }],
      ['GET', `/api/campaigns/${ids.campaign}`],
      ['PUT', `/api/campaigns/${ids.campaign}`, { data: { name: 'Hijacked' }, expectedVersion: 1 }],
      ['DELETE', `/api/campaigns/${ids.campaign}`],
      ['POST', `/api/campaigns/${ids.campaign}/leads`, { leadIds: [ids.lead] }],
      ['DELETE', `/api/campaigns/${ids.campaign}/leads/${ids.lead}`],
      ['GET', `/api/campaigns/${ids.campaign}/preflight`],
      ['GET', `/api/campaigns/${ids.campaign}/runs`],
      ['GET', `/api/campaigns/${ids.campaign}/runs/${ids.run}`],
      ['POST', `/api/campaigns/${ids.campaign}/runs/${ids.run}/retry`, {}],
      ['GET', `/api/outbox/${ids.email}/raw`],
      ['DELETE', '/api/suppressions/blocked%40a.test'],
    ];
    for (const [method, path, body] of attempts) {
      const res = await b().call(method, path, body);
      expect(res.status, `${method} ${path} → ${JSON.stringify(res.body).slice(0, 200)}`).toBe(404);
    }
    // B's own campaign cannot take A's lead either: to B it does not exist, as an unknown id would not (400 naming leadIds).
    const mine = await b().call('POST', '/api/campaigns', { data: { name: 'B campaign' } });
    const added = await b().call('POST', `/api/campaigns/${mine.body!.campaign.id}/leads`, { leadIds: [ids.lead] });
    expect(added).toMatchObject({ status: 400, body: { message: expect.stringMatching(/do not exist/) } });
    expect(await snapshotOfA()).toBe(before);
  });

  test('every flow refuses the other workspace’s records with 404, and nothing changes', async () => {
    const before = await snapshotOfA();
    const attempts: Array<[string, unknown]> = [
      ['personaDefinition', { sessionId: ids.wizard, message: 'Hijacked' }],
      ['buyingProcess', { sessionId: ids.map, message: 'Hijacked' }],
      ['analyzeContact', { sessionId: ids.prep, message: 'Hijacked' }],
      ['analyzeContact', { patch: { contactId: ids.contact } }],
      ['generatePersona', { companyId: ids.company, productId: ids.product }],
      ['findProductFits', { personaId: ids.persona }],
      ['draftEmail', { leadId: ids.lead, tone: 'friendly' }],
      ['launchCampaign', { campaignId: ids.campaign }],
      ['launchCampaign', { campaignId: ids.campaign, resume: { runId: ids.run, approval: { approved: true, note: '' } } }],
      ['generateLeadPersona', { leadId: ids.lead }],
    ];
    for (const [name, data] of attempts) {
      const res = await b().flow(name, data);
      expect(res.status, `${name} ${JSON.stringify(data)} → ${JSON.stringify(res.body).slice(0, 200)}`).toBe(404);
    }
    expect(await snapshotOfA()).toBe(before);
  });

  test('lists hold only the caller’s workspace', async () => {
    for (const path of [
      '/api/personas',
      '/api/leads',
      '/api/campaigns',
      '/api/contacts',
      '/api/outbox',
      '/api/suppressions',
      '/api/buying-processes',
      '/api/sessions?flow=personaDefinition',
    ]) {
      const body = JSON.stringify((await b().call('GET', path)).body);
      for (const id of Object.values(ids)) expect(body, path).not.toContain(id);
    }
    const usage = (await b().call('GET', '/api/usage')).body!;
    expect(usage.byFlow.map((f: { flow: string }) => f.flow)).not.toContain('personaDefinition');
  });

  test('the workspace export holds every record of the workspace, and nothing of another', async () => {
    const mine = await a().call('GET', '/api/workspace/export');
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-disposition')).toMatch(/attachment; filename="?personaflow-my-workspace-\d{4}-\d{2}-\d{2}\.json/);
    const data = mine.body!;
    expect(data).toMatchObject({ format: 'personaflow-workspace-export', version: 1, people: [{ name: 'Ann A', email: 'ann@a.test' }] });
    const rowIds = (table: string) => (data.tables[table] as Array<{ id: string }>).map((r) => r.id);
    expect(rowIds('personas')).toEqual([ids.persona]);
    expect(rowIds('leads')).toEqual([ids.lead]);
    expect(rowIds('campaigns')).toEqual([ids.campaign]);
    expect(rowIds('email_logs')).toEqual([ids.email]);
    expect(rowIds('wizard_sessions').sort()).toEqual([ids.wizard, ids.map, ids.prep].sort());
    expect(data.tables.suppressions).toMatchObject([{ email: 'blocked@a.test' }]);
    expect(data.tables.api_tokens).toHaveLength(1);
    expect(JSON.stringify(data)).not.toMatch(/token_hash|pf_[A-Za-z0-9_-]{40}/);
    const theirs = JSON.stringify((await b().call('GET', '/api/workspace/export')).body);
    for (const id of Object.values(ids)) expect(theirs).not.toContain(id);
  });

  test('jobs run in the workspace of the work they carry: A’s sends and personas never land in B', async () => {
    const events = (await a().call('GET', '/api/workspace/audit')).body!.events as Array<{ action: string; actor: { name: string } }>;
    expect(events.find((e) => e.action === 'campaign.approved')).toMatchObject({ actor: { name: 'Ann A (token “a”)' } });
    expect((await b().call('GET', '/api/workspace/audit')).body!.events.map((e: { action: string }) => e.action)).not.toContain('campaign.approved');
  });
});
