// Rule-based meeting prep for the offline model: built only from what the contact's data says
// (their LinkedIn text, their website, the user's notes, an enrichment record), and plain about
// what it does not say. Their words are quoted whole or reported with the pronouns turned
// ("our team" → "your team"), never cut.
import nlp from 'compromise';
import type { ContactBriefModel, PersonaMatch } from '../schemas/contact-analysis.js';
import {
  capitalise,
  cleanValue,
  companySizeIn,
  industryIn,
  dismissedIndustryWords,
  lowerFirst,
  painStatementsIn,
  sentencesOf,
  whole,
  type IndustryHit,
  type PainStatement,
} from './offline-text.js';

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : '');
const pick = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Json)[k] : undefined), o);

type Source = 'linkedinText' | 'websiteText' | 'notes';
const SOURCES: Array<[Source, string]> = [
  ['linkedinText', 'their LinkedIn text'],
  ['websiteText', 'their website'],
  ['notes', 'your notes'],
];
const labelOf = (s: Source) => SOURCES.find(([k]) => k === s)![1];

type Pain = PainStatement & { source: Source };
type Doubt = { statement: string; about?: string; source: Source };

const STAGE_CUES: Array<[RegExp, RegExp]> = [
  [/\b(contract|procurement|legal|pricing|proposal|signing|budget approved)\b/i, /decision|purchase|buy|close/i],
  [/\b(evaluat\w*|comparing|shortlist\w*|demos?|trial|pilot|vendors?)\b/i, /consideration|evaluation|trial/i],
  [/\b(renew\w*|onboard\w*|customer since|expand\w*|upsell)\b/i, /retention|advocacy|expansion/i],
];

// Doubts and worries the data records: each is an objection to prepare for, in their words.
const DOUBT =
  /\b(scepti\w*|skepti\w*|wary|worried|concerned|doubts?|doubtful|hesitant|not (?:sold|convinced)|push(?:es|ed)? back|pushback|burned by|burnt by|bad experience)\b(?:\s+(?:of|about|on|by|with|towards?|that)\s+(.+?))?(?=\s+(?:after|because|since|as|given)\b|[,;.!?]|$)/i;

// "she hates" said to her is "you hate": the verb after a turned "she"/"he" loses its -s.
const IRREGULAR_THIRD: Record<string, string> = { is: 'are', was: 'were', has: 'have', does: 'do', goes: 'go', says: 'say' };
const baseForm = (verb: string) =>
  IRREGULAR_THIRD[verb.toLowerCase()] ??
  (/(?:ss|sh|ch|x|o)es$/i.test(verb) ? verb.slice(0, -2) : /[^aeiou]ies$/i.test(verb) ? `${verb.slice(0, -3)}y` : verb.replace(/s$/i, ''));
const NOT_A_VERB = /^(?:always|sometimes|perhaps|afterwards|nevertheless|thus|plus|this|his|its|us|less|unless|across|as|towards)$/i;
const isThirdPersonVerb = (w: string) => w.toLowerCase() in IRREGULAR_THIRD || (/^\w+[^s'’]s$/i.test(w) && !NOT_A_VERB.test(w));

/**
 * "Our team spends…" as said to them: "your team spends…". Notes speak of them in the third
 * person ("she said no-shows cost them a lot" → "you said no-shows cost you a lot"); `name` is
 * how the notes may name them ("Ben said …").
 */
export function toSecondPerson(sentence: string, thirdPerson = false, name?: string): string {
  // In notes the first person is the user ("cousin of our AE"), so only the third person turns.
  const swaps: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = thirdPerson
    ? []
    : [
        [/\bI am\b/g, 'you are'],
        [/\bI'm\b/g, 'you’re'],
        [/\bI was\b/g, 'you were'],
        [/\bI've\b/g, 'you’ve'],
        [/\bwe're\b/gi, 'you’re'],
        [/\bwe've\b/gi, 'you’ve'],
        [/\bwe were\b/gi, 'you were'],
        [/\bI\b/g, 'you'],
        [/\bwe\b/gi, 'you'],
        [/\b(?:my|our)\b/gi, 'your'],
        [/\b(?:mine|ours)\b/gi, 'yours'],
        [/\b(?:me|us)\b/gi, 'you'],
        [/\b(?:myself|ourselves)\b/gi, 'yourselves'],
      ];
  if (thirdPerson)
    swaps.push(
      [/\bthey're\b/gi, 'you’re'],
      [/\bthey are\b/gi, 'you are'],
      [/\bthey\b/gi, 'you'],
      [/\btheir\b/gi, 'your'],
      [/\bthem\b/gi, 'you'],
      [/\b(?:she|he)(?:'s|’s)\b/gi, 'you’re'],
      [
        /\b(?:she|he)\s+((?:always|never|often|still|also|really|just|usually|only|already)\s+)?([\w'’]+)/gi,
        (_m: string, adverb: string | undefined, verb: string) => `you ${adverb ?? ''}${isThirdPersonVerb(verb) ? baseForm(verb) : verb}`,
      ],
      [/\b(?:she|he)\b/gi, 'you'],
      [/\bhis\b/gi, 'your'],
      [/\bher\b(?=\s+(?!(?:and|or|to|that|about|on|in|at|for|with|by|if|but)\b)[a-z])/gi, 'your'],
      [/\b(?:her|him)\b/gi, 'you'],
    );
  let out = sentence;
  if (thirdPerson && name)
    out = out.replace(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(?=said|says|told|mentioned|thinks|wants|needs|hates)`, 'i'), 'she ');
  // Quoted words stay as they were said ("where is my truck").
  const quotes: string[] = [];
  out = out.replace(/["“][^"”]*["”]/g, (q) => `⟦${quotes.push(q) - 1}⟧`);
  for (const [re, to] of swaps) out = typeof to === 'string' ? out.replace(re, to) : out.replace(re, to);
  return out.replace(/⟦(\d+)⟧/g, (_m, i: string) => quotes[Number(i)]!);
}

/** Quoted terms in a statement ('"where is my truck" calls'): their own vocabulary. */
const quotedTerms = (s: string) => [...s.matchAll(/["“]([^"”]{3,40})["”](\s+\w+)?/g)].map((m) => `"${m[1]}"${m[2] ?? ''}`);

// "sells ovens to restaurants", "a marketplace for new and used restaurant equipment", "where hospitals buy": the
// industry named there is the buyers', not the company's.
const BUYERS_BEFORE =
  /(?:\b(?:sells?|selling|sold|markets?|rents?|leases?)\b[^.;!?\n]{0,40}?\b(?:to|for)|\b(?:marketplaces?|platforms?|software|apps?|tools?|solutions?|equipment|products?|services|providers?|vendors?|suppliers?|insurers?) for|\b(?:supplies|supplying|serves|serving|where))\s+(?:(?:new|used|and|or|&|commercial|small|large|independent|local|busy|the|other|[\w]+-[\w]+|\d[\d,+]*|_+)\s+){0,4}$/i;

/** The industry a text names for the company itself, passing over the industries it sells to. */
function companyIndustryIn(text: string): IndustryHit | undefined {
  let rest = text;
  for (let i = 0; i < 5; i++) {
    const hit = industryIn(rest);
    if (!hit) return undefined;
    const at = rest.search(new RegExp(`\\b${hit.quote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'));
    if (at < 0 || !BUYERS_BEFORE.test(rest.slice(Math.max(0, at - 60), at))) return hit;
    rest = `${rest.slice(0, at)}${'_'.repeat(hit.quote.length)}${rest.slice(at + hit.quote.length)}`;
  }
  return undefined;
}

function industryOf(c: Json): { industry: string; why: string; dismissed: string[] } | undefined {
  const dismissed: string[] = [];
  const stated = str(pick(c.enrichment, 'organization', 'industry')) || str(pick(c.enrichment, 'industry'));
  const candidates: Array<[string, string]> = [
    ['company', str(c.company)],
    ['websiteText', str(c.websiteText)],
    ['linkedinText', str(c.linkedinText)],
    ['notes', str(c.notes)],
  ];
  let found: { industry: string; why: string } | undefined;
  for (const [key, text] of candidates) {
    if (!text) continue;
    dismissed.push(...dismissedIndustryWords(text));
    const hit = companyIndustryIn(text);
    if (hit && !found) {
      const where = key === 'company' ? 'their company name' : labelOf(key as Source);
      found = { industry: hit.industry, why: `${where} ${key === 'notes' ? 'say' : 'says'} "${hit.quote}"` };
    }
  }
  if (stated) return { industry: stated, why: 'their enrichment record', dismissed };
  return found ? { ...found, dismissed } : dismissed.length ? { industry: '', why: '', dismissed } : undefined;
}

function sizeOf(c: Json, texts: Array<[Source, string]>): string | undefined {
  const employees = pick(c.enrichment, 'organization', 'estimated_num_employees') ?? pick(c.enrichment, 'employees');
  if (typeof employees === 'number') return `${employees} employees`;
  for (const [, text] of texts) {
    const size = companySizeIn(text);
    if (size) return size;
  }
  return undefined;
}

/** What a doubt is about, up to a dash ("'AI' claims - show evidence" → "AI claims"), never with a stray quote. */
function doubtedThing(words: string): string {
  const thing = cleanValue(words.split(/\s+[-–—]\s+/)[0]!);
  const quotes = thing.match(/["“”]|(?<!\w)['‘’]|['‘’](?!\w)/g) ?? [];
  return quotes.length % 2 ? cleanValue(thing.replace(/["“”]|(?<!\w)['‘’]|['‘’](?!\w)/g, '')) : thing;
}

function doubtsIn(texts: Array<[Source, string]>): Doubt[] {
  const out: Doubt[] = [];
  for (const [source, text] of texts)
    for (const sentence of sentencesOf(text)) {
      const m = DOUBT.exec(sentence);
      if (!m) continue;
      const about = m[2] ? whole(doubtedThing(m[2]), 40) : undefined;
      out.push({ statement: cleanValue(sentence), source, ...(about ? { about } : {}) });
    }
  return out;
}

/** A pain as a phrase to say ("carrier delays") or, failing that, the statement reported to them. */
const painToThem = (p: Pain, name?: string) =>
  p.phrase
    ? lowerFirst(p.phrase)
    : `that ${lowerFirst(toSecondPerson(p.statement, p.source === 'notes', name).replace(/^you (?:said|mentioned|told (?:us|me))(?: that)?\s+/i, ''))}`;
/** "Currently fighting a 2.1% scrap rate": no subject of its own, so it is quoted, not reported. */
const hasNoSubject = (statement: string) => {
  const tags = (nlp(statement).terms().json() as Array<{ terms: Array<{ tags: string[] }> }>).map((t) => t.terms[0]?.tags ?? []);
  return tags.find((t) => !t.includes('Adverb'))?.includes('Gerund') ?? false;
};
const whereSaid = (s: Source) => (s === 'websiteText' ? 'your website says' : s === 'linkedinText' ? 'your LinkedIn profile says' : 'I understand');

/** The opening line on their pain: reported back to them ("you said …"), or quoted where it cannot be. */
function openingOnPain(first: string, pain: Pain): string {
  if (pain.phrase) return `${first}, you mentioned ${lowerFirst(pain.phrase)}: how are you handling that today?`;
  if (pain.source === 'websiteText' || (pain.source === 'linkedinText' && hasNoSubject(pain.statement)))
    return `${first}, ${whereSaid(pain.source)} ${quoted(pain.statement)}: what does that look like day to day?`;
  const said = toSecondPerson(pain.statement, pain.source === 'notes', first);
  // "you said no-shows cost you ~$1.2M": their own words, said back to them, need no "I understand".
  if (/^you (?:said|told|mentioned|called)\b/i.test(said)) return `${first}, ${said}. Is that still the case?`;
  return `${first}, I understand ${lowerFirst(said)}. Is that still the case?`;
}
const quoted = (s: string) => `“${s}”`;
// "getting deviation closure under 30 days": a goal they are working on, not a problem that could go away.
const GOAL = /^(?:getting|bringing|cutting|reducing|lowering|driving|pushing|keeping|making)\b/i;

export function briefOffline(input: { contact: Json; product: Json | null; company: Json | null; matches: PersonaMatch[]; stages: Json[] }): ContactBriefModel {
  const c = input.contact;
  const name = str(c.name) || 'This contact';
  const first = name.split(/\s+/)[0]!;
  const title = str(c.title);
  const company = str(c.company);
  const texts = SOURCES.map(([key]) => [key, str(c[key])] as [Source, string]).filter(([, t]) => t);
  const allText = texts.map(([, t]) => t).join('\n');
  const productName = str(input.product?.name) || 'your product';
  const productValue = str(input.product?.valueProposition) || str(input.product?.description);
  const best = input.matches[0];

  const industry = industryOf(c);
  const size = sizeOf(c, texts);
  const pains: Pain[] = texts.flatMap(([source, text]) => painStatementsIn(text).map((p) => ({ ...p, source })));
  const doubts = doubtsIn(texts);
  const notes = str(c.notes);

  const gaps: string[] = [];
  if (!texts.length && !c.enrichment)
    gaps.push('There is no LinkedIn, website or enrichment text for this contact yet: paste their profile to get a real brief.');
  if (!title) gaps.push('Their title is unknown: find out their role before the meeting.');
  if (!company) gaps.push('Their company is unknown.');
  if (texts.length && !industry?.industry) gaps.push('Nothing says which industry they are in: check their website.');
  if (!pains.length) gaps.push('Nothing says what they struggle with: ask (see the questions below).');
  if (!best) gaps.push('They match none of your personas by the rules: define a persona for people like them.');

  // Your notes are the user's own words about them: kept whole, as many sentences as fit.
  let noteText = '';
  for (const s of sentencesOf(notes)) {
    const next = noteText ? `${noteText} ${s}` : s;
    if (next.length > 300) break;
    noteText = next;
  }
  const who = [
    `${name}${title ? `, ${title}` : ''}${company ? ` at ${company}` : ''}.`,
    industry?.industry ? `Industry: ${industry.industry} (${industry.why}).` : '',
    size ? `Company size: ${size}.` : '',
    noteText ? `Your notes: ${quoted(noteText.replace(/[.!]?$/, '.'))}` : '',
    best ? `Closest persona: ${best.personaName} (${best.matched.map((m) => m.rule).join(', ')}).` : '',
  ]
    .filter(Boolean)
    .join(' ');

  const priorities = pains.length
    ? pains.slice(0, 3).map((p) => (p.phrase ? `Fixing: ${lowerFirst(p.phrase)}` : `${quoted(p.statement)} (${labelOf(p.source)})`))
    : ['Unknown from their data: ask what is on their plate this quarter'];

  const senior = /\b(chief|ceo|cfo|cto|coo|cmo|vp|vice president|founder|owner|head of|director)\b/i.test(title);
  const stages = input.stages.map((s) => ({ name: str(s.stage_name), message: str(s.key_message) })).filter((s) => s.name);
  let stageName: string | undefined;
  let stageWhy: string | undefined;
  if (stages.length) {
    for (const [cue, stagePattern] of STAGE_CUES) {
      const hit = cue.exec(allText);
      const stage = hit && stages.find((s) => stagePattern.test(s.name));
      if (hit && stage) {
        stageName = stage.name;
        stageWhy = `Their data mentions "${hit[0]}".`;
        break;
      }
    }
    if (!stageName) {
      stageName = stages[0]!.name;
      stageWhy = 'Nothing in their data points further along, so assume the first stage.';
    }
  }

  const pain = pains[0];
  const avoid = [...new Set([...(industry?.dismissed ?? []), ...doubts.flatMap((d) => (d.about ? [d.about] : []))])];
  const wordsToUse = [
    ...new Set([
      ...pains.flatMap((p) => (p.phrase && p.phrase.length <= 40 ? [lowerFirst(p.phrase)] : quotedTerms(p.statement))).slice(0, 3),
      ...(industry?.industry && industry.why.includes('"') ? [/"([^"]+)"/.exec(industry.why)![1]!] : []),
      'your team',
    ]),
  ].filter((w) => !avoid.some((a) => w.toLowerCase().includes(a.toLowerCase())));

  const doubtObjections = doubts.slice(0, 2).map((d) => ({
    objection: `${capitalise(d.statement)}${/[.!?]$/.test(d.statement) ? '' : '.'} (${labelOf(d.source)})`,
    response: `${d.about ? `Do not lead with "${d.about}": talk` : 'Talk'} about the result for them${pain ? ` (${painToThem(pain, first).replace(/^that /, '')})` : ''}, offer a reference from a similar company, and propose a small start they can stop.`,
  }));

  return {
    whoTheyAre: who,
    likelyPriorities: priorities,
    tone: `${senior ? 'Brief and outcome-first: lead with the business result, keep detail for follow-ups.' : 'Practical and specific: show how the day-to-day gets easier.'}${doubts.length ? ' They have doubts on record (see the objections): bring evidence, not claims.' : ''}`,
    wordsToUse,
    wordsToAvoid: [...avoid, 'synergy', 'revolutionary', 'game-changing', 'just checking in'],
    openingLine: !pain ? `${first}, thanks for making time. What made this worth a conversation now?` : openingOnPain(first, pain),
    talkTrack: [
      pain ? `Confirm the pain: ${pain.phrase ? lowerFirst(pain.phrase) : quoted(pain.statement)}.` : 'Find the pain: ask what slows them down.',
      productValue ? `Connect it to ${productName}: ${lowerFirst(cleanValue(productValue))}.` : `Connect it to what ${productName} does.`,
      ...(doubts[0] ? [`Meet the doubt head-on: ${quoted(doubts[0].statement)}.`] : []),
      'Share one concrete example from a similar company.',
      'Agree what a good next step looks like for them.',
    ],
    questionsToAsk: [
      ...pains
        .slice(0, 2)
        .map((p) =>
          p.phrase
            ? `How are you handling ${lowerFirst(p.phrase)} today, and what does it cost you?`
            : GOAL.test(p.statement)
              ? `You said ${quoted(p.statement)}: what stands in the way today, and what does it cost you?`
              : `You said ${quoted(p.statement)}: what would change if that went away?`,
        ),
      ...(pains.length ? [] : ['What is the biggest thing slowing your team down right now?', 'How are you handling it today, and what does that cost you?']),
      ...(doubts[0] ? [`What would you need to see to feel sure about ${doubts[0].about ?? 'this'}?`] : []),
      'Who else would be involved in a decision like this?',
      ...(stages.length ? ['Where are you in looking at options: exploring, comparing, or deciding?'] : []),
    ],
    objections: [
      ...doubtObjections,
      {
        objection: 'The budget is frozen.',
        response: `Ask what it costs them to keep ${pain ? painToThem(pain, first).replace(/^that /, '') : 'the problem'}; offer a small start that pays back within the quarter.`,
      },
      { objection: 'We already have a tool for this.', response: 'Ask what it does not do for them today, and compare on that gap only.' },
      { objection: 'Not a priority right now.', response: 'Ask what would make it one, and offer to follow up when that happens.' },
    ],
    nextStep: stageName
      ? `Move them through ${stageName}: ${stages.find((s) => s.name === stageName)?.message || 'agree a concrete follow-up.'}`
      : 'Agree a concrete follow-up, with a date, and who else should join.',
    gaps,
    ...(stageName ? { stageName, stageWhy } : {}),
  };
}

const STOP = new Set(
  'a an the and or but if of on in at to for from with by about as is are was were be been do does did have has had can could would should will shall may might what which who whom whose when where why how this that these those it its they them their he she his her i me my we us our you your there here any some much many more most than then so just also not no yes ok tell know think say said get me'.split(
    ' ',
  ),
);
const stem = (w: string) =>
  w
    .replace(/(?:'s|’s)$/, '')
    .replace(/(?:ies)$/, 'y')
    .replace(/(?:es|s|ing|ed)$/, '');
const contentWords = (s: string) => [
  ...new Set(
    s
      .toLowerCase()
      .split(/[^a-z0-9']+/)
      .filter((w) => w.length > 1 && !STOP.has(w))
      .map(stem),
  ),
];

/** Sentences of the contact's own text that share words with the question, best first. */
function lookUp(question: string, contact: Json): Array<{ sentence: string; source: Source }> {
  const wanted = contentWords(question);
  if (!wanted.length) return [];
  const hits: Array<{ sentence: string; source: Source; score: number }> = [];
  for (const [key] of SOURCES)
    for (const sentence of sentencesOf(str(contact[key]))) {
      const have = new Set(contentWords(sentence));
      const score = wanted.filter((w) => have.has(w)).length;
      if (score) hits.push({ sentence: cleanValue(sentence), source: key, score });
    }
  return hits.sort((a, b) => b.score - a.score).slice(0, 2);
}

const saysOf = (h: { sentence: string; source: Source }) =>
  `${h.source === 'notes' ? 'Your notes say' : h.source === 'websiteText' ? 'Their website says' : 'Their LinkedIn text says'} ${quoted(`${h.sentence}.`.replace(/([.!?])\.$/, '$1'))}`;

// What a follow-up question is about, the sentences of their data that speak to it, what to do
// with them, and what to ask when their data says nothing about it.
type Topic = { about: string; asks: RegExp; says: RegExp; advice: string; ask: string };
const TOPICS: Topic[] = [
  {
    about: 'security',
    asks: /\b(?:security|secure|soc ?2|iso ?27001|gdpr|hipaa|complian\w*|privacy|data protection|infosec|pen ?test\w*)\b/i,
    says: /\b(?:security|secure|soc ?2|iso ?27001|gdpr|hipaa|complian\w*|privacy|data protection|infosec|pen ?test\w*|encrypt\w*|on-?prem\w*)\b/i,
    advice: 'Bring the proof they will ask for (the certificate or report, a security overview), not claims.',
    ask: 'what their security review requires, and who runs it',
  },
  {
    about: 'their IT and systems',
    // "IT" only in capitals: "it" is a pronoun.
    asks: /\bIT\b|\b(?:[Tt]ech(?:nical)? team|[Ii]nfrastructure|[Hh]osting|[Oo]n-?prem\w*|[Cc]loud|[Ii]ntegrat\w*|APIs?|[Tt]ech stack|[Ii]nstall\w*)\b/,
    says: /\bIT\b|\b(?:[Oo]n-?prem\w*|[Cc]loud|[Hh]osting|[Hh]osted|[Ss]elf-hosted|[Ii]ntegrat\w*|APIs?|SSO|[Ss]ervers?|[Ii]nstall\w*|[Tt]ech stack)\b/,
    advice: 'Prepare for it before the call: say how it would run in their setup, and offer a session with their IT.',
    ask: 'how their IT reviews new tools, and what it must run on and connect to',
  },
  {
    about: 'timing',
    asks: /\b(?:when|timing|timeline|deadline|how soon|urgen\w*|push for|renew\w*|contracts?|time ?frame|by when)\b/i,
    says: /\b(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec|q[1-4]|spring|summer|autumn|winter|next (?:year|quarter|month|week)|(?:by|before) (?:the )?end of|deadline|contract|renew\w*|expir\w*|budget cycle|rfp|fiscal|before then)\b/i,
    advice: 'Time the ask to that date and plan the decision steps back from it.',
    ask: 'what date they are working to, and what has to happen before it',
  },
  {
    about: 'price and budget',
    asks: /\b(?:price|pricing|cost\w*|budget\w*|afford\w*|expensive|cheap\w*|deal size|how big a deal|spend|discount|roi)\b/i,
    says: /\b(?:pric\w*|cost\w*|budget\w*|spend\w*|afford\w*|per (?:user|seat|month|year|truck|office)|approv\w*|payback|roi)\b|[$€£]\s?\d/i,
    advice: 'Keep the first step within what they can approve, and set the price against what the problem costs them.',
    ask: 'what budget they have for this, and who approves it',
  },
  {
    about: 'who decides',
    asks: /\b(?:decision[- ]?makers?|who (?:decides|signs|approves|else)|sign(?:s|ing)?[- ]?off|approv\w*|buying committee|stakeholders?|champion)\b/i,
    says: /\b(?:decision|decides?|sign(?:s|ed|ing)?[- ]?off|approv\w*|board|procurement|cfo|ceo|owner|committee|boss|budget (?:holder|owner)|holds the budget|final say|calls the shots)\b/i,
    advice: 'Bring those people in early, and give your contact what they need to make the case.',
    ask: 'who else decides, and how they have bought similar tools',
  },
  {
    about: 'what they use today',
    asks: /\b(?:competitors?|current(?:ly)? (?:\w+ )?(?:tool|vendor|system|provider|solution)s?|incumbent|(?:do|does) (?:they|he|she) use|using today|switch\w*|alternatives?)\b/i,
    says: /\b(?:currently (?:on|using|with)|uses?|using|switch\w*|competitors?|incumbent|vendors?|provider)\b/i,
    advice: 'Ask what it does not do for them, and compare on that gap only.',
    ask: 'what they use today and what it does not do for them',
  },
];
const ANGLE = /\b(?:angle|approach|pitch|position\w*|lead with|best way|strategy|hook|win (?:them|him|her) over)\b/i;
// What the notes say they want or will not have: how to pitch to them, not a pain.
const PREFERENCE = /\b(?:hates?|dislikes?|prefers?|wants?|needs?|must|has to|have to|only|no exceptions|scepti\w*|skepti\w*|before then|evidence)\b/i;

const topicsOf = (question: string) => TOPICS.filter((t) => t.asks.test(question));
function saidOn(topic: Topic, contact: Json): Array<{ sentence: string; source: Source }> {
  const out: Array<{ sentence: string; source: Source }> = [];
  for (const [key] of SOURCES)
    for (const sentence of sentencesOf(str(contact[key]))) if (topic.says.test(sentence)) out.push({ sentence: cleanValue(sentence), source: key });
  // The user's notes first: they are what was said to the user, where a website is what the company says of itself.
  return out.sort((a, b) => Number(b.source === 'notes') - Number(a.source === 'notes')).slice(0, 2);
}

/** "Best angle for the call?": lead with their stated pain, connect it to the product, mind what the notes say they want. */
function angleOf(brief: Json, contact: Json): string {
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).map(String) : []);
  const priorities = list(brief.likelyPriorities).filter((p) => !p.startsWith('Unknown'));
  const connect = list(brief.talkTrack).find((t) => t.startsWith('Connect it to'));
  const minded = sentencesOf(str(contact.notes))
    .filter((s) => PREFERENCE.test(s))
    .slice(0, 2)
    .map((s) => quoted(`${cleanValue(s)}.`));
  return [
    priorities.length
      ? `Lead with what their data says hurts: ${priorities.slice(0, 2).join('; ')}.`
      : 'Their data names no pain yet: open by asking what slows them down.',
    connect ?? '',
    minded.length ? `Mind what your notes say: ${minded.join(' ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Answers a follow-up question from the brief and the contact's own text, or says plainly what is unknown. */
export function chatOffline(question: string, brief: Json, contact: Json = {}): string {
  const q = question.toLowerCase();
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).map(String) : []);
  const objections = Array.isArray(brief.objections) ? (brief.objections as Array<{ objection: string; response: string }>) : [];
  const found = lookUp(question, contact);
  const fromData = found.length ? ` ${found.map(saysOf).join(' ')}` : '';

  if (/\b(open|opening|start the (?:call|meeting)|kick (?:it )?off|first thing|icebreak\w*)\b/.test(q))
    return `Open with: "${str(brief.openingLine)}" Then: ${lowerFirst(list(brief.talkTrack)[0] ?? 'find out what slows them down.')}`;

  const asksObjection = /\b(what if (?:they|he|she)|if (?:they|he|she) (?:say|said|tell)|object\w*|push ?back|say no|pushes back|answer to)\b/.test(q);
  const words = contentWords(question);
  const scored = objections
    .map((o) => ({ o, score: words.filter((w) => contentWords(o.objection).includes(w)).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score);
  const topics = topicsOf(question);
  const onTopic = topics.map((t) => ({ t, said: saidOn(t, contact) })).find((x) => x.said.length);
  if (asksObjection && scored[0]) {
    const o = scored[0].o;
    return `If they say "${o.objection.replace(/\s*\((?:their|your) [^)]+\)$/, '')}": ${o.response}${fromData}`;
  }
  // A question about something their data records ("what does the CFO think of SaaS?").
  const recorded = scored.find((x) => /\((?:their|your) [^)]+\)$/.test(x.o.objection));
  if (found.length && recorded) return `${found.map(saysOf).join(' ')} To meet it: ${lowerFirst(recorded.o.response)}`;
  if (onTopic) return `${onTopic.said.map(saysOf).join(' ')} ${onTopic.t.advice}`;
  if (ANGLE.test(question)) return angleOf(brief, contact);
  if (asksObjection) {
    return `The brief has no prepared answer for that objection. Ask what is behind it, then bring it back to ${lowerFirst(list(brief.likelyPriorities)[0] ?? 'what they said they need')}.${fromData}`;
  }
  if (/\b(what (?:should|can|do) i ask|questions?)\b/.test(q)) return `Ask: ${list(brief.questionsToAsk).slice(0, 3).join(' ')}`;
  if (/\b(next step|follow[- ]?up|after the (?:call|meeting)|close)\b/.test(q)) return `Next step: ${str(brief.nextStep)}`;
  if (/\b(stage|where are they|buying|how far along)\b/.test(q)) {
    const stage = brief.buyingStage as { stageName?: string; keyMessage?: string; why?: string } | null;
    return stage
      ? `Probably in ${stage.stageName}. ${stage.why ?? ''} Key message there: ${stage.keyMessage}`.trim()
      : 'There is no buying-process map for their persona yet, so the brief cannot place them in a stage.';
  }
  if (/\b(tone|words?|language|how (?:should|do) i (?:talk|speak|sound|come across)|avoid)\b/.test(q))
    return `${str(brief.tone)} Use: ${list(brief.wordsToUse).join(', ')}. Avoid: ${list(brief.wordsToAvoid).join(', ')}.`;
  if (topics[0]) return `Nothing in their LinkedIn text, website or your notes says anything on ${topics[0].about}. Ask them ${topics[0].ask}.`;
  if (found.length) return `${saysOf(found[0]!)}${found[1] ? ` ${saysOf(found[1])}` : ''}`;
  if (/\b(struggl\w*|pains?|problems?|care about|priorit\w*|challenges?|headaches?|worr\w*|want|need)\b/.test(q)) {
    const priorities = list(brief.likelyPriorities);
    return priorities[0]?.startsWith('Unknown')
      ? 'Their data does not say what they struggle with. Ask: what is the biggest thing slowing your team down right now?'
      : `From their data: ${priorities.join('; ')}.`;
  }
  if (/\b(who|company|industry|size|how big|role|title|background)\b/.test(q)) {
    const gaps = list(brief.gaps);
    return `From what we know: ${str(brief.whoTheyAre)}${gaps.length ? ` Still unknown: ${gaps[0]}` : ''}`;
  }
  return 'Nothing in their LinkedIn text, website or your notes answers that, and the brief does not say. Ask them directly, or add what you learn to the contact’s notes and regenerate the brief.';
}
