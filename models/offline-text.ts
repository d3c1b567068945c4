// The offline generator's rules for reading a person's words, shared by every offline prompt:
// keep their words whole, split lists only where the person separated them, read hedges and
// fillers as noise, and take facts (industry, size) only from what the text says.
// Sentences and clauses come from compromise (a small rule-based English parser) rather than
// ever more regexes: it knows abbreviations ("e.g.", "Dr."), verbs and noun phrases.
import nlp from 'compromise';

/** Trims surrounding quotes, spaces and trailing punctuation; keeps the words and their capitals. */
export const cleanValue = (s: string) =>
  s
    .trim()
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .replace(/[.;,:!?\s]+$/, '')
    .trim();

/** Upper-cases the first letter only: "ROI calculator" stays as written. */
export const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Lower-cases the first letter for use mid-sentence, unless the first word is an acronym or has capitals inside ("ROI", "ETAs", "SaaS"). */
export const lowerFirst = (s: string) => (/^[A-Z][A-Z0-9]|^[A-Z][^\s]*[A-Z]/.test(s) ? s : s.replace(/^./, (c) => c.toLowerCase()));

// Words around an answer that are not part of it.
const LEADING_FILLERS =
  /^(?:(?:ok(?:ay)?|so|well|um+|uh+|hmm+|right|yeah|yes|sure|hi|hello|alright|fine|like i said|as i said|something like|like|just|really|i mean|i guess|i think|i'd say|maybe|probably|honestly|basically|let'?s say|let'?s go with|call (?:it|them)|go with)\b[\s,:;.!-]*)+/i;
const TRAILING_FILLERS =
  /(?:[\s,;-]*\b(?:i guess|i think|i suppose|like i said|as i said|you know|probably|maybe|basically|honestly|obviously|or so|or something|or something like that|i'd say|for now|kind of|sort of|if that makes sense|lol|haha)\b[\s.!?,]*)+$/i;

/** A person's answer without the hedges and fillers around it ("ok: Overwhelmed Ops Lead i guess" → "Overwhelmed Ops Lead"). */
export function withoutFillers(s: string): string {
  let out = cleanValue(s);
  for (let i = 0; i < 3; i++) {
    const next = cleanValue(out.replace(LEADING_FILLERS, '').replace(TRAILING_FILLERS, ''));
    if (next === out) break;
    out = next;
  }
  return out;
}

/** The value when it fits the field's limit, otherwise nothing: a person's words are never cut. */
export const whole = (s: string | undefined, max: number) => (s && s.length <= max ? s : undefined);

/** Sentences as the person wrote them (abbreviations such as "e.g." do not end one). */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    for (const s of nlp(line).sentences().out('array') as string[]) if (s.trim()) out.push(s.trim());
  }
  return out;
}

/** True when the phrase has a verb of its own, so "x and y" joins two clauses, not two nouns. */
export function isClause(phrase: string): boolean {
  return nlp(phrase).has('#Verb');
}

/** True when the words open with a subject and its verb ("our front desks are…", "route planning is…"). */
function opensWithSubjectAndVerb(words: string): boolean {
  const tags = (nlp(words).terms().json() as Array<{ terms: Array<{ tags: string[] }> }>).slice(0, 6).map((t) => new Set(t.terms[0]!.tags));
  if (!tags[0] || tags[0].has('Preposition') || tags[0].has('Conjunction')) return false;
  for (let i = 0; i < Math.min(4, tags.length - 1); i++) {
    if (!tags[i]!.has('Noun')) continue;
    const next = tags[i + 1]!.has('Adverb') ? tags[i + 2] : tags[i + 1];
    if (next && next.has('Verb')) return true;
  }
  return false;
}

/**
 * The clauses of a sentence, each as written: "x, and y" and a bare "x and y" split only where y
 * opens with a subject and verb of its own and x has its verb ("churn crept up and renewals are a
 * fire drill"), never inside a phrase ("the WMS and the ERP never agree", "pick and pack errors").
 */
export function clausesOf(sentence: string): string[] {
  // [text, separator, text, separator, …]: the separators are kept to rejoin what is not split.
  const pieces = sentence.trim().split(/(,?\s+and\s+)/i);
  const out: string[] = [];
  let current = pieces[0]!;
  for (let i = 1; i < pieces.length; i += 2) {
    const separator = pieces[i]!;
    const next = pieces[i + 1] ?? '';
    const before = separator.startsWith(',') ? current : pieces[i - 1]!.split(',').pop()!.trim();
    const split = before.split(/\s+/).length >= 2 && nlp(before).has('#Verb') && opensWithSubjectAndVerb(next);
    if (split) {
      out.push(current);
      current = next;
    } else current = `${current}${separator}${next}`;
  }
  out.push(current);
  return out.map((c) => c.trim()).filter(Boolean);
}

const BULLET = /^\s*(?:[-*•·–]|\d+[.)]|[a-z][.)])\s+/i;

/**
 * A list as the person separated it: bullets or lines, then semicolons, then sentences, then
 * commas (the last ", and" / " and " of a comma list too); a lone " and " splits only two clauses
 * ("calls pile up and customers get angry"), never a phrase ("ROI calculator and pilot plan").
 */
export function splitList(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(BULLET, '').trim())
    .filter(Boolean);
  let items: string[];
  if (lines.length > 1) items = lines;
  else if (/;/.test(text)) items = text.split(';');
  else {
    const sentences = sentencesOf(text);
    items = sentences.length > 1 ? sentences : splitPhrase(cleanValue(text));
  }
  return items
    .map((s) => withoutFillers(s))
    .filter((s) => s.length > 1)
    .map(capitalise);
}

function splitPhrase(text: string): string[] {
  if (text.includes(',')) {
    // "(the knot, IG DMs, website form...)" is an aside inside one item: its commas do not split.
    const parts = text.split(/\s*,\s*(?![^()]*\))/).filter(Boolean);
    const last = parts.pop()!;
    const m = /^(?:and|or)\s+(.+)$/i.exec(last);
    if (m) return [...parts, m[1]!];
    const and = /^(.+?)\s+(?:and|or)\s+(.+)$/i.exec(last);
    return and && parts.length ? [...parts, and[1]!, and[2]!] : [...parts, last];
  }
  const and = /^(.+?)\s+and\s+(.+)$/i.exec(text);
  if (and && isClause(and[1]!) && isClause(and[2]!)) return [and[1]!, and[2]!];
  return [text];
}

// Industries by the words people use for them. The first match in the text wins; a word that
// names something the company is not ("sceptical of SaaS") is the caller's to leave out.
const INDUSTRY_TAXONOMY: Array<[string, RegExp]> = [
  [
    'Logistics',
    /\b(logistics|freight|trucking|truckload|haulage|hauli(?:er|ers|ng)|carriers?|3pl|4pl|shipping|fleets?|courier|last[- ]mile|warehous\w*|fulfil?ment|supply chain|dispatch(?:ers)?|brokerage)\b/i,
  ],
  ['Waste management', /\b(waste (?:management|collection|services|haul\w*)|recycling|refuse collection|waste)\b/i],
  ['Fintech', /\b(fintechs?|payments?|neobank|lending|lender)\b/i],
  ['Banking', /\b(bank|banking|credit union)\b/i],
  ['Insurance', /\b(insurance|insurtech|insurer|underwrit\w*)\b/i],
  ['Healthcare', /\b(healthcare|health care|healthtech|hospitals?|clinics?|medical|patients?|dental)\b/i],
  // Each named on its own: a pharma company is not "pharma and biotech".
  ['Pharma', /\b(pharma\w*)\b/i],
  ['Biotech', /\b(biotech\w*)\b/i],
  ['Life sciences', /\b(life sciences)\b/i],
  // A marketplace is its own trade, whatever its buyers buy ("the B2B marketplace where restaurants buy …").
  ['Marketplace', /\b((?:b2b |online |digital )?marketplaces?)\b/i],
  ['E-commerce', /\b(e-?commerce|online stores?|d2c|dtc|direct[- ]to[- ]consumer|shopify)\b/i],
  // "Shops" alone is not retail: machine shops, law shops, "the bigger shops" of any trade.
  [
    'Retail',
    /\b(retail\w*|stores|(?:retail|gift|clothing|coffee|convenience|corner|grocery|online) shops?|boutiques?(?!\s+(?:fitness|hotels?|gyms?|studios?|agenc\w+|firms?|consult\w*)))\b/i,
  ],
  [
    'Manufacturing',
    /\b(manufactur\w*|factor(?:y|ies)|industrial|plants?|machin(?:ery|ing)|machine shops?|foundr(?:y|ies)|die-?cast\w*|metal casting|(?:metal )?fabricat(?:ion|ors?)|fab shops?|metalwork\w*)\b/i,
  ],
  ['Construction', /\b(construction|contractors?|general contracting|builders?|building materials)\b/i],
  ['Real estate', /\b(real estate|proptech|property management|landlords?)\b/i],
  ['Education', /\b(education|edtech|schools?|universit(?:y|ies)|colleges?|e-?learning)\b/i],
  ['Hospitality', /\b(hospitality|hotels?|restaurants?|hospitality)\b/i],
  ['Fitness', /\b(fitness|gyms?|pilates|yoga studios?|barre|crossfit|spin studios?)\b/i],
  ['Events', /\b(event venues?|wedding venues?|events? (?:company|companies|agenc(?:y|ies))|weddings?)\b/i],
  ['Travel', /\b(travel|airlines?|tour operators?)\b/i],
  ['Energy', /\b(energy|utilit(?:y|ies)|solar|oil and gas|renewables?)\b/i],
  ['Telecom', /\b(telecoms?|telecommunications|mobile operators?|isps?)\b/i],
  ['Home services', /\b(hvac|plumb(?:ing|ers?)|electricians?|roofing|home services|field service companies)\b/i],
  ['Automotive', /\b(automotive|car dealers?(?:hips?)?|dealerships?)\b/i],
  ['Agriculture', /\b(agricultur\w*|agtech|farms?|farming)\b/i],
  ['Media', /\b(media|publish(?:er|ers|ing)|broadcast\w*|newsrooms?)\b/i],
  ['Gaming', /\b(gaming|game studios?|games)\b/i],
  ['Legal', /\b(legal|law firms?|legaltech)\b/i],
  ['Accounting', /\b(accounting firms?|accountancy|cpa firms?|bookkeeping)\b/i],
  ['Consulting', /\b(consult(?:ing|ancy|ancies|ants?)|advisory firms?)\b/i],
  ['Marketing agencies', /\b(marketing agenc(?:y|ies)|creative agenc(?:y|ies)|ad agenc(?:y|ies))\b/i],
  ['Recruiting', /\b(recruit(?:ing|ment) (?:firms?|agenc(?:y|ies))|staffing)\b/i],
  ['Nonprofit', /\b(non-?profits?|charit(?:y|ies)|ngos?)\b/i],
  ['Government', /\b(government|public sector|municipal\w*|councils?)\b/i],
  ['Cybersecurity', /\b(cyber\s?security|infosec|security vendors?)\b/i],
  ['SaaS', /\b(saas|b2b software|software compan(?:y|ies)|software vendors?)\b/i],
  // What a company says it sells: "we sell reconciliation software to banks" is a software company, whoever its buyers are.
  ['Software', /\b(?:(?:we|they|which|that) (?:sell|build|make|develop)s?|(?:sells|builds|makes|develops)) (?:\w+[- ]){0,3}software\b/i],
];

export type IndustryHit = { industry: string; quote: string };

/** Every industry word in a text, where it stands, and whether it is named with doubt ("sceptical of SaaS"). */
function industryWords(text: string): Array<IndustryHit & { index: number; dismissed: boolean }> {
  return INDUSTRY_TAXONOMY.flatMap(([industry, re]) =>
    [...text.matchAll(new RegExp(re.source, 'gi'))].map((m) => ({ industry, quote: m[0], index: m.index, dismissed: isDismissed(text, m.index) })),
  );
}

/** The industry a text names, with the words that named it; nothing when the text does not say. Words named with doubt never count. */
export function industryIn(text: string): IndustryHit | undefined {
  const first = industryWords(text)
    .filter((w) => !w.dismissed)
    .sort((a, b) => a.index - b.index)[0];
  return first && { industry: first.industry, quote: first.quote };
}

/** The industry words a text names with doubt or rejection: objections, not the company's industry. */
export const dismissedIndustryWords = (text: string): string[] =>
  industryWords(text)
    .filter((w) => w.dismissed)
    .map((w) => w.quote);

const NUMBER = String.raw`\d[\d,.]*\s*k?`;

/** A company size the text states ("200-1000 people", "about 450 employees"), in the person's numbers. */
export function companySizeIn(text: string): string | undefined {
  const m = new RegExp(
    String.raw`(${NUMBER}\s*(?:-|–|to)\s*${NUMBER}|(?:about|around|roughly|~|over|under|more than|fewer than|less than)?\s*${NUMBER}\+?)[\s-]*(?:employees|people|ppl|staff|person|fte|headcount)\b`,
    'i',
  ).exec(text);
  if (!m) return teamSizeIn(text);
  const size = m[1]!
    .trim()
    .replace(/\s*(?:-|–|to)\s*/, '–')
    .replace(/\s+/g, ' ');
  return `${size} employees`;
}

/** "a headcount of 40", "(think 100-400 on the floor)": a headcount said without "employees" ("a team of 3" is their team, not the company). */
function teamSizeIn(text: string): string | undefined {
  const range = String.raw`(\d[\d,.]*\s*k?\s*(?:-|–|to)\s*\d[\d,.]*\s*k?\+?|\d[\d,.]*\s*k?\+)`;
  const m =
    new RegExp(String.raw`\b(?:staff|headcount|company|org) of (?:about |around |maybe |roughly |~\s*)?${range}`, 'i').exec(text) ??
    new RegExp(String.raw`${range}\s+(?:on the floor|on staff|on payroll|on the team|heads)\b`, 'i').exec(text);
  return m
    ? `${m[1]!
        .trim()
        .replace(/\s*(?:-|–|to)\s*/, '–')
        .replace(/\s+/g, ' ')} employees`
    : undefined;
}

// Doubt or rejection just before a word: "the CFO is sceptical of SaaS" says nothing about what they are.
const DISMISSIVE =
  /\b(?:scepti\w*|skepti\w*|wary|doubt\w*|distrust\w*|hates?|hated|dislikes?|against|burned by|burnt by|tired of|fed up with|sick of|worried about|concerned about|push(?:es|ed)? back on|pushback on|not (?:a|an|into|sold on|keen on|interested in|fans? of)|isn't|aren't|never|no more|instead of|away from|replac\w*|rather than|anti|vs\.?|versus|not)\b[^.!?;\n]*$/i;

/** True when the words at `index` are named with doubt or rejection ("sceptical of SaaS", "not a software company"). */
export function isDismissed(text: string, index: number): boolean {
  const start = Math.max(0, index - 60);
  const before =
    text
      .slice(start, index)
      .split(/[.!?;\n]/)
      .pop() ?? '';
  return DISMISSIVE.test(before);
}

export type PainStatement = {
  /** The sentence as the person wrote it. */
  statement: string;
  /** The problem itself, when the sentence names it after a cue ("we struggle with X" → "X"). */
  phrase?: string;
};

// A goal still out of reach is a problem too: "Right now: getting our mean time to repair down", "onboarding a
// supplier still takes us ~6 weeks", kiosks that "break weekly", patrons who "line up at the desk".
const GOAL_IN_TROUBLE = [
  // "getting X down": a goal in progress; "get you live in under a week" is a promise.
  String.raw`(?:getting|bringing|driving|pushing|keeping) (?:[\w'’-]+ ){1,6}(?<!\b(?:in|up) )(?:down|under|below)`,
  String.raw`still (?:takes?|taking|needs?|requires?|runs? on|relies? on|done)`,
  String.raw`takes? (?:us|them|me|her|him) (?:~|about |around |over |up to |nearly |almost |more than )?\d`,
  String.raw`break(?:s|ing)?(?: down)? (?:weekly|daily|monthly|often|constantly|all the time|every (?:day|week|month))|broken|outdated|out of date`,
  String.raw`lines? up|long (?:lines|queues|waits?)|queues? (?:up|out|at)|wait(?:s|ing)? in line`,
].join('|');

// What a problem sounds like in pasted profiles, websites and notes.
const PROBLEM_WORDS =
  /\b(?:struggl\w*|frustrat\w*|can(?:'|’)?t|cannot|can not|unable to|no (?:real[- ]time |real |live |clear )?(?:visibility|insight|view|way)|too (?:much|many|long|slow)|manual(?:ly)?|slow(?:er|ly)?|late|delay\w*|complain\w*|churn\w*|bottleneck\w*|error[- ]prone|overwhelm\w*|drown\w*|buried in|wast(?:e|es|ed|ing) (?:\w+ ){0,2}(?:time|hours|days|money)|wasted|backlogs?|downtime|stockouts?|no-?shows?|fire ?drills?|pil(?:e|es|ing) up|(?:is|are|get|gets|got) lost|(?:is |are |still )*(?:done )?by hand|a mess|(?:costs?|prices?|bills?) (?:are |is |have )?(?:up|rising|gone up|doubled)|show(?:s|ing)? up (?:late|early|before|unannounced)|chas(?:e|es|ing)|miss(?:es|ed|ing)|los(?:e|es|ing)|lost|headaches?|pain(?:s| points?)?|problems?|issues?|spreadsheets?|spend(?:s|ing)? (?:\w+ ){0,4}(?:on|\w+ing)|spent (?:\w+ ){0,4}(?:on|\w+ing)|half (?:the|their|our|my) (?:day|week|time)|where(?:'s| is) my|fight(?:s|ing)?(?!-)|battl(?:e|es|ing)(?!-)|lag(?:s|ging)? (?:behind|by)|lag(?:s|ging)? (?:\S+ ){0,5}by \d+|chaos|chaotic|nightmare|brutal|killing (?:us|them|me)|turnover)\b/i;
const PAIN_CUE = new RegExp(String.raw`${PROBLEM_WORDS.source}|\b(?:${GOAL_IN_TROUBLE})\b`, 'i');
// A sentence that sells a fix rather than stating a problem.
const PITCH =
  /\b(?:we help|helps? (?:you|teams|companies|shippers|customers)|so (?:you|they) can|our (?:platform|product|solution|software|app)|we (?:make|offer|provide|deliver))\b/i;
// "Food cost and labor scheduling are my two constant battles": the problems are the subject.
const NAMED_AS_PROBLEMS =
  /^(.+?)\s+(?:is|are)\s+(?:my|our|their|his|her|the)\s+(?:\w+\s+){0,3}(?:battles?|headaches?|problems?|challenges?|struggles?|pain points?|nightmares?|worr(?:y|ies))$/i;
const PAIN_OBJECT: RegExp[] = [
  /\b(?:struggl\w*|battl\w*|wrestl\w*|problems?|issues?|trouble|frustrat\w*|headaches?)\s+(?:with|by|about|over|around)\s+(.+)$/i,
  NAMED_AS_PROBLEMS,
  /\b(?:biggest|main|real|top|key)\s+(?:pain(?: point)?|headache|problem|challenge|issue)s?\s+(?:is|are|:|=|-)\s*(.+)$/i,
  /\b(?:tired of|fed up with|sick of|drowning in|buried in)\s+(.+)$/i,
];

// ", and our design team …": after a comma, "and" before a possessive or a pronoun opens a clause of
// its own, even where the parser misses its verb ("our team of four supports 300 courses").
const CLAUSE_AFTER_COMMA = /,\s+and\s+(?=(?:our|their|my|his|her|we|they|i)\s)/i;
// "x and y are my battles" names two problems; "pick and pack errors are a problem" names one.
const namesSeveral = (subject: string, statement: string) =>
  /\b(?:are|two|three|both)\b/i.test(statement.slice(subject.length)) && /\s(?:and|&)\s/.test(subject);

// "Right now: getting …", "Current focus: …": a label over the statement, not part of it.
const FOCUS_LEAD_IN =
  /^\s*(?:right now|currently|these days|(?:my|our|her|his|their|the|top|current|main)?\s*(?:focus|priority|goal|mission|project)(?: right now| this (?:year|quarter))?)\s*[:\-–—]\s*(?=\S)/i;

/** "kiosks are 11 yrs old and break weekly": a clause that opens on its verb shares the subject before it, so it stays with it. */
function withSubjects(part: string, clauses: string[]): string[] {
  const out: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (const clause of clauses) {
    const start = part.indexOf(clause, from);
    if (start < 0) return clauses;
    from = start + clause.length;
    const [first = [], second = []] = (nlp(clause).terms().json() as Array<{ terms: Array<{ tags: string[] }> }>).map((t) => t.terms[0]?.tags ?? []);
    // "route planning is …" has a subject the parser reads as a verb and a noun: that clause stands on its own.
    const opensOnVerb =
      first.includes('Verb') && !first.includes('Noun') && !first.includes('Gerund') && !(second.includes('Noun') && !second.includes('Pronoun'));
    // Rejoined from the sentence itself, so its own words and commas stay.
    if (out.length && opensOnVerb) out[out.length - 1]!.end = from;
    else out.push({ start, end: from });
  }
  return out.map(({ start, end }) => part.slice(start, end));
}

/** Sentences in the text that state a problem, each whole, with the problem's own words where a cue names it. */
export function painStatementsIn(text: string): PainStatement[] {
  const out: PainStatement[] = [];
  for (const raw of sentencesOf(text)) {
    if (/\?$/.test(raw.trim())) continue;
    // Each part of "x; y" states a problem or not on its own; clauses joined by "and" share the
    // sentence's cue ("no-shows are at 18% and our front desks are buried in calls").
    for (const part of raw.replace(BULLET, '').split(/;\s*/)) {
      if (!PAIN_CUE.test(part) || PITCH.test(part)) continue;
      // "x and y are my battles" is one statement, whatever verbs the parser sees in x.
      const clauses = NAMED_AS_PROBLEMS.test(cleanValue(part)) ? [part] : withSubjects(part, clausesOf(part)).flatMap((c) => c.split(CLAUSE_AFTER_COMMA));
      for (const clause of clauses) {
        const statement = cleanValue(clause.replace(FOCUS_LEAD_IN, ''));
        if (statement.length < 8) continue;
        let phrases: string[] = [];
        for (const re of PAIN_OBJECT) {
          const m = re.exec(statement);
          if (!m) continue;
          const phrase = whole(withoutFillers(m[1]!), 120);
          if (phrase) phrases = namesSeveral(m[1]!, statement) ? phrase.split(/\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+/).filter(Boolean) : [phrase];
          break;
        }
        if (out.some((p) => p.statement === statement)) continue;
        phrases = phrases.filter((p) => p.length > 2);
        if (!phrases.length) out.push({ statement });
        for (const phrase of phrases) out.push({ statement, phrase });
      }
    }
  }
  return out;
}

/** The seniority a job title states, with the words that state it ("VP Customer Operations" → VP, "VP"). */
export function seniorityIn(title: string): { seniority: string; quote: string } | undefined {
  const levels: Array<[RegExp, string]> = [
    [/\b(ceo|cto|cfo|cmo|coo|cro|cpo|ciso|chief)\b/i, 'C-level'],
    [/\b(co-?founder|founder|owner|president)\b/i, 'Founder / owner'],
    [/\b(svp|evp|vp|vice president)\b/i, 'VP'],
    [/\b(head of)\b/i, 'Head of department'],
    [/\b(director)\b/i, 'Director'],
    [/\b(manager|lead)\b/i, 'Manager'],
  ];
  for (const [re, seniority] of levels) {
    const m = re.exec(title);
    if (m) return { seniority, quote: m[0] };
  }
  return undefined;
}
