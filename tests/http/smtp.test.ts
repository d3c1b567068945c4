import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { composeEmail } from '../../mail/compose.js';
import { classifySendError, createMailer } from '../../mail/mailer.js';
import type { CampaignRun, LaunchCampaignOutput } from '../../schemas/campaign.js';
import type { EmailLog } from '../../schemas/email.js';
import type { Lead } from '../../schemas/lead.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller } from '../helpers/team-client.js';
import { startSmtpPeer, type Received, type SmtpPeer } from '../helpers/smtp-peer.js';

// Campaign sends over real SMTP to an in-process SMTP server (smtp-server): what it received,
// headers included; a 451 retried by the queue and delivered once; a 550 failed, listed,
// retried by a person, and still exactly one message per lead.

const POLL = { timeout: 20_000, interval: 100 };
// The queue's retryDelay is 5 s with backoff: a retried send can take a while, so poll generously.
const RETRY_POLL = { timeout: 60_000, interval: 250 };

describe.each(drivers)('campaign sends over SMTP on %s', (driver) => {
  let peer: SmtpPeer;
  let server: TestServer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    server = await startTestServer(driver, { mail: { mailer: createMailer({ smtpUrl: peer.url }) } });
  });
  afterAll(async () => {
    await server?.close();
    await peer?.close();
  });

  const call = localCaller(() => server.url);
  let n = 0;
  const newLead = async () => {
    n += 1;
    const res = await call('POST', '/api/leads', {
      data: {
        name: `Person${n} Smith`,
        position: 'VP of Sales',
        requirement: 'Shorter ramp-up for new reps',
        linkedinUrl: `https://www.linkedin.com/in/person-${n}`,
        email: `person${n}@smtp${n}.example`,
      },
    });
    expect(res.status).toBe(201);
    const lead = res.body!.lead as Lead;
    await expect.poll(async () => ((await call('GET', `/api/leads/${lead.id}`)).body!.lead as Lead).personaStatus, POLL).toBe('ready');
    return lead;
  };
  const newCampaign = async (name: string, leads: Lead[]) => {
    const res = await call('POST', '/api/campaigns', { data: { name, promptContext: { goal: 'Book a demo' } } });
    expect(res.status).toBe(201);
    expect((await call('POST', `/api/campaigns/${res.body!.campaign.id}/leads`, { leadIds: leads.map((l) => l.id) })).status).toBe(200);
    return res.body!.campaign.id as string;
  };
  const getRun = async (campaignId: string, runId: string) => (await call('GET', `/api/campaigns/${campaignId}/runs/${runId}`)).body!.run as CampaignRun;
  /** Run now and approve the samples: returns the run id once the sends are queued. */
  const start = async (campaignId: string) => {
    let out = (await call('POST', '/api/flows/launchCampaign', { data: { campaignId } })).body!.result as LaunchCampaignOutput;
    expect(out.status).toBe('awaiting_approval');
    out = (
      await call('POST', '/api/flows/launchCampaign', {
        data: { campaignId, resume: { runId: out.run.id, approval: { approved: true, note: '' } } },
      })
    ).body!.result as LaunchCampaignOutput;
    expect(out.status).toBe('started');
    expect(out.run.transport).toBe('smtp');
    return out.run.id;
  };
  const emailsOf = async (campaignId: string) => {
    const res = await call('GET', `/api/outbox?campaignId=${campaignId}`);
    expect(res.body!.mode).toBe('smtp');
    return res.body!.emails as EmailLog[];
  };
  const receivedBy = (email: string) => peer.received.filter((r) => r.to.includes(email));
  /** The header block of what the peer received, unfolded (RFC 5322 2.2.3). */
  const headerBlock = (r: Received) => r.raw.slice(0, r.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');

  test('a run delivers exactly one message per lead, with the unsubscribe headers and link', async () => {
    const a = await newLead();
    const b = await newLead();
    const campaignId = await newCampaign('SMTP clean', [a, b]);
    const runId = await start(campaignId);
    await expect.poll(async () => (await getRun(campaignId, runId)).status, POLL).toBe('completed');
    const run = await getRun(campaignId, runId);
    expect(run).toMatchObject({ summary: 'Sent 2/2', sent: 2, failed: 0, transport: 'smtp' });
    expect(run.results.every((r) => r.success && r.status === 'sent' && r.error === null)).toBe(true);

    const logs = await emailsOf(campaignId);
    expect(logs).toHaveLength(2);
    for (const lead of [a, b]) {
      const got = receivedBy(lead.email);
      expect(got).toHaveLength(1);
      const [msg] = got as [Received];
      const log = logs.find((l) => l.leadId === lead.id)!;
      expect(log).toMatchObject({ status: 'sent', transport: 'smtp', to: lead.email, error: null });
      expect(log.providerMessageId).toMatch(/^250/);

      expect(msg.from).toBe('dana@shipwise.test');
      expect(msg.to).toEqual([lead.email]);
      expect(msg.mail.from?.value).toEqual([{ name: 'Dana from Shipwise', address: 'dana@shipwise.test' }]);
      expect(msg.mail.to && !Array.isArray(msg.mail.to) ? msg.mail.to.value.map((v) => v.address) : []).toEqual([lead.email]);
      expect(msg.mail.subject).toBe(log.subject);
      expect(msg.mail.messageId).toBe(`<${log.id}@shipwise.test>`);
      const head = headerBlock(msg);
      const url = /^List-Unsubscribe: <(http:\/\/personaflow\.test\/unsubscribe\/[\w-]+)>$/m.exec(head)?.[1];
      expect(url).toBeDefined();
      expect(`<${url}>`).toBe(log.headers['List-Unsubscribe']);
      expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(msg.mail.text).toContain(`unsubscribe here: ${url}`);
      expect(msg.mail.text).toMatch(new RegExp(`^Hi ${lead.name.split(' ')[0]},`));
    }
    // SMTP mode keeps no stored copy to show as raw.
    expect((await call('GET', `/api/outbox/${logs[0]!.id}/raw`)).status).toBe(404);
    // Nothing failed, so there is nothing to retry.
    expect(await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, {})).toMatchObject({ status: 409 });
    expect(receivedBy(a.email)).toHaveLength(1);
  });

  test('451 (try later): the queue retries the send and it is delivered exactly once', async () => {
    const lead = await newLead();
    const campaignId = await newCampaign('SMTP 451', [lead]);
    peer.failNext(1, 451);
    const runId = await start(campaignId);
    // While the queue waits to try again, the run says why the lead is still pending.
    await expect.poll(async () => (await getRun(campaignId, runId)).results[0]?.error ?? '', POLL).toMatch(/try later/);
    expect((await getRun(campaignId, runId)).results[0]).toMatchObject({ status: 'pending', success: false });
    expect(receivedBy(lead.email)).toHaveLength(0);
    await expect.poll(async () => (await getRun(campaignId, runId)).summary, RETRY_POLL).toBe('Sent 1/1');
    const run = await getRun(campaignId, runId);
    expect(run).toMatchObject({ status: 'completed', failed: 0, results: [{ leadId: lead.id, success: true, status: 'sent', error: null }] });
    expect(receivedBy(lead.email)).toHaveLength(1);
    const logs = await emailsOf(campaignId);
    expect(logs.map((e) => [e.leadId, e.status, e.error])).toEqual([[lead.id, 'sent', null]]);
    expect(receivedBy(lead.email)[0]!.mail.messageId).toBe(`<${logs[0]!.id}@shipwise.test>`);
    expect(((await call('GET', `/api/campaigns/${campaignId}`)).body!.campaign as { emailsSent: number }).emailsSent).toBe(1);
  });

  test('550 (refused): the lead fails with the server message and is listed as retryable; a retry delivers it once', async () => {
    const a = await newLead();
    const b = await newLead();
    const campaignId = await newCampaign('SMTP 550', [a, b]);
    peer.failNext(1, 550, 'Mailbox unavailable');
    const runId = await start(campaignId);
    await expect.poll(async () => (await getRun(campaignId, runId)).status, POLL).toBe('completed');
    const run = await getRun(campaignId, runId);
    expect(run).toMatchObject({ summary: 'Sent 1/2', sent: 1, failed: 1 });
    const failed = run.results.filter((r) => !r.success);
    expect(failed).toEqual([expect.objectContaining({ status: 'failed', retryable: true, error: expect.stringContaining('Mailbox unavailable') })]);
    const failedLead = failed[0]!.leadId === a.id ? a : b;
    const okLead = failedLead === a ? b : a;
    expect(receivedBy(okLead.email)).toHaveLength(1);
    expect(receivedBy(failedLead.email)).toHaveLength(0);
    const logs = await emailsOf(campaignId);
    expect(logs.find((l) => l.leadId === failedLead.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('550'), providerMessageId: null });
    expect(((await call('GET', `/api/campaigns/${campaignId}`)).body!.campaign as { emailsSent: number }).emailsSent).toBe(1);

    const retried = await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, {});
    expect(retried.status).toBe(200);
    expect(retried.body!.run).toMatchObject({ id: runId, status: 'running' });
    await expect.poll(async () => (await getRun(campaignId, runId)).summary, POLL).toBe('Sent 2/2');
    await expect.poll(async () => (await getRun(campaignId, runId)).status, POLL).toBe('completed');
    expect((await getRun(campaignId, runId)).results.every((r) => r.success && r.error === null)).toBe(true);
    expect(receivedBy(failedLead.email)).toHaveLength(1);
    expect(receivedBy(okLead.email)).toHaveLength(1);
    expect((await emailsOf(campaignId)).map((e) => e.status)).toEqual(['sent', 'sent']);
    expect(((await call('GET', `/api/campaigns/${campaignId}`)).body!.campaign as { emailsSent: number }).emailsSent).toBe(2);

    // Everyone has it now: a second retry has nothing to do, and Run now has nothing to send.
    expect(await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, {})).toMatchObject({ status: 409 });
    expect(await call('POST', '/api/flows/launchCampaign', { data: { campaignId } })).toMatchObject({ status: 400 });
    expect(receivedBy(failedLead.email)).toHaveLength(1);
  });

  test('a lead whose send failed is sent by the next Run now (a new run), exactly once', async () => {
    const a = await newLead();
    const b = await newLead();
    const campaignId = await newCampaign('SMTP 550 then Run now', [a, b]);
    peer.failNext(1, 550, 'Mailbox unavailable');
    const firstRun = await start(campaignId);
    await expect.poll(async () => (await getRun(campaignId, firstRun)).status, POLL).toBe('completed');
    const failedLeadId = (await getRun(campaignId, firstRun)).results.find((r) => !r.success)!.leadId;
    const failedLead = failedLeadId === a.id ? a : b;
    const okLead = failedLead === a ? b : a;

    // The pre-flight offers the failed lead again; Run now (approved before) sends to them alone.
    const p = (await call('GET', `/api/campaigns/${campaignId}/preflight`)).body!;
    expect(p).toMatchObject({ sendable: 1, needsApproval: false });
    expect(p.problems).toEqual([expect.objectContaining({ leadId: okLead.id, code: 'already_sent' })]);
    const again = (await call('POST', '/api/flows/launchCampaign', { data: { campaignId } })).body!.result as LaunchCampaignOutput;
    expect(again).toMatchObject({ status: 'started', run: { total: 1 } });
    expect(again.run.results.map((r) => r.leadId)).toEqual([failedLead.id]);
    await expect.poll(async () => (await getRun(campaignId, again.run.id)).summary, POLL).toBe('Sent 1/1');
    await expect.poll(async () => (await getRun(campaignId, again.run.id)).status, POLL).toBe('completed');
    expect(receivedBy(failedLead.email)).toHaveLength(1);
    expect(receivedBy(okLead.email)).toHaveLength(1);
    expect((await emailsOf(campaignId)).map((e) => e.status)).toEqual(['sent', 'sent']);
  });

  // Last in this block: the sender profile is the workspace's, and the tests above expect MAIL_FROM.
  test('a sender profile: its From, Reply-To and signature, and a footer naming the company and its postal address', async () => {
    const companies = (await call('GET', '/api/company-profiles')).body!.companyProfiles as Array<{ id: string }>;
    if (companies.length === 0) {
      const made = await call('POST', '/api/company-profiles', { data: { name: 'RoutePilot', whatItDoes: 'Route planning for delivery fleets' } });
      expect(made.status).toBe(201);
    }
    const company = ((await call('GET', '/api/company-profiles')).body!.companyProfiles as Array<{ name: string }>)[0]!.name;
    const data = {
      fromName: 'Dana Reyes, RoutePilot',
      fromEmail: 'dana@routepilot.test',
      replyTo: 'replies@routepilot.test',
      signature: 'Dana Reyes\nHead of Growth, RoutePilot',
      postalAddress: '12 Harbour St, Leith EH6 6LF, UK',
    };
    expect((await call('PUT', '/api/settings/sender', { data, expectedVersion: 0 })).status).toBe(200);
    const lead = await newLead();
    const campaignId = await newCampaign('SMTP sender profile', [lead]);
    const pre = (await call('GET', `/api/campaigns/${campaignId}/preflight`)).body!;
    expect(pre.sender).toMatchObject({
      from: '"Dana Reyes, RoutePilot" <dana@routepilot.test>',
      replyTo: 'replies@routepilot.test',
      source: 'profile',
      warnings: [],
    });
    const runId = await start(campaignId);
    await expect.poll(async () => (await getRun(campaignId, runId)).status, POLL).toBe('completed');
    const [msg] = receivedBy(lead.email) as [Received];
    expect(msg.from).toBe('dana@routepilot.test');
    // The comma stays inside the name: one From address, not two.
    expect(msg.mail.from?.value).toEqual([{ name: 'Dana Reyes, RoutePilot', address: 'dana@routepilot.test' }]);
    expect(msg.mail.replyTo?.value).toEqual([{ name: '', address: 'replies@routepilot.test' }]);
    expect(msg.mail.messageId).toMatch(/@routepilot\.test>$/);
    const text = msg.mail.text!;
    expect(text).toContain('Dana Reyes\nHead of Growth, RoutePilot\n\n--\n');
    expect(text).toContain(`${company} · 12 Harbour St, Leith EH6 6LF, UK\nIf you would rather not hear from ${company} again, unsubscribe here: `);
    // Signed by the profile's name.
    expect(text).toContain('Dana Reyes, RoutePilot');
  });
});

describe('what nodemailer raises, classified', () => {
  test('the errors nodemailer really raises: a closed port, and a server that hangs up after DATA', async () => {
    // A port nobody listens on.
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    // A server that takes the envelope, then drops the line while the message is being sent.
    const dropper = net.createServer((socket) => {
      socket.write('220 dropper ESMTP\r\n');
      let buffer = '';
      socket.on('data', (d) => {
        buffer += d.toString('utf8');
        let nl: number;
        while ((nl = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 2);
          if (/^(EHLO|HELO)/i.test(line)) socket.write('250 dropper\r\n');
          else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 OK\r\n');
          else if (/^DATA/i.test(line)) socket.write('354 go ahead\r\n');
          else if (line === '.') return void socket.destroy();
        }
      });
    });
    await new Promise<void>((r) => dropper.listen(0, '127.0.0.1', () => r()));
    const email = composeEmail({
      to: 'a@b.example',
      from: 'Sam <sam@shipwise.test>',
      subject: 'Hi',
      body: 'Hello',
      publicUrl: 'http://x.test',
      unsubscribeToken: 't',
      logId: 'log-1',
    });
    const sendVia = async (port: number) => {
      const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}` });
      try {
        if (mailer.mode !== 'smtp') throw new Error('expected smtp mode');
        await mailer.send(email);
        return null;
      } catch (err) {
        return err;
      } finally {
        mailer.close();
      }
    };
    try {
      const refused = await sendVia(closedPort);
      expect(refused).toBeTruthy();
      expect(classifySendError(refused)).toMatchObject({ retryable: true, outcomeUnknown: false });
      const dropped = await sendVia((dropper.address() as AddressInfo).port);
      expect(dropped).toBeTruthy();
      expect(classifySendError(dropped)).toMatchObject({ retryable: false, outcomeUnknown: true });
    } finally {
      await new Promise((r) => dropper.close(r));
    }
  });
});
