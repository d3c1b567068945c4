import net, { type AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { parseLeadCsv } from '../../lib/lead-csv.js';
import { AppError } from '../../lib/errors.js';
import { resolveMergeFields, type MergeValues } from '../../lib/merge-fields.js';
import { computePreflight, type StepLog } from '../../lib/preflight.js';
import { runView, type RunRow } from '../../lib/run-view.js';
import { composeEmail } from '../../mail/compose.js';
import { classifySendError, createMailer } from '../../mail/mailer.js';
import type { Campaign, SequenceStep } from '../../schemas/campaign.js';
import { LEAD_URL_REQUIRED, type Lead } from '../../schemas/lead.js';

// The pure parts of leads, drafting and campaigns: CSV import, merge fields, the pre-flight,
// SMTP error classification, the composed email and the run as a person reads it.

describe('parseLeadCsv', () => {
  test('header aliases in any order and any case, a BOM, quoted commas', () => {
    const csv = '\uFEFFEmail, Full Name ,Job Title,LinkedIn,Website-URL,Notes\n' + '"Dana@Nordlys.example","Ruiz, Dana",Head of Ops,https://www.linkedin.com/in/dana,https://nordlys.example,"Fewer delays, fewer spreadsheets"\n';
    const { rows, rejected } = parseLeadCsv(csv);
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        input: {
          name: 'Ruiz, Dana',
          position: 'Head of Ops',
          requirement: 'Fewer delays, fewer spreadsheets',
          linkedinUrl: 'https://www.linkedin.com/in/dana',
          websiteUrl: 'https://nordlys.example',
          email: 'dana@nordlys.example',
        },
      },
    ]);
  });

  test('the source columns: name, position, requirement, linkedin_url, website_url, email', () => {
    const { rows } = parseLeadCsv('position,NAME,website_url,requirement,linkedin_url,email\nCTO,Lee Chen,,Fewer tools,https://www.linkedin.com/in/lee,lee@chen.example\n');
    expect(rows[0]!.input).toEqual({ name: 'Lee Chen', position: 'CTO', requirement: 'Fewer tools', linkedinUrl: 'https://www.linkedin.com/in/lee', websiteUrl: '', email: 'lee@chen.example' });
  });

  test('a row with an invalid email is rejected with its line number and the reason; the others are kept', () => {
    const csv = ['name,website,email', 'Ann,https://a.example,ann@a.example', 'Bob,https://b.example,not-an-email', 'Cy,https://c.example,cy@c.example'].join('\n');
    const { rows, rejected } = parseLeadCsv(csv);
    expect(rows.map((r) => [r.row, r.input.name])).toEqual([
      [2, 'Ann'],
      [4, 'Cy'],
    ]);
    expect(rejected).toEqual([{ row: 3, name: 'Bob', email: 'not-an-email', reason: expect.stringMatching(/^email: not a valid email address$/i) }]);
  });

  test('line numbers count blank lines (they are skipped, not numbered away)', () => {
    const { rows } = parseLeadCsv('name,website\n\nAnn,https://a.example\n\nBob,https://b.example\n');
    expect(rows.map((r) => r.row)).toEqual([3, 5]);
  });

  test('mixed line endings (a CRLF header, LF rows, or the reverse): every row is read, and numbered by its line', () => {
    const crlfHeader = parseLeadCsv('name,website\r\nAnn,https://a.example\nBob,https://b.example\nCy,https://c.example\r\n');
    expect(crlfHeader.rejected).toEqual([]);
    expect(crlfHeader.rows.map((r) => [r.row, r.input.name, r.input.websiteUrl])).toEqual([
      [2, 'Ann', 'https://a.example'],
      [3, 'Bob', 'https://b.example'],
      [4, 'Cy', 'https://c.example'],
    ]);
    const lfHeader = parseLeadCsv('name,website\nAnn,https://a.example\r\nBob,not a url\r\nCy,https://c.example\r\n');
    expect(lfHeader.rows.map((r) => [r.row, r.input.name])).toEqual([
      [2, 'Ann'],
      [4, 'Cy'],
    ]);
    expect(lfHeader.rejected.map((r) => [r.row, r.name])).toEqual([[3, 'Bob']]);
  });

  test('the same email twice in one file: the second is rejected, naming the first line (case-insensitive)', () => {
    const { rows, rejected } = parseLeadCsv('name,website,email\nAnn,https://a.example,ann@a.example\nAnnie,https://a.example,ANN@a.example\n');
    expect(rows).toHaveLength(1);
    expect(rejected).toEqual([{ row: 3, name: 'Annie', email: 'ann@a.example', reason: 'Duplicate email: already on line 2 of this file' }]);
  });

  test('leads without an email are fine (and never duplicates of each other)', () => {
    const { rows, rejected } = parseLeadCsv('name,linkedin_url\nAnn,https://www.linkedin.com/in/ann\nBob,https://www.linkedin.com/in/bob\n');
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.input.email)).toEqual(['', '']);
  });

  test('neither a LinkedIn nor a website URL → the source rule, word for word', () => {
    const { rows, rejected } = parseLeadCsv('name,linkedin_url,website_url,email\nZed,,,zed@z.example\n');
    expect(rows).toEqual([]);
    expect(rejected).toEqual([{ row: 2, name: 'Zed', email: 'zed@z.example', reason: LEAD_URL_REQUIRED }]);
    expect(LEAD_URL_REQUIRED).toBe('Either a LinkedIn URL or a website URL is required');
  });

  test('a bad URL and a missing name name their field', () => {
    const { rejected } = parseLeadCsv('name,website\n,https://a.example\nBob,not a url\n');
    expect(rejected.map((r) => [r.row, r.reason])).toEqual([
      [2, expect.stringMatching(/^name: give the lead a name$/i)],
      [3, expect.stringMatching(/^website ?url: not a valid URL, e\.g\. https:\/\/example\.com$/i)],
    ]);
  });

  test('no name column in the header → an invalid AppError that says what the header needs', () => {
    const attempt = () => parseLeadCsv('email,website\nann@a.example,https://a.example\n');
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (err) {
      expect(err).toMatchObject({ code: 'invalid', message: expect.stringMatching(/must name the columns, including "name"/), details: { fields: [{ path: 'csv' }] } });
    }
  });

  test('an empty file (or only blank lines) → an invalid AppError; a header alone imports nothing', () => {
    for (const csv of ['', '\n\n', '\uFEFF']) {
      expect(() => parseLeadCsv(csv)).toThrow(/empty/);
      try {
        parseLeadCsv(csv);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('invalid');
      }
    }
    expect(parseLeadCsv('name,website\n')).toEqual({ rows: [], rejected: [] });
  });

  test('broken CSV (an unclosed quote) is an invalid AppError, not a crash', () => {
    expect(() => parseLeadCsv('name,website\n"Ann,https://a.example\n')).toThrow(/not valid CSV/);
  });
});

describe('merge fields', () => {
  const values: MergeValues = { name: 'Dana Ruiz', position: '', websiteUrl: 'https://nordlys.example', linkedinUrl: '', senderName: 'Sam', senderCompany: 'Shipwise' };

  test('{{firstName}} and friends are filled from the lead', () => {
    expect(resolveMergeFields('Hi {{firstName}}, {{ name }} at {{website}}. {{senderName}} from {{ senderCompany }}', values)).toEqual({
      text: 'Hi Dana, Dana Ruiz at https://nordlys.example. Sam from Shipwise',
      unresolved: [],
    });
  });

  test('a known field with no value ({{ position }} empty) stays in the text and is unresolved', () => {
    expect(resolveMergeFields('As {{ position }} you know', values)).toEqual({ text: 'As {{ position }} you know', unresolved: ['{{position}}'] });
  });

  test('an unknown field such as {{company}} is unresolved', () => {
    expect(resolveMergeFields('How is {{company}} doing, {{firstName}}?', values)).toEqual({ text: 'How is {{company}} doing, Dana?', unresolved: ['{{company}}'] });
  });

  test('bracket placeholders a model leaves ([Your Name], [Company Name]) are unresolved; ordinary brackets are not', () => {
    const { unresolved } = resolveMergeFields('Best,\n[Your Name]\nP.S. [Company Name] rocks [sic] [1]', values);
    expect(unresolved).toEqual(['[Your Name]', '[Company Name]']);
  });

});

const NOW = new Date('2026-03-10T12:00:00.000Z');
const DAY = 86_400_000;
const ids = {
  campaign: '00000000-0000-4000-8000-00000000c001',
  step1: '00000000-0000-4000-8000-000000000501',
  step2: '00000000-0000-4000-8000-000000000502',
};
const leadId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function lead(n: number, over: Partial<Lead> = {}): Lead {
  return {
    id: leadId(n),
    version: 1,
    name: `Lead ${n}`,
    position: 'Head of Operations',
    requirement: '',
    linkedinUrl: 'https://www.linkedin.com/in/lead',
    websiteUrl: '',
    email: `lead${n}@example.com`,
    personaStatus: 'ready',
    persona: { title: 't', industry: 'i', painPoints: ['p'], priorities: ['q'], icebreakerHooks: [], openingLines: [], companyContext: '', keyTakeaways: '' },
    personaGeneratedAt: NOW.toISOString(),
    personaError: null,
    suppressed: false,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...over,
  };
}

function campaign(over: { steps?: Array<Partial<SequenceStep>>; sendCapPerMinute?: number; approvedAt?: string | null; goal?: string } = {}): Campaign {
  const steps: SequenceStep[] = (over.steps ?? [{}]).map((s, i) => ({
    id: i === 0 ? ids.step1 : ids.step2,
    position: i + 1,
    name: i === 0 ? 'First touch' : 'Follow-up',
    promptConfig: { instructions: '', tone: null },
    delayDays: 0,
    ...s,
  }));
  return {
    id: ids.campaign,
    version: 1,
    name: 'Spring',
    status: 'draft',
    promptContext: { productId: null, tone: 'friendly', goal: over.goal ?? 'Book a demo', callToAction: '', personaId: null, stageName: null },
    sendCapPerMinute: over.sendCapPerMinute ?? 30,
    steps,
    leadIds: [],
    emailsSent: 0,
    lastRunAt: null,
    approvedAt: over.approvedAt === undefined ? null : over.approvedAt,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

const preflight = (c: Campaign, step: SequenceStep, leads: Lead[], logs: StepLog[] = []) =>
  computePreflight({ campaign: c, step, leads, logs, transport: 'outbox', senderName: 'Sam', senderCompany: 'Shipwise', now: NOW });

describe('computePreflight', () => {
  test('no email and suppressed addresses are problems with their codes; the rest are sendable', () => {
    const c = campaign();
    const leads = [lead(1), lead(2, { email: '' }), lead(3, { suppressed: true }), lead(4)];
    const p = preflight(c, c.steps[0]!, leads);
    expect(p.problems.map((x) => [x.leadId, x.code])).toEqual([
      [leadId(2), 'no_email'],
      [leadId(3), 'suppressed'],
    ]);
    expect(p.problems[1]).toMatchObject({ name: 'Lead 3', email: 'lead3@example.com', reason: expect.stringMatching(/suppression list/) });
    expect(p).toMatchObject({ leads: 4, sendable: 2, sendableLeadIds: [leadId(1), leadId(4)], reopenLeadIds: [], transport: 'outbox', stepName: 'First touch' });
  });

  test('a lead who already got the step, is being sent it, or whose send was cut off is not sent again', () => {
    const c = campaign();
    const step = c.steps[0]!;
    const logs: StepLog[] = [
      { leadId: leadId(1), stepId: step.id, status: 'sent', sentAt: NOW },
      { leadId: leadId(2), stepId: step.id, status: 'outbox', sentAt: NOW },
      { leadId: leadId(3), stepId: step.id, status: 'sending', sentAt: null },
      { leadId: leadId(4), stepId: step.id, status: 'interrupted', sentAt: null },
    ];
    const p = preflight(c, step, [lead(1), lead(2), lead(3), lead(4), lead(5)], logs);
    expect(p.problems.map((x) => [x.leadId, x.code])).toEqual([
      [leadId(1), 'already_sent'],
      [leadId(2), 'already_sent'],
      [leadId(3), 'already_sent'],
      [leadId(4), 'already_sent'],
    ]);
    expect(p.problems[3]!.reason).toMatch(/cut off.*retry it from that run/);
    expect(p.sendableLeadIds).toEqual([leadId(5)]);
  });

  test('a failed or skipped send is sendable again and goes on the reopen list', () => {
    const c = campaign();
    const step = c.steps[0]!;
    const logs: StepLog[] = [
      { leadId: leadId(1), stepId: step.id, status: 'failed', sentAt: null },
      { leadId: leadId(2), stepId: step.id, status: 'skipped', sentAt: null },
    ];
    const p = preflight(c, step, [lead(1), lead(2), lead(3)], logs);
    expect(p.problems).toEqual([]);
    expect(p.sendableLeadIds).toEqual([leadId(1), leadId(2), leadId(3)]);
    expect(p.reopenLeadIds).toEqual([leadId(1), leadId(2)]);
  });

  test('a later step waits for the previous one and its delay, measured against `now`', () => {
    const c = campaign({ steps: [{}, { delayDays: 3 }] });
    const [first, second] = [c.steps[0]!, c.steps[1]!];
    const logs: StepLog[] = [
      { leadId: leadId(1), stepId: first.id, status: 'sent', sentAt: new Date(NOW.getTime() - 1 * DAY) }, // due in 2 days
      { leadId: leadId(2), stepId: first.id, status: 'outbox', sentAt: new Date(NOW.getTime() - 3 * DAY) }, // due exactly now
      { leadId: leadId(3), stepId: first.id, status: 'failed', sentAt: null }, // never got step 1
    ];
    const p = preflight(c, second, [lead(1), lead(2), lead(3), lead(4)], logs);
    expect(p.problems.map((x) => [x.leadId, x.code, x.reason])).toEqual([
      [leadId(1), 'too_early', 'Due on 2026-03-12 (3 days after "First touch").'],
      [leadId(3), 'too_early', 'Has not received "First touch" yet.'],
      [leadId(4), 'too_early', 'Has not received "First touch" yet.'],
    ]);
    expect(p.sendableLeadIds).toEqual([leadId(2)]);
  });

  test('merge fields in the step instructions or campaign text that a lead has no value for are unresolved_fields', () => {
    const c = campaign({ steps: [{ promptConfig: { instructions: 'Open with their {{position}}; mention {{firstName}}', tone: null } }] });
    const p = preflight(c, c.steps[0]!, [lead(1), lead(2, { position: '' })]);
    expect(p.problems).toEqual([
      { leadId: leadId(2), name: 'Lead 2', email: 'lead2@example.com', code: 'unresolved_fields', reason: expect.stringContaining('{{position}}') },
    ]);
    const unknown = campaign({ goal: 'Talk about {{company}}' });
    expect(preflight(unknown, unknown.steps[0]!, [lead(1)]).problems.map((x) => x.code)).toEqual(['unresolved_fields']);
    expect(preflight(unknown, unknown.steps[0]!, [lead(1)]).sendable).toBe(0);
  });

  test('projected minutes at the per-minute cap, approval needed until a first approval', () => {
    const c = campaign({ sendCapPerMinute: 2 });
    const p = preflight(c, c.steps[0]!, [lead(1), lead(2), lead(3)]);
    expect(p).toMatchObject({ sendable: 3, sendCapPerMinute: 2, projectedMinutes: 1.5, needsApproval: true, personasMissing: 0 });
    const approved = campaign({ approvedAt: NOW.toISOString() });
    expect(preflight(approved, approved.steps[0]!, [lead(1), lead(2, { persona: null })])).toMatchObject({ needsApproval: false, projectedMinutes: 0.1, personasMissing: 1 });
  });
});

describe('classifySendError', () => {
  test('a 4xx reply is retryable, a 5xx reply is permanent; both certainly not delivered', () => {
    expect(classifySendError(Object.assign(new Error('451 Try again later'), { responseCode: 451, code: 'EMESSAGE' }))).toEqual({
      message: expect.stringMatching(/try later.*451 Try again later/),
      retryable: true,
      outcomeUnknown: false,
    });
    expect(classifySendError(Object.assign(new Error('550 Mailbox unavailable'), { responseCode: 550, code: 'EENVELOPE' }))).toEqual({
      message: expect.stringMatching(/refused the message.*550 Mailbox unavailable/),
      retryable: false,
      outcomeUnknown: false,
    });
  });

  test('a connection that never opened is retryable; a line that dropped mid-conversation is outcome unknown', () => {
    expect(classifySendError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' }))).toMatchObject({ retryable: true, outcomeUnknown: false });
    expect(classifySendError(Object.assign(new Error('getaddrinfo ENOTFOUND smtp.nowhere'), { code: 'EDNS' }))).toMatchObject({ retryable: true, outcomeUnknown: false });
    expect(classifySendError(Object.assign(new Error('Invalid login: 535 nope'), { code: 'EAUTH' }))).toMatchObject({ retryable: false, outcomeUnknown: false, message: expect.stringMatching(/SMTP_URL/) });
    expect(classifySendError(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }))).toEqual({
      message: expect.stringMatching(/may or may not have been delivered/),
      retryable: false,
      outcomeUnknown: true,
    });
  });

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
    const email = composeEmail({ to: 'a@b.example', from: 'Sam <sam@shipwise.test>', subject: 'Hi', body: 'Hello', publicUrl: 'http://x.test', unsubscribeToken: 't', logId: 'log-1' });
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

describe('composeEmail', () => {
  const email = composeEmail({
    to: 'dana@nordlys.example',
    from: 'Dana from Shipwise <dana@shipwise.test>',
    subject: 'A quick idea',
    body: 'Hi Dana,\n\nShort note.\n\n',
    publicUrl: 'http://personaflow.test/',
    unsubscribeToken: 'tok_123',
    logId: '0b9c1b9e-3f1a-4c55-9a6e-0d2f8d7a1e11',
  });

  test('one-click unsubscribe headers (RFC 2369 / RFC 8058) and a footer link to the same URL', () => {
    expect(email.headers['List-Unsubscribe']).toBe('<http://personaflow.test/unsubscribe/tok_123>');
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.body).toBe('Hi Dana,\n\nShort note.\n\n--\nIf you would rather not hear from us again, unsubscribe here: http://personaflow.test/unsubscribe/tok_123\n');
  });

  test('the Message-ID comes from the send log id and the From domain, so every attempt of one send carries the same id', () => {
    expect(email.messageId).toBe('<0b9c1b9e-3f1a-4c55-9a6e-0d2f8d7a1e11@shipwise.test>');
    expect(email.headers['Message-ID']).toBe(email.messageId);
    const bare = composeEmail({ to: 'a@b.example', from: 'ops@mail.shipwise.test', subject: 's', body: 'b', publicUrl: 'http://x.test', unsubscribeToken: 't', logId: 'abc' });
    expect(bare.messageId).toBe('<abc@mail.shipwise.test>');
  });

  test('the outbox renders the RFC 5322 message with those headers', async () => {
    const mailer = createMailer({});
    if (mailer.mode !== 'outbox') throw new Error('expected outbox mode');
    const { raw, providerMessageId } = await mailer.render(email);
    mailer.close();
    expect(providerMessageId).toBe(email.messageId);
    // Long headers may be folded (RFC 5322 2.2.3): unfold before reading them.
    const head = raw.slice(0, raw.indexOf('\n\n')).replace(/\n[ \t]+/g, ' ');
    expect(head).toMatch(/^List-Unsubscribe: <http:\/\/personaflow\.test\/unsubscribe\/tok_123>$/m);
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(head).toMatch(/^Message-ID: <0b9c1b9e-3f1a-4c55-9a6e-0d2f8d7a1e11@shipwise\.test>$/m);
    expect(head).toMatch(/^To: dana@nordlys\.example$/m);
    expect(head).toMatch(/^Subject: A quick idea$/m);
    expect(raw).toContain('unsubscribe here: http://personaflow.test/unsubscribe/tok_123');
  });
});

describe('runView', () => {
  const at = new Date('2026-03-10T12:00:00.000Z');
  const run = (over: Partial<RunRow> = {}): RunRow => ({
    id: '00000000-0000-4000-8000-0000000000aa',
    campaignId: ids.campaign,
    stepId: ids.step1,
    status: 'completed',
    total: 2,
    leadIds: [leadId(1), leadId(2)],
    sendCapPerMinute: 30,
    transport: 'outbox',
    samples: [],
    approvedBy: 'Dana',
    approvedAt: at,
    approvalNote: 'Looks good',
    createdAt: at,
    finishedAt: at,
    ...over,
  });
  const leads = [
    { id: leadId(1), name: 'Ann', email: 'ann@a.example' },
    { id: leadId(2), name: 'Bob', email: 'bob@b.example' },
  ];

  test('"Sent 1/2" with one result per lead, the failure carrying its error and whether it can be retried', () => {
    const view = runView(run(), 'First touch', leads, [
      { leadId: leadId(1), status: 'outbox', error: null, retryable: false, toEmail: 'ann@a.example' },
      { leadId: leadId(2), status: 'failed', error: 'The mail server refused the message: 550', retryable: true, toEmail: 'bob@b.example' },
    ]);
    expect(view).toMatchObject({ summary: 'Sent 1/2', sent: 1, failed: 1, pending: 0, stepName: 'First touch', finishedAt: at.toISOString() });
    expect(view.results).toEqual([
      { success: true, leadId: leadId(1), name: 'Ann', email: 'ann@a.example', status: 'outbox', error: null, retryable: false },
      { success: false, leadId: leadId(2), name: 'Bob', email: 'bob@b.example', status: 'failed', error: 'The mail server refused the message: 550', retryable: true },
    ]);
    expect(view.approval).toEqual({ approvedBy: 'Dana', approvedAt: at.toISOString(), note: 'Looks good', sampleLeadIds: [] });
  });

  test('leads with no log yet are pending; waiting and rejected runs say so', () => {
    const view = runView(run({ status: 'running' }), 'First touch', leads, [{ leadId: leadId(1), status: 'sent', error: null, retryable: false, toEmail: 'ann@a.example' }]);
    expect(view).toMatchObject({ summary: 'Sent 1/2', sent: 1, failed: 0, pending: 1 });
    expect(view.results[1]).toMatchObject({ status: 'pending', success: false, retryable: false });
    expect(runView(run({ status: 'awaiting_approval', approvedBy: null, approvedAt: null }), 'x', leads, []).summary).toBe('Waiting for approval to send to 2');
    expect(runView(run({ status: 'rejected' }), 'x', leads, []).summary).toBe('Rejected: nothing was sent');
  });

  test('a deleted lead keeps its row in the results', () => {
    const view = runView(run(), 'First touch', [leads[0]!], [{ leadId: leadId(2), status: 'sent', error: null, retryable: false, toEmail: 'bob@b.example' }]);
    expect(view.results[1]).toMatchObject({ name: '(deleted lead)', email: 'bob@b.example', success: true });
  });
});
