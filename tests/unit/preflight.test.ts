import { describe, expect, test } from 'vitest';
import { computePreflight, type StepLog } from '../../campaigns/preflight.js';
import type { Campaign, SequenceStep } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';
import { campaign, DAY, lead, leadId, NOW } from '../helpers/campaign-fixtures.js';

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
    expect(p).toMatchObject({
      leads: 4,
      sendable: 2,
      sendableLeadIds: [leadId(1), leadId(4)],
      reopenLeadIds: [],
      transport: 'outbox',
      stepName: 'First touch',
    });
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
    expect(preflight(approved, approved.steps[0]!, [lead(1), lead(2, { persona: null })])).toMatchObject({
      needsApproval: false,
      projectedMinutes: 0.1,
      personasMissing: 1,
    });
  });
});
