import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Campaign, LaunchCampaignOutput } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Memory learning the email tone people keep choosing (accepted drafts, approved campaigns) and
// filling new forms from what it knows (GET /api/memory/prefill/:form), each value with the fact
// it came from. A guess never replaces a person's word; an expired fact fills nothing.

describe.each(drivers)('memory learns and prefills over HTTP on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server?.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  };
  let n = 0;
  const newLead = async () => {
    n += 1;
    const res = await call('POST', '/api/leads', {
      data: { name: `Lead${n} Person`, position: 'COO', requirement: '', websiteUrl: `https://c${n}.example`, email: `lead${n}@c${n}.example` },
    });
    expect(res.status).toBe(201);
    return res.body.lead as Lead;
  };
  const accept = async (leadId: string, tone: string) => {
    const res = await call('POST', `/api/leads/${leadId}/drafts`, { subject: 'Hello', body: 'A short note.', tone, campaignId: null, stepId: null });
    expect(res.status).toBe(201);
  };
  const tone = async () => {
    const res = await call('GET', '/api/memory/email.tone');
    return res.status === 404 ? null : res.body.fact;
  };

  test('a tone accepted twice among the latest choices is remembered as a guess, and new campaigns and drafts start with it', async () => {
    const lead = await newLead();
    await accept(lead.id, 'formal');
    expect(await tone()).toBeNull();
    expect((await call('GET', '/api/memory/prefill/campaign')).body).toEqual({ form: 'campaign', fields: {} });

    await accept(lead.id, 'Formal');
    expect(await tone()).toMatchObject({
      value: 'Formal',
      source: 'INFERRED',
      confidence: 0.4,
      learnedFrom: 'the tones you chose for emails',
      createdBy: null,
    });
    const from = { key: 'email.tone', label: 'Tone of your emails', source: 'INFERRED', confidence: 0.4, learnedFrom: 'the tones you chose for emails' };
    expect((await call('GET', '/api/memory/prefill/campaign')).body).toEqual({ form: 'campaign', fields: { tone: { value: 'Formal', from } } });
    expect((await call('GET', '/api/memory/prefill/emailDraft')).body).toEqual({ form: 'emailDraft', fields: { tone: { value: 'Formal', from } } });
    expect((await call('GET', '/api/memory/prefill/personaWizard')).body).toEqual({ form: 'personaWizard', fields: {} });
  });

  test('a tone a person wrote is never replaced by the habit; it is what forms start with', async () => {
    expect((await call('PUT', '/api/memory/email.tone', { data: { value: 'friendly' } })).status).toBe(200);
    const lead = await newLead();
    for (let i = 0; i < 3; i++) await accept(lead.id, 'direct');
    expect(await tone()).toMatchObject({ value: 'friendly', source: 'USER_PROVIDED', confidence: 1 });
    expect((await call('GET', '/api/memory/prefill/campaign')).body.fields.tone).toEqual({
      value: 'friendly',
      from: { key: 'email.tone', label: 'Tone of your emails', source: 'USER_PROVIDED', confidence: 1, learnedFrom: null },
    });
  });

  test('an expired fact fills nothing; a form that does not exist is a 400 naming the ones that do', async () => {
    const { queries, workspaceId } = server.db;
    await queries.memory.remember({
      workspaceId,
      key: 'market',
      value: 'UK last-mile delivery',
      source: 'INTAKE_FORM',
      expiresAt: new Date(Date.now() - 1000),
      actor: { kind: 'local', userId: null, name: 'Local user' },
    });
    expect((await call('GET', '/api/memory/prefill/personaWizard')).body.fields).toEqual({});
    const bad = await call('GET', '/api/memory/prefill/invoice');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields).toEqual([{ path: 'form', message: 'The forms that start from memory are personaWizard, campaign, emailDraft' }]);
  });

  test('approving the samples of campaigns in one tone teaches memory that tone', async () => {
    expect((await call('DELETE', '/api/memory/email.tone')).status).toBe(204);
    const approveCampaignIn = async (tone: string) => {
      const lead = await newLead();
      const made = await call('POST', '/api/campaigns', { data: { name: `In a ${tone} tone`, promptContext: { tone, goal: 'Book a demo' } } });
      const campaign = made.body.campaign as Campaign;
      expect((await call('POST', `/api/campaigns/${campaign.id}/leads`, { leadIds: [lead.id] })).status).toBe(200);
      const asked = (await call('POST', '/api/flows/launchCampaign', { data: { campaignId: campaign.id } })).body.result as LaunchCampaignOutput;
      expect(asked.status).toBe('awaiting_approval');
      const decided = await call('POST', '/api/flows/launchCampaign', {
        data: { campaignId: campaign.id, resume: { runId: asked.run.id, approval: { approved: true, note: '' } } },
      });
      expect(decided.body.result.status).toBe('started');
    };
    await approveCampaignIn('playful');
    // One approval and three accepted "direct" drafts: direct is still the habit.
    expect(await tone()).toMatchObject({ value: 'direct', confidence: 0.6 });
    await approveCampaignIn('playful');
    await approveCampaignIn('playful');
    expect(await tone()).toMatchObject({ value: 'playful', source: 'INFERRED', confidence: 0.6, learnedFrom: 'the tones you chose for emails' });
  });
});
