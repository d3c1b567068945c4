import { describe, expect, it } from 'vitest';
import { briefOffline, chatOffline, toSecondPerson } from '../../models/offline-contact.js';

const product = { name: 'Shipwise Live', description: 'Live shipment tracking', valueProposition: 'See every truck and delay before customers call' };
const brief = (contact: Record<string, unknown>) => briefOffline({ contact, product, company: null, matches: [], stages: [] });

// A Dallas freight carrier, pasted the way people paste: a LinkedIn about, a website blurb, notes.
const freight = {
  name: 'Maria Gonzalez',
  title: 'VP Customer Operations',
  company: 'Lone Star Freight Lines',
  linkedinText:
    'VP Customer Operations @ Lone Star Freight Lines | 15 yrs in trucking\nOur service team spends half the day on "where is my truck" calls. Building a calmer customer desk, one lane at a time.',
  websiteText: 'Lone Star Freight Lines is an asset-based truckload carrier out of Dallas, TX. 180 trucks, 24/7 dispatch, about 350 employees.',
  notes: 'Met at the TMC show. CFO is sceptical of SaaS after a bad TMS rollout. They run 180 trucks; asked about pricing per truck.',
};

describe('meeting prep on the offline model', () => {
  it('a freight carrier is Logistics from its own words, and SaaS — which the notes doubt — is neither its industry nor a word to use', () => {
    const b = brief(freight);
    expect(b.whoTheyAre).toContain('Industry: Logistics (their company name says "Freight").');
    expect(b.whoTheyAre).not.toMatch(/Industry: SaaS/);
    expect(b.whoTheyAre).toContain('Company size: about 350 employees.');
    expect(b.wordsToUse.join(' ')).not.toMatch(/saas/i);
    expect(b.wordsToAvoid).toContain('SaaS');
  });

  it('finds the pain stated in the pasted text, whole, and says it back in their terms', () => {
    const b = brief(freight);
    expect(b.gaps.join(' ')).not.toMatch(/Nothing says what they struggle with/);
    expect(b.likelyPriorities[0]).toBe('“Our service team spends half the day on "where is my truck" calls” (their LinkedIn text)');
    expect(b.openingLine).toBe('Maria, I understand your service team spends half the day on "where is my truck" calls. Is that still the case?');
    expect(b.wordsToUse).toContain('"where is my truck" calls');
  });

  it('uses the notes: they appear in the brief, and a recorded doubt becomes the first objection to prepare for', () => {
    const b = brief(freight);
    expect(b.whoTheyAre).toContain('Your notes: “Met at the TMC show. CFO is sceptical of SaaS after a bad TMS rollout.');
    expect(b.objections[0]!.objection).toBe('CFO is sceptical of SaaS after a bad TMS rollout. (your notes)');
    expect(b.objections[0]!.response).toMatch(/^Do not lead with "SaaS": talk about the result for them/);
    expect(b.talkTrack).toContain('Meet the doubt head-on: “CFO is sceptical of SaaS after a bad TMS rollout”.');
  });

  it('reads "struggle with" as the problem itself, and bullet lists as separate statements', () => {
    const b = brief({
      name: 'Tom Becker',
      title: 'Head of Dispatch',
      company: 'Becker Haulage GmbH',
      linkedinText: '- We struggle with manual dispatch across three depots\n- Drivers cannot see load changes until they call in\n- Proud dad, cyclist',
    });
    expect(b.likelyPriorities).toEqual([
      'Fixing: manual dispatch across three depots',
      '“Drivers cannot see load changes until they call in” (their LinkedIn text)',
    ]);
    expect(b.openingLine).toBe('Tom, you mentioned manual dispatch across three depots: how are you handling that today?');
    expect(b.questionsToAsk[0]).toBe('How are you handling manual dispatch across three depots today, and what does it cost you?');
  });

  it('with no pain and no industry in the text, says so instead of inventing either', () => {
    const b = brief({ name: 'Priya Nair', title: 'COO', company: 'Nair & Co', linkedinText: 'COO. Ex-McKinsey. Love hiking and good coffee.' });
    expect(b.gaps).toContain('Nothing says what they struggle with: ask (see the questions below).');
    expect(b.gaps).toContain('Nothing says which industry they are in: check their website.');
    expect(b.whoTheyAre).toBe('Priya Nair, COO at Nair & Co.');
    expect(b.likelyPriorities).toEqual(['Unknown from their data: ask what is on their plate this quarter']);
  });

  it('a website pitch is not a pain, and an enrichment industry is taken as stated', () => {
    const b = brief({
      name: 'Lee Chan',
      title: 'Operations Manager',
      company: 'Harbor 3PL',
      websiteText: 'We help shippers avoid late deliveries with our platform.',
      enrichment: { organization: { industry: 'Logistics & Supply Chain', estimated_num_employees: 120 } },
    });
    expect(b.likelyPriorities).toEqual(['Unknown from their data: ask what is on their plate this quarter']);
    expect(b.whoTheyAre).toContain('Industry: Logistics & Supply Chain (their enrichment record).');
    expect(b.whoTheyAre).toContain('Company size: 120 employees.');
  });

  it('reports what the notes say of them in the second person: "she said x" is "you said x", and "our" in the notes stays the user\'s', () => {
    expect(toSecondPerson('he says their vans sit idle for hours', true)).toBe('you say your vans sit idle for hours');
    expect(toSecondPerson('Dana hates long onboarding, she has a lean team', true, 'Dana')).toBe('you hate long onboarding, you have a lean team');
    expect(toSecondPerson('referred by our partner; he always wants numbers', true)).toBe('referred by our partner; you always want numbers');
    const b = brief({
      name: 'Omar Haddad',
      title: 'Practice Manager',
      company: 'Cedar Vets',
      notes: 'he said missed vaccinations cost them a lot every month.',
    });
    expect(b.openingLine).toBe('Omar, you said missed vaccinations cost you a lot every month. Is that still the case?');
  });

  it('quotes a pain with no subject of its own instead of reporting it ungrammatically', () => {
    const b = brief({
      name: 'Ines Roth',
      title: 'Plant Manager',
      company: 'Roth Kunststoff',
      linkedinText: 'Currently fighting 9% rework on our molding lines.',
    });
    expect(b.openingLine).toBe('Ines, your LinkedIn profile says “Currently fighting 9% rework on our molding lines”: what does that look like day to day?');
  });

  it('a doubt in the notes is avoided as a whole phrase: up to a dash, never with a stray quote', () => {
    const b = brief({ name: 'Kay Lim', title: 'CIO', company: 'Acme', notes: "wary of 'blockchain' pitches - wants references." });
    expect(b.wordsToAvoid[0]).toBe('blockchain pitches');
  });

  it('turns first-person text to "you" but leaves quoted words as they were said', () => {
    expect(toSecondPerson('Our team spends half the day on "where is my truck" calls')).toBe('your team spends half the day on "where is my truck" calls');
    expect(toSecondPerson("I'm drowning in spreadsheets and we can't see our drivers")).toBe("you’re drowning in spreadsheets and you can't see your drivers");
    expect(toSecondPerson('Their dispatchers re-key every load', true)).toBe('your dispatchers re-key every load');
  });
});

describe('follow-up questions on the offline model', () => {
  const b = brief(freight) as unknown as Record<string, unknown>;

  it('answers a question about something the notes record, from the notes', () => {
    const a = chatOffline('What does their CFO think about SaaS?', b, freight);
    expect(a).toMatch(/^Your notes say “CFO is sceptical of SaaS after a bad TMS rollout\.”/);
    expect(a).toContain('To meet it: do not lead with "SaaS"');
  });

  it('answers a fact question from their own text', () => {
    expect(chatOffline('How many trucks do they run?', b, freight)).toMatch(/180 trucks/);
  });

  it('says plainly what is unknown instead of answering with an unrelated objection', () => {
    const a = chatOffline('Who is their current TMS vendor?', b, freight);
    expect(a).not.toMatch(/If they say/);
    expect(a).not.toMatch(/budget is frozen/i);
    const unknown = chatOffline('Do they have kids?', b, freight);
    expect(unknown).toMatch(/^Nothing in their LinkedIn text, website or your notes answers that/);
  });

  it('an objection question gets the matching objection, not the first one', () => {
    expect(chatOffline('What if they say they already have a tool for this?', b, freight)).toMatch(
      /^If they say "We already have a tool for this\.": Ask what it does not do/,
    );
    expect(chatOffline('What if they say the budget is frozen?', b, freight)).toMatch(/^If they say "The budget is frozen\.":/);
  });

  it('answers security, IT, timing and budget questions from the notes that speak to them, or says they do not', () => {
    const fleet = {
      name: 'Sven Olsen',
      title: 'Head of Fleet',
      company: 'Nordic Haul AS',
      linkedinText: 'Our drivers lose an hour a day to paperwork.',
      notes:
        'Legal insists on ISO 27001 certification. Their telematics deal with Webfleet renews in March. Servers must stay in their own data centre, no public cloud. Budget is capped at 20k for year one.',
    };
    const fb = brief(fleet) as unknown as Record<string, unknown>;
    expect(chatOffline('Anything I should know about security?', fb, fleet)).toMatch(/^Your notes say “Legal insists on ISO 27001 certification\.”/);
    expect(chatOffline('Will their IT object to anything?', fb, fleet)).toMatch(/no public cloud/);
    // "it" the pronoun is no question about IT.
    expect(chatOffline('Is it worth a second call?', fb, fleet)).not.toMatch(/no public cloud/);
    expect(chatOffline('When is the right moment to close?', fb, fleet)).toMatch(/renews in March/);
    expect(chatOffline('How much can they spend?', fb, fleet)).toMatch(/capped at 20k/);
    expect(chatOffline('Do they have security requirements?', b, freight)).toMatch(
      /^Nothing in their LinkedIn text, website or your notes says anything on security\./,
    );
  });

  it('answers "what angle" from the pains in the brief and what the notes say they want', () => {
    const clinic = {
      name: 'Ada Park',
      title: 'COO',
      company: 'Park Dental',
      websiteText: 'Our hygienists spend hours chasing recall patients.',
      notes: 'hates long demos.',
    };
    const a = chatOffline('Best angle for this call?', brief(clinic) as unknown as Record<string, unknown>, clinic);
    expect(a).toMatch(/^Lead with what their data says hurts: “Our hygienists spend hours chasing recall patients”/);
    expect(a).toContain('Mind what your notes say: “hates long demos.”');
  });

  it('routes opening, pains and tone questions to the brief', () => {
    expect(chatOffline('How should I open the call?', b, freight)).toContain(String(b.openingLine));
    expect(chatOffline('What are they struggling with?', b, freight)).toMatch(/where is my truck/);
    expect(chatOffline('What words should I avoid?', b, freight)).toMatch(/Avoid: SaaS/);
  });

  it('the industry a company sells to is not its own: "sells ovens to restaurants" says nothing of Hospitality', () => {
    const dealer = { name: 'Tom Reyes', title: 'Sales Director', company: 'OvenPro', websiteText: 'OvenPro sells commercial ovens to restaurants and hotels.' };
    expect(brief(dealer).whoTheyAre).not.toMatch(/Industry:/);
    const insurer = { name: 'Ana Ruiz', title: 'COO', company: 'ClaimNest', websiteText: 'ClaimNest is the insurer for independent dental clinics.' };
    expect(brief(insurer).whoTheyAre).toContain('Industry: Insurance');
    // Working "for" a hospital group is no sale to one.
    const nurse = { name: 'Lee Kim', title: 'VP Operations', company: 'Mercy', linkedinText: 'VP Operations for Mercy Hospitals, Ohio.' };
    expect(brief(nurse).whoTheyAre).toContain('Industry: Healthcare');
  });

  it('"who signs off?" is answered from the notes when they name the approver; a goal is asked about what stands in its way', () => {
    const plant = {
      name: 'Jo Park',
      title: 'Head of Maintenance',
      company: 'Ridge Foods',
      linkedinText: 'Current focus: getting unplanned downtime under 2%.',
      notes: 'Plant GM (Dana) signs off on anything over $20k.',
    };
    const b = brief(plant);
    expect(chatOffline('who actually signs off on this?', b as unknown as Record<string, unknown>, plant)).toContain(
      'Plant GM (Dana) signs off on anything over $20k.',
    );
    expect(b.questionsToAsk[0]).toBe('You said “getting unplanned downtime under 2%”: what stands in the way today, and what does it cost you?');
  });
});
