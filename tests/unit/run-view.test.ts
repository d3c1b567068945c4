import { describe, expect, test } from 'vitest';
import type { CampaignRunRecord } from '../../campaigns/ports.js';
import { runView } from '../../campaigns/run-view.js';
import { ids, leadId } from '../helpers/campaign-fixtures.js';

describe('runView', () => {
  const at = new Date('2026-03-10T12:00:00.000Z');
  const run = (over: Partial<CampaignRunRecord> = {}): CampaignRunRecord => ({
    id: '00000000-0000-4000-8000-0000000000aa',
    workspaceId: '00000000-0000-4000-8000-0000000000ff',
    campaignId: ids.campaign,
    stepId: ids.step1,
    status: 'completed',
    total: 2,
    leadIds: [leadId(1), leadId(2)],
    sendCapPerMinute: 30,
    transport: 'outbox',
    samples: [],
    interrupt: null,
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

  test('"Stored 1/2 in the outbox — not sent" in outbox mode, one result per lead, the failure carrying its error and whether it can be retried', () => {
    const view = runView(run(), 'First touch', leads, [
      { leadId: leadId(1), status: 'outbox', error: null, retryable: false, toEmail: 'ann@a.example' },
      { leadId: leadId(2), status: 'failed', error: 'The mail server refused the message: 550', retryable: true, toEmail: 'bob@b.example' },
    ]);
    expect(view).toMatchObject({
      summary: 'Stored 1/2 in the outbox — not sent',
      sent: 1,
      failed: 1,
      pending: 0,
      stepName: 'First touch',
      finishedAt: at.toISOString(),
    });
    expect(view.results).toEqual([
      { success: true, leadId: leadId(1), name: 'Ann', email: 'ann@a.example', status: 'outbox', error: null, retryable: false },
      {
        success: false,
        leadId: leadId(2),
        name: 'Bob',
        email: 'bob@b.example',
        status: 'failed',
        error: 'The mail server refused the message: 550',
        retryable: true,
      },
    ]);
    expect(view.approval).toEqual({ approvedBy: 'Dana', approvedAt: at.toISOString(), note: 'Looks good', sampleLeadIds: [] });
  });

  test('leads with no log yet are pending; waiting and rejected runs say so', () => {
    const view = runView(run({ status: 'running', transport: 'smtp' }), 'First touch', leads, [
      { leadId: leadId(1), status: 'sent', error: null, retryable: false, toEmail: 'ann@a.example' },
    ]);
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
