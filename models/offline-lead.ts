import nlp from 'compromise';
import { jobFunctionOf } from '../lib/job-title.js';
import type { LeadPersona } from '../schemas/lead.js';
import { capitalise, cleanValue, industryIn, lowerFirst, splitList, whole, withoutFillers } from './offline-text.js';
import { quotableSentences, researchText, siteQuotes, siteTitle } from './offline-research.js';

// Offline rules for the lead persona and email drafting prompts: everything said about the
// lead comes from its record or its website research (quoted), the rest is labelled as typical of
// the role. Templates
// take noun phrases: a requirement typed as a clause ("wants live driver tracking") is turned
// into one ("live driver tracking"), reported as a clause, or quoted — never pasted in raw.

type Rec = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const arr = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);

/** "https://www.acme-robotics.io/about" → { host: "acme-robotics.io", name: "Acme Robotics" } */
export function companyFromUrl(url: string): { host: string; name: string } | null {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    if (/linkedin\.com$/.test(host)) return null;
    // An address names no company.
    if (/^[\d.]+$|^\[/.test(host)) return { host, name: host };
    const base = host.split('.').slice(0, -1).join(' ') || host;
    const name = base
      .split(/[-_ .]+/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(' ');
    return { host, name };
  } catch {
    return null;
  }
}

const TYPICAL: Record<string, { pains: string[]; priorities: string[]; approach: string }> = {
  sales: {
    pains: ['Low reply rates on outbound', 'Reps spending hours on research instead of selling', 'A pipeline that is hard to forecast'],
    priorities: ['Hitting the quarter’s number', 'Ramping new reps quickly', 'Better-qualified pipeline'],
    approach: 'Lead with pipeline and time saved; keep it short and concrete.',
  },
  marketing: {
    pains: ['Proving which channels drive pipeline', 'Too many tools and not enough time', 'Content that does not convert'],
    priorities: ['Pipeline they can attribute', 'Doing more with the same team', 'A clear message per segment'],
    approach: 'Lead with measurable pipeline impact and a concrete example.',
  },
  engineering: {
    pains: ['Time lost to maintenance and glue code', 'Tools that do not fit their stack', 'Hiring is slow'],
    priorities: ['Shipping faster', 'Reliability', 'Keeping the team focused'],
    approach: 'Be technical and specific; offer docs or a trial rather than a call.',
  },
  operations: {
    pains: ['Manual work and spreadsheets', 'Delays they only hear about late', 'Processes that do not scale'],
    priorities: ['Fewer manual steps', 'Visibility across the operation', 'Predictable costs'],
    approach: 'Talk about hours saved and fewer surprises.',
  },
  finance: {
    pains: ['Slow month-end close', 'Spend they cannot see early', 'Manual reconciliation'],
    priorities: ['Accurate forecasts', 'Cost control', 'Audit-ready processes'],
    approach: 'Quantify cost and risk; be precise.',
  },
  leadership: {
    pains: ['Growth that depends on them personally', 'Too little time for strategy', 'Teams pulling in different directions'],
    priorities: ['Growing revenue efficiently', 'Hiring the right people', 'Focus'],
    approach: 'Be brief and outcome-led; one clear ask.',
  },
};
const GENERIC = {
  pains: ['Not enough time for everything on their plate', 'Tools that do not talk to each other', 'Hard to show results quickly'],
  priorities: ['Clear, quick wins', 'Less manual work', 'Growing without adding headcount'],
  approach: 'Keep it short, relevant to what they asked for, with one clear next step.',
};

/** What a lead's requirement asks for, in a form a sentence can hold. */
export type Need = {
  /** phrase: a noun phrase ("live driver tracking"); quote: unsure, so quoted; clause: a statement ("drivers keep calling dispatch"). */
  kind: 'phrase' | 'quote' | 'clause';
  text: string;
  /** How they put it: looking for it, or asked about it. */
  verb: 'looking for' | 'asked about';
};

const WANT =
  /^(?:(?:they|he|she|we|i|the team|their team|the client|the customer|client|customer)\s+)?(?:(?:is|are|am|was|were)\s+)?(?:(?:really|mainly|mostly|also|urgently|desperately)\s+)?(wants?|wanted|needs?|needed|looking for|looks for|looking to|hoping to|trying to|aiming to|seeking|seeks|searching for|interested in|keen on|asked (?:about|for)|asking (?:about|for)|would like|requires?|required|after|evaluating|exploring)\s+(.+)$/i;
const PHRASE_START = /^(?:a|an|the|some|more|better|fewer|less|faster|cheaper|one|two|three|any|their|its|[0-9])\b/i;

// "ROAS down ~30%", "scrap below 1%": a measure and where it stands or should go.
const MEASURE_AT =
  /^(.+?)\s+((?:is|are)\s+)?(down|up|below|under|above|over)\s+(?:~|about |around |roughly )?[$€£]?\d[\d.,]*\s*(?:%|percent|k\b|x\b|points?|days?|hours?|weeks?|minutes?)/i;
// "… since the iOS changes": a change that has happened, not a target.
const SINCE = /\b(?:since|after|over the (?:last|past)|in the (?:last|past)|compared to|vs\.? last|year[- ]on[- ]year|yoy)\b/i;

/** "scrap below 1%" wanted is "a way to get scrap below 1%"; "ROAS down ~30% since …" is a statement: "ROAS is down ~30% since …". */
function measureNeed(text: string, wanted: boolean, verb: Need['verb']): Need | undefined {
  const m = MEASURE_AT.exec(text);
  if (!m || m[2] || isClause(m[1]!) || opensWithVerb(text)) return undefined;
  if (!wanted && SINCE.test(text)) {
    const plural = (nlp(m[1]!).terms().json() as Array<{ terms: Array<{ tags: string[] }> }>).at(-1)?.terms[0]?.tags.includes('Plural');
    return { kind: 'clause', text: `${lowerFirst(m[1]!)} ${plural ? 'are' : 'is'} ${lowerFirst(text.slice(m[1]!.length + 1))}`, verb };
  }
  return { kind: 'phrase', text: `a way to get ${lowerFirst(text)}`, verb };
}
const isClause = (words: string) => /^(?:i|we|they|he|she|it|you)\b/i.test(words) || nlp(words).has('#Verb');

const tagsOf = (text: string) => (nlp(text).terms().json() as Array<{ terms: Array<{ tags: string[] }> }>).map((t) => t.terms[0]?.tags ?? []);

/** "track reefer temperatures …", "cut no-shows …": what they want to do, read with "to" before it. */
function opensWithVerb(text: string): boolean {
  const tags = tagsOf(text);
  const is = (i: number, tag: string) => tags[i]?.includes(tag) ?? false;
  const toTags = tagsOf(`to ${text}`);
  // A lone singular noun before a verb ("track reefer") is no subject: read with "to", it is a verb.
  // "cut no-shows": a word the parser reads as a noun alone but as a verb after "to", followed by its object.
  const objectNext = (toTags[2] ?? []).some((t) => t === 'Plural' || t === 'Determiner' || t === 'Expression' || t === 'Possessive');
  const verbFirst =
    (is(0, 'Verb') && !is(0, 'Gerund')) ||
    (is(0, 'Singular') && !is(0, 'ProperNoun') && is(1, 'Verb')) ||
    (is(0, 'Singular') && !is(0, 'ProperNoun') && !is(0, 'Acronym') && objectNext);
  return verbFirst && (toTags[1] ?? []).includes('Infinitive');
}

function needOf(item: string): Need | undefined {
  let text = withoutFillers(item);
  if (!text) return undefined;
  let verb: Need['verb'] = 'looking for';
  let stripped = false;
  const m = WANT.exec(text);
  if (m) {
    stripped = true;
    if (/^ask/i.test(m[1]!)) verb = 'asked about';
    // "is looking to reduce no-shows": what they want is a way to do it.
    text = /\bto$/i.test(m[1]!) ? `to ${cleanValue(m[2]!)}` : cleanValue(m[2]!);
  }
  if (/^to\s+\w/i.test(text)) return { kind: 'phrase', text: `a way ${lowerFirst(text)}`, verb };
  // "needs associates to log time": what they want is a way to get them to.
  const someoneTo = /^((?:the |our |their |his |her |all )?[\w-]+(?: [\w-]+)?) to (\w+)\b/i.exec(text);
  const firstTags = (nlp(text).terms().json() as Array<{ terms: Array<{ tags: string[] }> }>)[0]?.terms[0]?.tags ?? [];
  if (stripped && someoneTo && firstTags.includes('Noun') && !firstTags.includes('Pronoun') && nlp(`to ${someoneTo[2]}`).has('#Infinitive'))
    return { kind: 'phrase', text: `a way to get ${lowerFirst(text)}`, verb };
  const measure = measureNeed(text, stripped, verb);
  if (measure) return measure;
  if (PHRASE_START.test(text)) return { kind: 'phrase', text: lowerFirst(text), verb };
  // A statement has a subject and its verb before any preposition: "drivers keep calling dispatch".
  const terms = nlp(text).terms().json() as Array<{ terms: Array<{ tags: string[] }> }>;
  const tags = terms.map((t) => t.terms[0]?.tags ?? []);
  const is = (i: number, tag: string) => tags[i]?.includes(tag) ?? false;
  if (is(0, 'Pronoun')) return { kind: 'clause', text: lowerFirst(text), verb };
  if (opensWithVerb(text)) return { kind: 'phrase', text: `a way to ${lowerFirst(text)}`, verb };
  for (let i = 1; i < Math.min(tags.length, 4); i++) {
    if (is(i, 'Preposition') || is(i, 'Conjunction')) break;
    if (is(i, 'Verb') && !is(i, 'Gerund') && !is(i, 'Participle') && (is(i - 1, 'Noun') || is(i - 1, 'Adverb')))
      return { kind: 'clause', text: lowerFirst(text), verb };
  }
  if (!stripped && is(0, 'Verb') && !is(0, 'Gerund')) return { kind: 'quote', text, verb };
  return { kind: 'phrase', text: lowerFirst(text), verb };
}

/** The lead's requirement as needs, one per item the person listed ("live tracking; fewer ETA calls"). */
export function needsOf(requirement: string): Need[] {
  const r = cleanValue(requirement);
  if (!r) return [];
  const items = /[;\n]|\.\s/.test(r) ? splitList(r) : [r];
  return items.map(needOf).filter((n): n is Need => n !== undefined && n.text.length > 2);
}

/** The need as the object of "looking for" / "asked about". */
const needPhrase = (n: Need) => (n.kind === 'quote' ? `"${n.text}"` : n.text);
const article = (s: string) => (/^[aeiou]/i.test(s) ? 'an' : 'a');

export function leadPersonaOffline(lead: Rec, research: Rec | null = null): LeadPersona {
  const name = str(lead.name);
  const position = str(lead.position);
  const requirement = cleanValue(str(lead.requirement));
  const site = companyFromUrl(str(lead.websiteUrl));
  const fn = jobFunctionOf(position);
  const typical = (fn && TYPICAL[fn]) || GENERIC;
  const quotes = siteQuotes(research);
  const what = quotes.find((q) => q.kind === 'home') ?? quotes.find((q) => q.kind === 'about');
  const customers = quotes.find((q) => q.kind === 'customers');
  const profile = quotableSentences(str(lead.linkedinText), 1)[0];
  const haystack = [requirement, position, site?.name ?? '', profile ?? '', researchText(research)].filter(Boolean).join('. ');
  const industry = industryIn(haystack)?.industry ?? 'Not stated in the lead’s record';
  const needs = needsOf(requirement);
  const needPains = needs.slice(0, 2).map((n) => (n.kind === 'clause' ? capitalise(n.text) : `Needs ${needPhrase(n)}`));
  const first = needs[0];
  const host = site?.host ?? (what ? companyFromUrl(what.url)?.host : undefined);
  const hooks = [
    requirement && `They are looking for: "${requirement}"`,
    what && `Their website says: "${what.sentence}"`,
    customers && `Their customers page says: "${customers.sentence}"`,
    profile && `Their LinkedIn profile says: "${profile}"`,
    !what && site && `Their website, ${site.host}`,
    position && `Their role as ${position}`,
  ].filter(Boolean) as string[];
  const openingLines = [
    first && whole(first.text, 140)
      ? first.kind === 'clause'
        ? `You mentioned that ${first.text}.`
        : first.verb === 'asked about'
          ? `You asked about ${needPhrase(first)}.`
          : `You mentioned you are looking for ${needPhrase(first)}.`
      : '',
    what && host && `I read this on ${host}: "${what.sentence}"`,
    !what && site && `I was on ${site.host} and had a thought about ${site.name}.`,
    position && `As ${article(position)} ${position}, you probably have more on your plate than time for it.`,
  ].filter(Boolean) as string[];
  // The site's own title names the company best ("Nordlys Logistics | Cold chain" → "Nordlys Logistics").
  const companyName = siteTitle(research) ?? site?.name ?? 'Their company';
  const companyContext = what
    ? [
        `${companyName}${site && site.host !== companyName ? ` (${site.host})` : ''}, in its own words: "${what.sentence}"`,
        customers && `Its customers page: "${customers.sentence}"`,
      ]
        .filter(Boolean)
        .join(' ')
    : site
      ? `${site.name} (${site.host}); the record says nothing more about the company.`
      : 'The record has no company website; only the LinkedIn profile is known.';
  return {
    title: position ? `${position}${site ? ` at ${site.name}` : ''}` : `${name || 'Lead'}${site ? ` at ${site.name}` : ''}`,
    industry,
    painPoints: [...needPains, ...typical.pains].slice(0, 4),
    priorities: typical.priorities,
    icebreakerHooks: hooks.length ? hooks.slice(0, 4) : [`Their name, ${name}`],
    openingLines: openingLines.length ? openingLines.slice(0, 3) : [`I came across your profile and wanted to reach out.`],
    companyContext,
    keyTakeaways: `${position || 'This lead'}: ${typical.approach}`,
  };
}

type Tone = 'friendly' | 'formal' | 'direct' | 'playful';

// Each tone in its own words, from the greeting to the ask: not the same email with a new hello.
const VOICE: Record<
  Tone,
  {
    hello: (first: string, full: string) => string;
    bye: string;
    followUp: string;
    /** Following up on something that happened ("the webinar you attended"), not on an email. */
    followUpOn: (what: string) => string;
    lookingFor: (np: string) => string;
    askedAbout: (np: string) => string;
    said: (clause: string) => string;
    site: (host: string, name: string) => string;
    /** A sentence from their website, quoted whole. */
    read: (host: string, quote: string) => string;
    role: (position: string) => string;
    pain: (pain: string) => string;
    value: (product: string, value: string) => string;
    /** Something of theirs to bring up ("your check-call problem"). */
    discuss: (topic: string) => string;
    /** Something of ours, or a fact, to add ("our free 30-day pilot", "we integrate with Samsara"). */
    mention: (fact: string) => string;
    /** A link the instructions ask to share, kept whole at the end of its sentence. */
    share: (what: string, url: string) => string;
    /** Something the instructions ask to share with no link ("the customs-hold case study"): named, for the sender to attach. */
    pass: (what: string) => string;
    ask: (np: string) => string;
    askTo: (vp: string) => string;
    noCall: string;
    ctaTail: string;
  }
> = {
  friendly: {
    hello: (f) => `Hi ${f},`,
    bye: 'Cheers,',
    followUp: 'Just following up on my last note.',
    followUpOn: (w) => `Just following up on the ${w}.`,
    lookingFor: (np) => `You mentioned you're looking for ${np}, so I thought I'd reach out.`,
    askedAbout: (np) => `You asked about ${np}, so I thought I'd reach out.`,
    said: (c) => `You mentioned that ${c}, so I thought I'd reach out.`,
    site: (host, name) => `I was on ${host} and had a thought about ${name}.`,
    read: (host, q) => `I was on ${host} and read: "${q}"`,
    role: (p) => `As ${article(p)} ${p}, you've probably got a lot on your plate.`,
    pain: (p) => `One thing that often comes up for people in your role: ${p}.`,
    value: (product, v) => `That's what ${product} is for: ${v}.`,
    discuss: (w) => `I'd love to hear how you handle ${w} today.`,
    mention: (w) => `Also worth knowing: ${w}.`,
    share: (what, url) => `Here's the ${what || 'link'}, in case it's handy: ${url}`,
    pass: (what) => `I'm sharing ${what} too, in case it's handy.`,
    ask: (np) => `Would ${np} next week be useful?`,
    askTo: (vp) => `Would you be up for it if we ${vp}?`,
    noCall: 'Is this on your radar at the moment? A one-line reply is plenty.',
    ctaTail: 'No pressure either way.',
  },
  formal: {
    hello: (_f, full) => `Dear ${full},`,
    bye: 'Kind regards,',
    followUp: 'I am writing to follow up on my previous email.',
    followUpOn: (w) => `I am writing to follow up on the ${w}.`,
    lookingFor: (np) => `You mentioned that you are looking for ${np}, so I wanted to write to you directly.`,
    askedAbout: (np) => `You asked about ${np}, so I wanted to write to you directly.`,
    said: (c) => `I understand that ${c}, so I wanted to write to you directly.`,
    site: (host, name) => `I recently visited ${host} and wanted to share a thought about ${name}.`,
    read: (host, q) => `I read on ${host}: "${q}"`,
    role: (p) => `I am writing to you in your role as ${p}.`,
    pain: (p) => `A common challenge in roles such as yours: ${p}.`,
    value: (product, v) => `${product} was built for exactly this: ${v}.`,
    discuss: (w) => `I would also welcome the chance to discuss ${w}.`,
    mention: (w) => `It may also be of interest: ${w}.`,
    share: (what, url) => `You may find the ${what || 'following'} useful: ${url}`,
    pass: (what) => `I am pleased to share ${what}, which you may find useful.`,
    ask: (np) => `Would you be available for ${np} next week?`,
    askTo: (vp) => `Would you be willing to ${vp}?`,
    noCall: 'Would this be relevant to you at present?',
    ctaTail: 'I would be glad to work around your schedule.',
  },
  direct: {
    hello: (f) => `${f} —`,
    bye: 'Best,',
    followUp: 'Following up on my last email.',
    followUpOn: (w) => `Following up on the ${w}.`,
    lookingFor: (np) => `You're looking for ${np}.`,
    askedAbout: (np) => `You asked about ${np}.`,
    said: (c) => `You said ${c}.`,
    site: (host, name) => `I looked at ${host} and have one idea for ${name}.`,
    read: (host, q) => `Your site, ${host}, says: "${q}"`,
    role: (p) => `One idea for you as ${article(p)} ${p}.`,
    pain: (p) => `The usual problem in your role: ${p}.`,
    value: (product, v) => `${product} fixes that: ${v}.`,
    discuss: (w) => `Glad to dig into ${w} with you.`,
    mention: (w) => `Also: ${w}.`,
    share: (what, url) => `${capitalise(what || 'link')}: ${url}`,
    pass: (what) => `Sharing ${what}.`,
    ask: (np) => `Worth ${np} next week?`,
    askTo: (vp) => `Can you ${vp}?`,
    noCall: 'Is this a priority for you right now?',
    ctaTail: '',
  },
  playful: {
    hello: (f) => `Hey ${f}!`,
    bye: 'Fingers crossed,',
    followUp: 'Me again, back with the sequel.',
    followUpOn: (w) => `Me again, after the ${w}.`,
    lookingFor: (np) => `A little bird tells me you're on the hunt for ${np}.`,
    askedAbout: (np) => `You asked about ${np}, so here I am.`,
    said: (c) => `Word is that ${c}.`,
    site: (host, name) => `I went down a happy rabbit hole on ${host} and came out with an idea for ${name}.`,
    read: (host, q) => `Spotted on ${host}: "${q}"`,
    role: (p) => `Being ${article(p)} ${p} must keep you busy.`,
    pain: (p) => `Top of the usual list for your role: ${p}.`,
    value: (product, v) => `Enter ${product}: ${v}.`,
    discuss: (w) => `Bonus topic for later: ${w}.`,
    mention: (w) => `Bonus: ${w}.`,
    share: (what, url) => `Grab the ${what || 'goods'} here: ${url}`,
    pass: (what) => `Sharing is caring, so here's ${what}.`,
    ask: (np) => `Up for ${np} next week?`,
    askTo: (vp) => `Any chance you could ${vp}?`,
    noCall: 'Is this on your radar, or should I stop waving?',
    ctaTail: "(I promise it's painless.)",
  },
};

const contentWords = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .split(/[^a-z0-9%-]+/)
      .filter((w) => w.length > 2 && !/^(?:the|and|for|our|your|their|with|that|this|you|about)$/.test(w))
      .map((w) => w.replace(/(?:es|s)$/, '')),
  );

const SUBJECT_MAX = 60;
/** The first subject that fits: subjects are built to fit, never cut. */
const fitting = (candidates: Array<string | false | null | undefined>) =>
  candidates.filter((c): c is string => typeof c === 'string' && c.length > 0 && c.length <= SUBJECT_MAX).map(capitalise)[0]!;

const QUESTION_START =
  /^(?:would|could|can|are|is|do|does|shall|should|will|how|what|when|where|which|who|any|fancy|up for|worth|open to|free|interested|got)\b/i;
/** A call to action as a finished sentence: a question gets "?", anything else ".". */
export const punctuated = (cta: string) => {
  const s = cta.trim();
  return /[.!?)]$/.test(s) ? s : `${s}${QUESTION_START.test(s) ? '?' : '.'}`;
};

const ASKS_FOR_TIME = /\b(?:call|meeting|chat|demo|time|calendar|slot)\b/i;

// Something to hand over: an article or possessive, then words up to a thing content is made of.
const SHARE_CONTENT = new RegExp(
  String.raw`\b(?:share|include|attach|reference|send (?:over )?|pass on)\s+((?:the|our|a|an|this|that|my)\s+[^.;,\n]{0,60}?\b(?:case stud(?:y|ies)|one-pagers?|white ?papers?|e-?books?|guides?|checklists?|reports?|decks?|videos?|calculators?|benchmarks?|playbooks?|templates?|brochures?|datasheets?|data sheets?|pricing sheets?|testimonials?|customer stor(?:y|ies)|success stor(?:y|ies)|results|blog posts?|articles?|webinar recordings?|recordings?|samples?))\b`,
  'gi',
);

const NEGATION_BEFORE = /\b(?:don'?t|do not|never|not|no need to|avoid|without|nor)\s+(?:\w+\s+)?$/i;

/** What the step's (and the campaign's) instructions ask of the email. */
export function readInstructions(instructions: string, goal: string) {
  const minutesIn = (s: string) => /(\d{1,3})\s*[- ]?\s*(?:minutes?|mins?)\b/i.exec(s)?.[1];
  const ctaLine =
    /\b(?:cta|call to action)\s*[:=-]\s*(.+?)(?:\n|$)/i.exec(instructions)?.[1] ??
    // "End with: 'Worth a quick chat on Thursday?'": the closing line, word for word.
    /\b(?:end|close|finish|wrap up|sign off)\s+(?:it\s+)?(?:with|on)\s*[:=-]?\s*["“'‘](.+?)["”'’](?=\s|$)/i.exec(instructions)?.[1];
  const askFor = /\bask (?:them |her |him )?for\s+(.+?)(?:[.;\n]|$)/i.exec(instructions)?.[1];
  const askTo = /\bask (?:them |her |him )?to\s+(.+?)(?:[.;\n]|$)/i.exec(instructions)?.[1];
  // "Mention their check-call problem": theirs, said to them ("your check-call problem"); "mention
  // our pilot" or "mention that we …": ours, added as a fact.
  // "Don't mention pricing at all": a thing not to say, never a thing to mention.
  const negated = (index: number) => NEGATION_BEFORE.test(instructions.slice(Math.max(0, index - 20), index));
  const avoid = [...instructions.matchAll(/\bmention(?:ing)?\s+(.+?)(?:[.;\n]|$)/gi)]
    .filter((m) => negated(m.index))
    .map((m) => cleanValue(m[1]!.replace(/\s+(?:at all|whatsoever|yet|for now|in this (?:one|email|step))\b.*$/i, '')))
    .filter((t) => t.length > 2);
  const mentions = [...instructions.matchAll(/\bmention\s+(.+?)(?:[.;\n]|$)/gi)]
    .filter((m) => !negated(m.index))
    .map((m) => {
      const text = cleanValue(m[1]!);
      const fact = /^(?:that\s+|our\b|we\b|my\b|the fact)/i.test(text);
      if (fact) return { text: text.replace(/^that\s+/i, ''), fact };
      // Only their own things are turned to "your": in "our case study (they cut calls by 40%)" "they" is someone else.
      const said = text
        .replace(/\b(?:their|his|her)\b/gi, 'your')
        .replace(/\b(?:they|he|she)\b/gi, 'you')
        .replace(/\b(?:them|him)\b/gi, 'you');
      return { text: said, fact };
    });
  // "Follow-up to the webinar she attended": on that event, not on an earlier email.
  const followUpOn = /\bfollow[- ]?up (?:to|after|from|on) (?:the|our|my|her|his|their)\s+([^.;\n]{3,60}?)(?:[.;\n]|$)/i.exec(instructions);
  // "Share the checklist link https://…": the link, whole, and what it is.
  const links = [
    ...instructions.matchAll(
      /\b(?:share|send|include|add|link to|point (?:them|her|him) to|attach|give (?:them|her|him))\b([^.\n]*?)(https?:\/\/[^\s<>"')\]]+)/gi,
    ),
  ].map((m) => ({
    url: m[2]!.replace(/[.,;:!?]+$/, ''),
    what: cleanValue(m[1]!.replace(/\b(?:the|a|an|our|this|link|url|to|with (?:them|her|him))\b/gi, ' ').replace(/\s+/g, ' ')),
  }));
  // "just share the customs-hold case study", "include our pricing one-pager": content to pass on, no link given.
  const shares = [...instructions.matchAll(SHARE_CONTENT)]
    // A link in the same sentence is shared with it, as a link.
    .filter((m) => !negated(m.index) && !/https?:\/\//i.test(/^[^\n]*?(?:[.;](?=\s|$)|$)/.exec(instructions.slice(m.index))![0]))
    .map((m) => cleanValue(m[1]!))
    .filter((t, i, all) => t.length <= 80 && all.findIndex((o) => o.toLowerCase() === t.toLowerCase()) === i);
  return {
    avoid,
    links,
    shares,
    minutes: minutesIn(instructions) ?? minutesIn(goal),
    stepMinutes: minutesIn(instructions),
    cta: ctaLine ? cleanValue(ctaLine) : undefined,
    askFor: askFor ? cleanValue(askFor) : undefined,
    askTo: askTo ? cleanValue(askTo) : undefined,
    mentions,
    followUp: /\b(?:follow[- ]?up|following up|bump|reminder|nudge|second (?:email|touch))\b/i.test(instructions),
    followUpOn: followUpOn ? cleanValue(followUpOn[1]!).replace(/\b(?:she|he|they)\b/gi, 'you') : undefined,
    short:
      /\b(?:short|brief|concise|keep it tight|few lines|one line|two lines|(?:under|max(?:imum)?|at most|no more than|fewer than|less than|up to)\s*\d+\s*words)\b/i.test(
        instructions,
      ),
    noCall: /\b(?:no|don't|do not|without|not)\s+(?:ask(?:ing)?\s+for\s+)?(?:an?\s+)?(?:call|meeting|demo)\b/i.test(instructions),
  };
}

export function emailDraftOffline(args: {
  tone: string;
  senderName: string;
  lead: Rec;
  research?: Rec | null;
  persona: Rec;
  company: Rec | null;
  product: Rec | null;
  campaign: Rec | null;
  stage: Rec | null;
  instructions: string;
}) {
  const { lead, persona, product, campaign, stage } = args;
  const toneKey = args.tone.toLowerCase().trim();
  const tone: Tone = toneKey in VOICE ? (toneKey as Tone) : 'friendly';
  const voice = VOICE[tone];
  const full = str(lead.name) || 'there';
  const first = full.split(/\s+/)[0]!;
  const hello = toneKey in VOICE ? voice.hello(first, full) : `Hi ${first},`;
  const site = companyFromUrl(str(lead.websiteUrl));
  const position = str(lead.position);
  const requirement = cleanValue(str(lead.requirement));
  const need = needsOf(requirement)[0];
  const productName = str(product?.name) || str(args.company?.name);
  const value = cleanValue(str(product?.valueProposition) || str(product?.description) || str(args.company?.whatItDoes));
  const wants = readInstructions(`${args.instructions}\n${str(campaign?.step)}`, str(campaign?.goal));

  // What their own website says about them, quoted whole: the about page or home page first.
  const quotes = siteQuotes(args.research ?? null);
  const siteQuote = quotes.find((q) => q.kind === 'about') ?? quotes.find((q) => q.kind === 'home') ?? quotes[0];
  const readHost = site?.host ?? (siteQuote ? companyFromUrl(siteQuote.url)?.host : undefined);

  // The opening: what their record says, in this tone's words.
  const details: Array<{ claim: string; source: string; quote: string }> = [];
  let opener: string;
  if (need && whole(need.text, 140)) {
    const np = needPhrase(need);
    opener = need.kind === 'clause' ? voice.said(need.text) : need.verb === 'asked about' ? voice.askedAbout(np) : voice.lookingFor(np);
    details.push({ claim: opener, source: 'lead.requirement', quote: requirement });
  } else if (siteQuote && readHost) {
    opener = voice.read(readHost, siteQuote.sentence);
    details.push({ claim: opener, source: `research.${siteQuote.kind}`, quote: siteQuote.sentence });
  } else if (site) {
    opener = voice.site(site.host, site.name);
    details.push({ claim: opener, source: 'lead.websiteUrl', quote: site.host });
  } else if (position) {
    opener = voice.role(position);
    details.push({ claim: opener, source: 'lead.position', quote: position });
  } else {
    opener = arr(persona.openingLines)[0] ?? '';
    if (opener) details.push({ claim: opener, source: 'persona.openingLines', quote: opener });
  }

  // Their website's own words beside an opening that came from their record (a short email keeps to one).
  const readLine = !wants.short && siteQuote && readHost && !opener.includes(siteQuote.sentence) ? voice.read(readHost, siteQuote.sentence) : '';
  if (readLine) details.push({ claim: readLine, source: `research.${siteQuote!.kind}`, quote: siteQuote!.sentence });

  // A pain typical of their role (the persona's), when the opening did not already name their need.
  const pains = arr(persona.painPoints).filter((p) => !/^needs\s/i.test(p));
  const pain = pains[0] && whole(cleanValue(pains[0]), 160);
  const bridge = !wants.short && pain ? voice.pain(lowerFirst(pain)) : '';
  if (bridge) details.push({ claim: `Their pain point: ${pain}`, source: 'persona.painPoints', quote: pains[0]! });

  const valueLine = productName && value ? voice.value(productName, lowerFirst(value)) : '';
  const stageLine = !wants.short && stage && str(stage.keyMessage) ? punctuated(capitalise(cleanValue(str(stage.keyMessage)))).replace(/\?$/, '.') : '';
  // A mention the email already makes ("Mention scrap." when the opening names it) is not said twice.
  const said = contentWords([opener, readLine, bridge, valueLine].join(' '));
  const mentionLines = wants.mentions
    .filter((m) => m.text.length > 2 && ![...contentWords(m.text)].every((w) => said.has(w)))
    .map((m) => (m.fact ? voice.mention(m.text) : voice.discuss(m.text)));

  // The ask: the step's words first, then the campaign's call to action, then the tone's own,
  // always with the call length the step states.
  const minutesNp = wants.minutes ? `a ${wants.minutes}-minute call` : 'a short call';
  const withStepMinutes = (s: string) => (wants.stepMinutes ? s.replace(/\b\d{1,3}(\s*[- ]?\s*)(minutes?|mins?)\b/i, `${wants.stepMinutes}$1$2`) : s);
  const campaignCta = str(campaign?.callToAction);
  let ask: string;
  if (wants.noCall) ask = voice.noCall;
  else if (wants.cta) ask = punctuated(capitalise(withStepMinutes(wants.cta)));
  // The step asks for a call and the campaign's call to action is how to ask for one: its words, the step's length.
  else if (wants.askFor && campaignCta && ASKS_FOR_TIME.test(wants.askFor) && ASKS_FOR_TIME.test(campaignCta))
    ask = [punctuated(capitalise(withStepMinutes(campaignCta))), voice.ctaTail].filter(Boolean).join(' ');
  else if (wants.askFor) ask = voice.ask(withStepMinutes(wants.askFor.replace(/^(?:an?|the)\s+/i, (a) => a.toLowerCase())));
  else if (wants.askTo) ask = voice.askTo(withStepMinutes(wants.askTo));
  else if (campaignCta) ask = [punctuated(capitalise(withStepMinutes(campaignCta))), voice.ctaTail].filter(Boolean).join(' ');
  else ask = voice.ask(minutesNp);
  // A link the call to action already carries is not shared twice.
  const shareLines = [
    ...wants.links.filter((l) => !ask.includes(l.url)).map((l) => voice.share(lowerFirst(l.what), l.url)),
    ...wants.shares.filter((what) => !wants.links.some((l) => what.includes(l.what) || l.what.includes(what))).map((what) => voice.pass(lowerFirst(what))),
  ];

  // Paragraphs, each only when it has something to say: a blank line between each, never two.
  // What the instructions say not to mention is left out of every line that is not theirs.
  const allowed = (line: string) => !wants.avoid.some((a) => new RegExp(`\\b${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(line));
  const followUpLine = wants.followUpOn ? voice.followUpOn(wants.followUpOn) : wants.followUp ? voice.followUp : '';
  const paragraphs = [[followUpLine, opener, readLine], [bridge], [valueLine, stageLine], mentionLines, shareLines, [ask]]
    .map((p) => p.filter((line) => line && (line === opener || allowed(line))).join(' '))
    .filter(Boolean);
  const lines = [hello, '', ...paragraphs.flatMap((p) => [p, '']), voice.bye, args.senderName];

  // The subject: the need in a few words, then simpler ones, until one fits.
  const topic = need?.kind === 'phrase' ? need.text : pain ? lowerFirst(pain) : undefined;
  // "a way to cut no-shows" is something to do: "An idea to cut no-shows", not "An idea for a way to …".
  const todo = topic && /^a way to /i.test(topic) ? topic.replace(/^a way to /i, '') : undefined;
  const subjects: Record<Tone, Array<string | false | null | undefined>> = {
    friendly: [todo ? `An idea to ${todo}` : topic && `An idea for ${topic}`, `An idea for ${first}`, 'A quick idea'],
    formal: [
      todo ? `Regarding how to ${todo}` : topic && `Regarding ${topic}`,
      productName && site && `${productName} for ${site.name}`,
      productName && `An introduction to ${productName}`,
      'An introduction',
    ],
    direct: [
      topic && productName && `${productName}: ${todo ? `how to ${todo}` : topic}`,
      todo ? `How to ${todo}` : topic,
      productName && `${productName} for ${first}`,
      'Quick question',
    ],
    playful: [todo ? `Want to ${todo}?` : topic && `${capitalise(topic)}? Let's talk`, `${first}, a small idea`, 'A small idea'],
  };
  const followUps = [todo ? `Following up: how to ${todo}` : topic && `Following up on ${topic}`, `Following up, ${first}`, 'Following up'];
  const subject = fitting(wants.followUp ? followUps : subjects[tone]);

  return {
    subject,
    body: lines
      .filter((l, i) => l !== '' || lines[i - 1] !== '')
      .join('\n')
      .replace(/\n{3,}/g, '\n\n'),
    personalDetails: details,
  };
}
