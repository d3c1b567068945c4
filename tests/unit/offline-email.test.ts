import { describe, expect, it } from 'vitest';
import { emailDraftOffline, leadPersonaOffline, needsOf, punctuated } from '../../models/offline-lead.js';

const lead = { name: 'Jane Doe', position: 'Head of Operations', requirement: 'wants live driver tracking', websiteUrl: 'https://lonestar-freight.com' };
const product = { name: 'Shipwise Live', valueProposition: 'See every truck and delay before customers call' };
const draft = (tone: string, instructions = '', campaign: Record<string, unknown> | null = null, l: Record<string, unknown> = lead) =>
  emailDraftOffline({
    tone,
    senderName: 'Dana',
    lead: l,
    persona: leadPersonaOffline(l),
    company: { name: 'Shipwise' },
    product,
    campaign,
    stage: null,
    instructions,
  });

describe('offline email drafts', () => {
  it('turns a requirement into a noun phrase, a clause or a quote, never "looking for wants …"', () => {
    expect(needsOf('wants live driver tracking')).toEqual([{ kind: 'phrase', text: 'live driver tracking', verb: 'looking for' }]);
    expect(needsOf('to cut ETA calls')[0]!.text).toBe('a way to cut ETA calls');
    expect(needsOf('drivers keep calling dispatch for ETAs')[0]!.kind).toBe('clause');
    expect(needsOf('asked about pricing for 50 trucks')[0]).toMatchObject({ text: 'pricing for 50 trucks', verb: 'asked about' });
    expect(needsOf('Live tracking; fewer "where is my truck" calls').map((n) => n.text)).toEqual(['live tracking', 'fewer "where is my truck" calls']);
    const body = draft('friendly').body;
    expect(body).toContain("You mentioned you're looking for live driver tracking, so I thought I'd reach out.");
    expect(body).not.toMatch(/looking for wants/);
    expect(draft('friendly', '', null, { ...lead, requirement: 'drivers keep calling dispatch for ETAs' }).body).toContain(
      'You mentioned that drivers keep calling dispatch for ETAs',
    );
  });

  it('follows the step: its call length over the campaign’s, its mention, a punctuated call to action', () => {
    const campaign = { name: 'Q1', goal: 'book a 20-minute demo', callToAction: 'Book a 20-minute call with me', step: 'First touch' };
    const d = draft('friendly', 'Ask for a 15-minute call. Mention our free 30-day pilot.', campaign);
    // The step asks for a call; the campaign's call to action is how to ask, at the step's length.
    expect(d.body).toContain('Book a 15-minute call with me. No pressure either way.');
    expect(d.body).toContain('Also worth knowing: our free 30-day pilot.');
    expect(draft('friendly', 'Ask for a 15-minute call.').body).toContain('Would a 15-minute call next week be useful?');
    expect(d.body).not.toMatch(/20-minute/);
    const cta = draft('formal', 'Keep the call to 15 minutes.', campaign).body;
    expect(cta).toContain('Book a 15-minute call with me. I would be glad to work around your schedule.');
    expect(punctuated('Would Tuesday work')).toBe('Would Tuesday work?');
    expect(punctuated('Reply with a time that suits you')).toBe('Reply with a time that suits you.');
    expect(draft('direct', 'no call, just ask if it is relevant').body).toContain('Is this a priority for you right now?');
  });

  it('reads "is looking to …" and verb-first requirements as "a way to …", a quoted closing line as the call to action', () => {
    expect(needsOf('is looking to reduce no-shows')[0]!.text).toBe('a way to reduce no-shows');
    expect(needsOf('track reefer temperatures across 40 trailers')[0]!.text).toBe('a way to track reefer temperatures across 40 trailers');
    expect(needsOf('live driver tracking')[0]!.text).toBe('live driver tracking');
    expect(draft('direct', "Close with: 'Free for 10 minutes on Friday?'").body).toContain('Free for 10 minutes on Friday?');
  });

  it('reads a verb the parser takes for a noun ("cut no-shows"), "needs X to do Y", and a measure as a target or a change', () => {
    expect(needsOf('trim overtime hours at both depots')[0]!.text).toBe('a way to trim overtime hours at both depots');
    expect(needsOf('cut returns on the spring range')[0]!.text).toBe('a way to cut returns on the spring range');
    expect(needsOf('needs drivers to confirm pickups')[0]!.text).toBe('a way to get drivers to confirm pickups');
    expect(needsOf('wants churn under 5%')[0]!.text).toBe('a way to get churn under 5%');
    expect(needsOf('conversion down 12% since the redesign')[0]).toMatchObject({ kind: 'clause', text: 'conversion is down 12% since the redesign' });
    expect(needsOf('route optimisation')[0]!.text).toBe('route optimisation');
    const d = draft('friendly', '', null, { ...lead, requirement: 'trim overtime hours at both depots' });
    expect(d.subject).toBe('An idea to trim overtime hours at both depots');
  });

  it('a mention the instructions forbid is not said, nor is any line that names it', () => {
    const d = draft('friendly', 'Mention our free pilot. Never mention the discount. Keep it brief.');
    expect(d.body).toContain('Also worth knowing: our free pilot.');
    expect(d.body).not.toMatch(/discount/i);
    const p = emailDraftOffline({
      tone: 'direct',
      senderName: 'Dana',
      lead,
      persona: leadPersonaOffline(lead),
      company: null,
      product: { name: 'Shipwise Live', valueProposition: 'Live tracking at a price per truck' },
      campaign: null,
      stage: null,
      instructions: "Don't mention price at all.",
    });
    expect(p.body).not.toMatch(/\bprice\b/i);
  });

  it('a mention the email already makes is folded in, not repeated as a bare word', () => {
    const body = draft('direct', 'Mention driver tracking.').body;
    expect(body.match(/driver tracking/g)).toHaveLength(1);
  });

  it('shares a link the instructions ask to share, whole, at the end of its sentence', () => {
    for (const tone of ['friendly', 'formal', 'direct', 'playful']) {
      const body = draft(tone, 'Share the ROI sheet https://acme.example.com/roi?src=mail. No call.').body;
      expect(body).toMatch(/ROI sheet[^\n]*: https:\/\/acme\.example\.com\/roi\?src=mail\n/);
    }
  });

  it('content the instructions ask to share, include or attach without a link is named in every tone; "don\'t share" is not', () => {
    for (const tone of ['friendly', 'formal', 'direct', 'playful']) {
      expect(draft(tone, 'Keep it short. Just include our fleet-savings one-pager this time.').body).toContain('fleet-savings one-pager');
      expect(draft(tone, "Don't share the pricing sheet yet.").body).not.toContain('pricing sheet');
    }
    const linked = draft('direct', 'Share the ROI checklist: https://example.com/roi.').body;
    expect(linked.match(/ROI checklist/gi)).toHaveLength(1);
  });

  it('a follow-up to an event follows up on the event, said to them', () => {
    const body = draft('friendly', 'Follow-up to the pricing workshop he joined. Max 90 words.').body;
    expect(body).toContain('Just following up on the pricing workshop you joined.');
    expect(body).not.toContain('my last note');
    expect(draft('friendly', 'Follow up after 3 days.').body).toContain('Just following up on my last note.');
    // The call to action already carries the link: not shared twice.
    const once = draft('friendly', 'Include the booking link https://cal.example.com/dana. CTA: Pick a time at https://cal.example.com/dana').body;
    expect(once.match(/cal\.example\.com/g)).toHaveLength(1);
  });

  it("says the lead's own things to them, and keeps ours as written", () => {
    expect(draft('friendly', 'Mention their check-call problem.').body).toContain("I'd love to hear how you handle your check-call problem today.");
    const fact = draft('direct', 'Mention our case study with Red River (they cut check calls by 40%).').body;
    expect(fact).toContain('Also: our case study with Red River (they cut check calls by 40%).');
  });

  it('puts one blank line between paragraphs, never two and never by accident', () => {
    const body = draft('friendly', 'Keep it short.').body;
    expect(body).not.toMatch(/\n\n\n/);
    expect(body.split('\n\n').length).toBeGreaterThanOrEqual(4);
  });

  it('never invents a call length', () => {
    expect(draft('friendly').body).toContain('Would a short call next week be useful?');
  });

  it('subjects fit in 60 characters without "…", even for a long requirement', () => {
    const long = { ...lead, requirement: 'a single place to see every driver, every load, every delay and every customer ETA across all our depots' };
    for (const tone of ['friendly', 'formal', 'direct', 'playful']) {
      const { subject } = draft(tone, '', null, long);
      expect(subject.length).toBeLessThanOrEqual(60);
      expect(subject).not.toMatch(/…/);
    }
    expect(draft('friendly', '', null, long).subject).toBe('An idea for Jane');
  });

  it('tones differ in wording throughout: opening, body and ask, not only greeting and sign-off', () => {
    const bodies = ['friendly', 'formal', 'direct', 'playful'].map((t) => draft(t).body.split('\n').slice(1, -2));
    for (let line = 0; line < bodies[0]!.length; line++) {
      if (!bodies[0]![line]) continue;
      expect(new Set(bodies.map((b) => b[line])).size).toBe(4);
    }
  });

  it('every personal claim names the lead field it rests on, quoting it', () => {
    const d = draft('direct');
    expect(d.personalDetails[0]).toEqual({
      claim: "You're looking for live driver tracking.",
      source: 'lead.requirement',
      quote: 'wants live driver tracking',
    });
    expect(leadPersonaOffline(lead).industry).toBe('Logistics');
    expect(leadPersonaOffline({ name: 'Sam', position: 'CFO', requirement: '', websiteUrl: 'https://acme.io' }).industry).toBe(
      'Not stated in the lead’s record',
    );
  });
});
