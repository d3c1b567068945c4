// Rule-based answers of the offline model for the persona prompts: deterministic, no network.
// What it takes is the person's own words, whole; what it cannot tell it leaves empty and asks.
import nlp from 'compromise';
import { FUNCTION_OUTLINES, jobFunctionOf } from '../lib/job-title.js';
import { PERSONA_FIELD_LABELS, PERSONA_FIELD_LIMITS, PERSONA_FIELDS, PersonaDraftSchema, type PersonaDraft, type PersonaField } from '../schemas/persona.js';
import { PERSONA_PHASE_LABELS, type PersonaReplyInput } from '../schemas/persona-definition.js';
import { capitalise, cleanValue, companySizeIn, industryIn, lowerFirst, sentencesOf, splitList, whole, withoutFillers } from './offline-text.js';

// The buying-process rules still import splitList from here; its home is offline-text.ts.
export { splitList } from './offline-text.js';

const SKIP = /^\s*(skip|pass|n\/?a|none|no idea|not sure|don'?t know|idk|nothing|-+)\s*[.!]?\s*$/i;
// "idk yet, let's skip this one for now": a short message that asks to skip; "not sure, maybe Director" does not.
const SKIP_INTENT = /\b(?:skip|pass on|come back to|leave (?:it|this|that) for now)\b/i;
const declines = (text: string) => SKIP.test(text) || (text.length <= 80 && SKIP_INTENT.test(text) && !/[:=]/.test(text));

// ---------------------------------------------------------------------------------------------
// Reading a message

/** A message being read: spans already taken are blanked so no later rule reads them twice. */
class Message {
  rest: string;
  /** Fields read from a cue that cannot be a plain answer to another question ("we sell to heads of ops"). */
  readonly strong = new Set<PersonaField>();
  /** Blanked only where free text was taken (a pain, a pitch, a title): industry and size are read here. */
  facts: string;
  constructor(readonly text: string) {
    this.rest = text;
    this.facts = text;
  }
  take(start: number, end: number, field: PersonaField) {
    const blank = (s: string) => s.slice(0, start) + s.slice(start, end).replace(/[^\n]/g, ' ') + s.slice(end);
    this.rest = blank(this.rest);
    if (!FACT_FIELDS.has(field)) this.facts = blank(this.facts);
  }
}
const FACT_FIELDS = new Set<PersonaField>(['industry', 'companySize', 'company']);

type Found = Partial<Record<PersonaField, string | string[]>>;

// "Pain points: …", "title = …": a label the person wrote, anywhere in the message.
const LABELS: Array<[PersonaField, string]> = [
  ['personName', String.raw`persona\s+name|persona|name|archetype`],
  ['title', String.raw`job\s+title|title|position`],
  ['role', String.raw`role|responsibilit(?:y|ies)|function|what they do`],
  ['seniority', String.raw`seniority|level`],
  ['coreGoal', String.raw`(?:core|main|primary|big|biggest)\s+goals?|goals?|objectives?|what (?:they'?re|she'?s|he'?s|they are|she is|he is) trying to do`],
  [
    'painPoints',
    String.raw`(?:(?:main|biggest|big|top|key)\s+)?(?:pain\s*(?:points?|pts)|pains|problems|challenges|struggles|frustrations|headaches|issues)|pain|what keeps (?:them|her|him) up(?: at night)?|what drives (?:them|her|him) (?:nuts|crazy|mad)`,
  ],
  [
    'needForOurProduct',
    String.raw`need\s+for\s+(?:our|the)\s+product|needs?\s+from\s+us|what (?:they|she|he)(?:'d| would)? (?:need|want)s?(?:\s+from\s+us)?|needs?`,
  ],
  ['potentialPitch', String.raw`(?:potential|elevator|our|my|the)\s+pitch|pitch`],
  ['industry', String.raw`industry|sector|vertical`],
  ['companySize', String.raw`company\s+size|size|employees|headcount`],
  ['company', String.raw`company\s+type|company|organi[sz]ation`],
];
// "pains: …", "pains = …", and "pains - …" (a dash with spaces, as people type in chat).
const LABEL_AT = new RegExp(String.raw`(?<![\w-])(${LABELS.map(([, a]) => a).join('|')})(?:\s+(?:are|r|is|include))?(?:\s*[:=]|\s+[-–—]\s)`, 'gi');
const fieldOfLabel = (label: string) => LABELS.find(([, a]) => new RegExp(`^(?:${a})$`, 'i').test(label.trim()))?.[0];

// Fields whose value is a short phrase: it ends with its sentence.
const SHORT = new Set<PersonaField>(['personName', 'title', 'seniority', 'industry', 'companySize', 'company']);

function readLabels(msg: Message, out: Found) {
  const hits = [...msg.text.matchAll(LABEL_AT)].map((m) => ({ field: fieldOfLabel(m[1]!), start: m.index, end: m.index + m[0].length }));
  hits.forEach((hit, i) => {
    if (!hit.field || out[hit.field]) return;
    const segment = msg.text.slice(hit.end, hits[i + 1]?.start ?? msg.text.length);
    const lines = segment.split('\n');
    let value: string;
    if (lines[0]!.trim()) value = lines[0]!;
    else {
      // "Pain points:" on its own line: the lines below, up to a blank line.
      const below = lines.slice(1);
      const stop = below.findIndex((l, j) => j > 0 && !l.trim());
      value = (stop < 0 ? below : below.slice(0, stop)).join('\n');
      if (hit.field !== 'painPoints') value = below.find((l) => l.trim()) ?? '';
    }
    if (SHORT.has(hit.field)) value = sentencesOf(value)[0] ?? value;
    if (hit.field === 'title') value = titleSpan(value);
    // "Industry: telecom - regional fiber ISPs + MVNOs": the industry, then the kind of company.
    if (hit.field === 'industry' && !out.company) {
      const [industry, company] = value.split(/\s+[-–—]\s+/, 2);
      const kind = company && whole(capitalise(cleanValue(company)), PERSONA_FIELD_LIMITS.company);
      if (kind) {
        out.company = kind;
        value = industry!;
      }
    }
    // "need: every inquiry in one inbox. pitch maybe …": the value ends where the next field is named.
    if (!SHORT.has(hit.field) && hit.field !== 'painPoints') {
      const sentences = sentencesOf(value);
      const nextField = sentences.findIndex((x, j) => j > 0 && FIELD_WORD_START.test(x));
      if (nextField > 0) value = sentences.slice(0, nextField).join(' ');
    } else if (hit.field === 'painPoints' && !value.includes('\n')) {
      // "Pain points: a, b and c. We sell through partners." — the list is the first sentence.
      const sentences = sentencesOf(value);
      if (sentences.length > 1 && /[,;]/.test(sentences[0]!)) value = sentences[0]!;
    }
    const used = segment.indexOf(value.trim());
    const end = hit.end + (used < 0 ? segment.length : used + value.trim().length);
    const taken = valueFor(hit.field, value);
    if (taken === undefined) return;
    out[hit.field] = taken;
    msg.take(hit.start, end, hit.field);
  });
}

// "Their title is …", "the biggest headaches are …", "the pitch would be …".
const SENTENCE_LABELS: Array<[PersonaField, string]> = [
  ['personName', String.raw`persona(?:\s+name)?|archetype`],
  ['title', String.raw`(?:job\s+)?title`],
  ['role', String.raw`role|job`],
  ['seniority', String.raw`seniority|level`],
  [
    'coreGoal',
    String.raw`(?:(?:core|main|primary|big|biggest|number one)\s+)?(?:goal|aim|objective|priority)(?:\s+(?:this|next|for\s+the)\s+(?:year|quarter|half|month))?`,
  ],
  [
    'painPoints',
    String.raw`(?:(?:main|biggest|big|top|key|real)\s+)?(?:pain\s*points?|pains?|problems?|challenges?|headaches?|frustrations?|struggles?|issues?)`,
  ],
  ['needForOurProduct', String.raw`(?:(?:main|real|biggest)\s+)?needs?`],
  ['potentialPitch', String.raw`(?:(?:potential|elevator)\s+)?pitch`],
  ['industry', String.raw`industry|sector|vertical`],
  ['companySize', String.raw`(?:company\s+)?size|headcount`],
  ['company', String.raw`company(?:\s+type)?`],
];

const LINK = String.raw`(?:is|are|was|were|would be|will be|include|includes|tends? to be)`;
// "… and the industry is …": where the next stated field begins, this one ends.
const NEXT_STATED = new RegExp(
  String.raw`(?:\s*,\s*|\s+)(?:and\s+|but\s+)?(?:their|the|his|her|its|our|my)\s+(?:${SENTENCE_LABELS.map(([, p]) => p).join('|')})\s+${LINK}\s`,
  'i',
);

function readSentenceLabels(msg: Message, out: Found) {
  for (const [field, phrase] of SENTENCE_LABELS) {
    if (out[field]) continue;
    const re = new RegExp(
      String.raw`(?<![\w-])(?:(?:their|the|his|her|its|our|my)\s+)?(?:${phrase})\s+${LINK}\s+(?:that\s+|probably\s+|basically\s+|really\s+|mostly\s+|mainly\s+|like[.…,]*\s+)?([^\n]+?)(?=[.!?](?:\s|$)|\n|$)`,
      'i',
    );
    const m = re.exec(msg.rest);
    if (!m) continue;
    if (field === 'personName' && /^my\b/i.test(m[0])) continue;
    let value = m[1]!;
    const next = NEXT_STATED.exec(value);
    if (next) value = value.slice(0, next.index);
    // "a regional trucking carrier, about 450 employees": the company type ends at the comma.
    if (field === 'company') value = value.split(',')[0]!;
    if (field === 'title') value = titleSpan(value);
    // "their company is 300 people" is a size, "the company is in freight" an industry: not a company type.
    if (field === 'company' && (/^(?:in|into|based|located|about|around|roughly|\d)/i.test(value) || companySizeIn(value))) continue;
    let taken = valueFor(field, value);
    if (taken === undefined) continue;
    let end = m.index + m[0].length - m[1]!.length + value.length;
    if (field === 'painPoints') ({ items: taken, end } = withContinuedPains(msg.rest, taken as string[], end));
    out[field] = taken;
    msg.take(m.index, end, field);
  }
}

// "The biggest issue is that quotes take three days. Also their reps … And leadership …": the
// sentences that go on with "also", "and", "plus" are more items of the same list.
const CONTINUES = /^(?:also|and|plus|on top of that|another (?:one|thing|issue|problem|pain) is(?: that)?|then there'?s)\b[\s,:]*/i;

function withContinuedPains(text: string, items: string[], end: number): { items: string[]; end: number } {
  const out = [...items];
  let at = end;
  for (const sentence of sentencesOf(text.slice(end).replace(/^[\s.!?]+/, ''))) {
    if (!CONTINUES.test(sentence)) break;
    const found = text.indexOf(sentence, at);
    if (found < 0) break;
    const more = valueFor('painPoints', sentence.replace(CONTINUES, ''));
    if (!more) break;
    out.push(...(more as string[]));
    at = found + sentence.length;
  }
  return { items: out.slice(0, 12), end: at };
}

// A sentence that opens by naming another field ("pitch maybe …", "Goal - …").
const FIELD_WORD_START = /^(?:the\s+|our\s+|my\s+)?(?:pitch|goal|pains?|pain points?|problems?|needs?|title|name|industry|size|role)\b/i;

/** The words of a title answer up to where an aside, a company or an alternative begins. */
function titleSpan(value: string): string {
  const cut = /\s+(?:at|@|in)\s+(?:an?\s+|the\s+)?(?=[\w-]+)|\s+\(|\s+[-–—]\s+|\s+or\s+|;\s*/i.exec(value);
  return cut ? value.slice(0, cut.index) : value;
}

/**
 * The title itself out of "usually 'MSL Manager' or Field Medical Director at mid-size pharma":
 * the first one named, without the hedge before it, the alternatives, the company or an aside.
 */
function titleOnly(value: string): string {
  return cleanValue(titleSpan(value.replace(/^(?:usually|mostly|typically|often|generally|normally)\s+/i, '')));
}

/** A field's value from the words after its label, or nothing when it does not fit whole. */
function valueFor(field: PersonaField, raw: string): string | string[] | undefined {
  if (field === 'painPoints') {
    const items = splitList(raw)
      .map((s) => whole(s, PERSONA_FIELD_LIMITS.painPoints))
      .filter((s): s is string => !!s);
    return items.length ? items.slice(0, 12) : undefined;
  }
  let value = withoutFillers(withoutFillers(raw).replace(/[\s,]+(?:and|but|so|also|plus)$/i, ''));
  if (field === 'role' || field === 'coreGoal') value = value.replace(/^to\s+/i, '');
  if (field === 'title' || field === 'company' || field === 'personName') value = value.replace(/^(?:an?|the)\s+/, '');
  if (field === 'companySize')
    value = companySizeIn(value) ?? (/^[\d~]/.test(value) && !/[a-z]{3}/i.test(value) ? (companySizeIn(`${value} employees`) ?? value) : value);
  if (field === 'seniority') value = seniorityOf(value) ?? value;
  if (field === 'title') value = titleOnly(value);
  if (field === 'role') value = value.replace(/,\s*(?:\w+[- ])?(?:level|lvl)$/i, '');
  if (field === 'title' && TITLE_WHOLE.test(value)) value = titleCase(value);
  if (SKIP.test(value)) return undefined;
  return whole(capitalise(value), PERSONA_FIELD_LIMITS[field]);
}

// Pains said in passing: "they struggle with …", "sick of …".
const PAIN_CUE = String.raw`(?:struggl\w*\s+(?:with|to)|wrestl\w*\s+with|frustrated\s+(?:by|with)|fed up with|tired of|sick of|worried about|suffer\w*\s+from|complain\w*\s+about|annoyed\s+(?:by|with)|stuck with|drowning in|losing sleep over|pain (?:is|points? (?:are|include)))`;

function readPains(msg: Message, out: Found) {
  if (out.painPoints) return;
  const re = new RegExp(String.raw`${PAIN_CUE}\s+(.+?)(?=\s+(?:and\s+)?(?:(?:are|is|they're|gets?|also)\s+)?${PAIN_CUE}|[.;!?\n]|$)`, 'gi');
  const pains: string[] = [];
  for (const m of [...msg.rest.matchAll(re)]) {
    const items = valueFor('painPoints', m[1]!.replace(/\s+(?:and|but)(?:\s+(?:are|is|they're|also))?$/i, ''));
    if (!items) continue;
    pains.push(...(items as string[]));
    msg.take(m.index, m.index + m[0].length, 'painPoints');
  }
  if (pains.length) out.painPoints = pains.slice(0, 12);
}

// Only the persona as subject: in "customers who want to know" the wanting is someone else's.
const SUBJECT = String.raw`(?:they|she|he)(?:'d| would|'re|'s| are| is)?`;
const ADVERB = String.raw`(?:(?:really|just|mainly|mostly|basically|badly|desperately|all|usually)\s+)?`;

/** One field read by one pattern on what is left of the message. */
function readCue(msg: Message, out: Found, field: PersonaField, re: RegExp, value: (m: RegExpExecArray) => string = (m) => m[1]!) {
  if (out[field]) return;
  const m = re.exec(msg.rest);
  if (!m) return;
  const taken = valueFor(field, value(m));
  if (taken === undefined) return;
  out[field] = taken;
  msg.take(m.index, m.index + m[0].length, field);
}

function readProse(msg: Message, out: Found) {
  // "…, director level": said in passing, before the role's sentence takes it in.
  readCue(msg, out, 'seniority', /\b(c-level|executive|vp|director|manager|senior|mid)[- ]level\b/i, (m) =>
    capitalise(m[1]!.toLowerCase() === 'vp' ? 'VP' : m[1]!.toLowerCase()),
  );
  // A pitch first: its sentence speaks of needs and goals that are not the persona's own.
  readCue(
    msg,
    out,
    'potentialPitch',
    /\b(?:we'?d|i'?d|we would|i would|we could|i could|we|i)\s+(?:probably\s+|usually\s+)?pitch\s+(?:it|them|her|him|this|us|our product)?\s*(?:as|like|with|by saying)?\s*(?:something like)?\s*[:,-]?\s*(.+)$/im,
  );
  readCue(msg, out, 'potentialPitch', /\bpitch\s+(?:(?:is|would be|could be|maybe|probably|something like|like)\s+)*["“'‘]([^"”'’\n]{8,})["”'’]/i);
  readPains(msg, out);
  readCue(
    msg,
    out,
    'coreGoal',
    new RegExp(
      String.raw`\b${SUBJECT}\s+${ADVERB}(?:want|wants|aim|aims|are trying|is trying|trying|try|tries|hope|hopes|need|needs|have|has)\s+to\s+([^.;!?\n]+)`,
      'i',
    ),
  );
  // "they're measured on passing SOC 2": what they are judged by is their goal.
  readCue(msg, out, 'coreGoal', new RegExp(String.raw`\b${SUBJECT}\s+(?:measured|judged|evaluated|paid|bonused)\s+on\s+([^.;!?\n]+)`, 'i'));
  // "what they want is to get ahead of maintenance": a goal; "what they want is one screen" is a need.
  readCue(msg, out, 'coreGoal', new RegExp(String.raw`\bwhat (?:they|she|he) (?:really\s+)?(?:want|wants|need|needs) is to\s+([^.;!?\n]+)`, 'i'));
  readCue(
    msg,
    out,
    'needForOurProduct',
    new RegExp(String.raw`\bwhat (?:they|she|he) (?:really\s+)?(?:need|needs|want|wants)(?: from us)? is\s+(?!to\b)([^.;!?\n]+)`, 'i'),
  );
  readCue(
    msg,
    out,
    'needForOurProduct',
    new RegExp(
      String.raw`\b${SUBJECT}\s+${ADVERB}(?:need|needs|want|wants|love|are looking for|is looking for|are after|is after)\s+(?!to\b)((?:an?|some|one|better|real|more|fewer|less|live|proper|the)\b[^.;!?\n]+)`,
      'i',
    ),
  );
  readCue(
    msg,
    out,
    'role',
    new RegExp(
      String.raw`\b${SUBJECT}\s+${ADVERB}((?:runs?|owns?|manages?|oversees?|handles?|looks? after|is responsible for|are responsible for|coordinates?|keeps?)\s+[^.;!?\n]+)`,
      'i',
    ),
  );
  readName(msg, out);
  readTitle(msg, out);
  readCue(
    msg,
    out,
    'company',
    /^\s*((?:[\w&.'-]+\s+){0,3}(?:installers|contractors|distributors|forwarders|agencies|firms|studios|practices|clinics|venues|brands|retailers|manufacturers|carriers|startups|companies))\s+[-–—:]\s+/i,
    (m) => singularCompany(m[1]!),
  );
  readCue(
    msg,
    out,
    'company',
    /\b(?:at|for|in|into|of)\s+(?:an?\s+|the\s+)?(?!(?:the|an?|whole|entire|same|rest|their|our|my)\b)((?:[\w&.'+-]+\s+){1,4}?(?:startups?|compan(?:y|ies)|cos|shops?|practices?|studios?|clinics?|salons?|gyms?|venues?|installers?|forwarders?|isps|mvnos|pharma|firms?|agenc(?:y|ies)|businesses|business|enterprises?|scale-?ups?|retailers?|chains?|banks?|brands?|manufacturers?|providers?|platforms?|carriers?|shippers?|brokers?|brokerages?|distributors?|wholesalers?|fintechs?|saas))\b/i,
    // "a 15-60 person agency": the size is its own field.
    (m) => singularCompany(m[1]!.replace(/^[~\d][\d,.\s–-]*k?\+?\s*(?:person|people|employee|staff)s?\s+/i, '')),
  );
  readCue(
    msg,
    out,
    'seniority',
    /(?:\b(?:is|she'?s|he'?s|they'?re)\s+(?:an?\s+)?|,\s*an?\s+)(c-level|executive|vp|director|manager|senior individual contributor|individual contributor)\b(?!\s+(?:of|at)\b)/i,
    (m) => (m[1]!.length <= 2 ? m[1]!.toUpperCase() : m[1]!.toLowerCase()),
  );
}

function readName(msg: Message, out: Found) {
  if (out.personName) return;
  const m =
    /\b(let'?s|we'?ll|i'?ll|we'?d|i'?d|we|i)\s+call\s+(?:her|him|them|it|this persona|the persona|this one)\s+(?:the\s+)?(["“'‘][^"”'’\n]+["”'’]|[^,.;!?\n]+)/i.exec(
      msg.rest,
    ) ??
    // "Call them Ramp-up Rita." as the message opens.
    /^\s*()call\s+(?:her|him|them|it|this persona|the persona|this one)\s+(?:the\s+)?(["“'‘][^"”'’\n]+["”'’]|[^,.;!?\n]+)/i.exec(msg.rest) ??
    // "what we internally call the 'Firefighting Facilities Manager'": a quoted name only.
    /\b(?:what|who|whom)\s+(?:we|i)\s+(?:\w+\s+)?call\s+(?:the\s+)?()(["“'‘][^"”'’\n]+["”'’])/i.exec(msg.rest) ??
    /\b()(?:the\s+)?persona\s+is\s+called\s+(?:the\s+)?(["“][^"”\n]+["”]|[^,.;!?\n]+)/i.exec(msg.rest) ??
    // "persona name 'Placement Pete'" without a colon.
    /\b()persona\s+name\s+(?:is\s+)?(["“'‘][^"”'’\n]+["”'’])/i.exec(msg.rest) ??
    // "Events Director Elena — director of sales at …": a capitalised name, then a dash and who they are.
    /^()\s*([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){1,4})(?=\s+[—–-]\s+\S)/.exec(msg.rest);
  if (!m) return;
  const raw = m[2]!.trim();
  // "we call them daily" is not a name: a name is quoted, capitalised, or given with "let's call them".
  if (!/^["“]/.test(raw) && !/^[A-Z]/.test(raw) && !/^(?:let'?s|we'?ll|i'?ll)$/i.test(m[1]!) && m[1] !== '') return;
  const taken = valueFor('personName', raw.replace(/\s+persona$/i, ''));
  if (taken === undefined) return;
  out.personName = taken;
  msg.take(m.index, m.index + m[0].length, 'personName');
}

// ---- Job titles ----

const STOP_WORDS =
  'at in for with who whose that and or to from on of the a an is are they their them we our us you your mid across like such as who which where when while each every all many most some maybe probably just really basically actually honestly'.split(
    ' ',
  );
const WORD = String.raw`(?!(?:${STOP_WORDS.join('|')})\b)[a-z][a-z&/-]*`;
const ROLE_NOUNS = String.raw`managers?|mgrs?|leads?|directors?|engineers?|specialists?|analysts?|coordinators?|supervisors?|dispatchers?|planners?|officers?|administrators?`;
const titlePattern = (plural: boolean) => {
  const s = plural ? 's?' : '';
  const roleNouns = plural ? ROLE_NOUNS : ROLE_NOUNS.replace(/s\?/g, '');
  return String.raw`(?:chief\s+[a-z]+(?:\s+[a-z]+)?\s+officer${s}|(?:managing|senior|equity|named)\s+partner${s}|c[etfmorp]o${s}|ciso${s}|cio${s}|co-?founder${s}|founder${s}|owner${s}|president${s}|(?:(?:senior|sr\.?|junior|global|regional|deputy|assistant|associate|group|general|area)\s+)?(?:svp${s}|evp${s}|vp${s}|vice\s+president${s}|head${s}|director${s}|manager${s}|lead${s})\s+of\s+(?:the\s+)?${WORD}(?:\s+(?:&\s+|and\s+)?${WORD}){0,2}|(?:svp${s}|evp${s}|vp${s})\s+${WORD}(?:\s+(?:&\s+|and\s+)?${WORD})?|${WORD}(?:\s+${WORD})?\s+(?:${roleNouns}))`;
};
// "founders/CEOs", "director of ops / VP ops": one title, or two the person joined with a slash.
const joined = (t: string) => String.raw`${t}(?:\s*\/\s*${t})?`;
const TITLE_SINGULAR = joined(titlePattern(false));
const TITLE_ANY = joined(titlePattern(true));
// "We sell to heads of ops", "our buyer is the CFO", "she's the VP of Marketing at …".
const TITLE_CUE = new RegExp(
  String.raw`\b(?:sell(?:s|ing)?\s+(?:in)?to|selling\s+into|target(?:s|ing)?|aimed\s+at|for|buyers?\s+(?:is|are)|talk(?:ing)?\s+to|speak(?:ing)?\s+to|work(?:ing)?\s+with|go(?:ing)?\s+after)\s+(?:the\s+|mostly\s+|mainly\s+|usually\s+)?(${TITLE_ANY})\b`,
  'i',
);
const TITLE_INTRO = new RegExp(String.raw`\b(?:is|are|as|i'?m|they'?re|she'?s|he'?s|works?\s+as)\s+(?:an?|the)\s+(${TITLE_ANY})\b`, 'i');
const TITLE_ANYWHERE = new RegExp(String.raw`\b(${TITLE_SINGULAR})\b`, 'i');
// "plant managers at mid-sized shops", "CEOs of DTC brands": a plural title placed at a company.
const TITLE_AT = new RegExp(String.raw`\b(${TITLE_ANY})\s+(?:at|of|in)\s`, 'i');
// "independent insurance agency owners": the owner is the title, the rest the company type.
// Plural ("agency owners") or with an article ("a salon owner"): "Agency Owner Alex" is a name.
const OWNER_OF = new RegExp(
  String.raw`\b((?:an?\s+|the\s+)?(?:[a-z&/-]+\s+){0,3}(?:agenc(?:y|ies)|firms?|practices?|shops?|studios?|clinics?|brands?|business(?:es)?|compan(?:y|ies)|startups?|restaurants?|hotels?|gyms?|salons?|stores?))\s+(owners?|founders?|co-?founders?|ceos?|presidents?|principals?|partners?)\b`,
  'i',
);
const TITLE_WHOLE = new RegExp(String.raw`^(?:${TITLE_ANY})$`, 'i');

const ACRONYMS = new Set([
  'ceo',
  'cto',
  'cfo',
  'cmo',
  'coo',
  'cro',
  'cpo',
  'cio',
  'ciso',
  'vp',
  'svp',
  'evp',
  'it',
  'hr',
  'qa',
  'ux',
  'seo',
  'gtm',
  'bdr',
  'sdr',
]);
const SMALL = new Set(['of', 'and', '&', 'the', 'for', 'in', 'at', 'to']);
const ROLE_WORDS = new Set(
  'head director manager mgr lead partner principal officer founder co-founder cofounder owner president engineer specialist analyst coordinator supervisor dispatcher planner administrator vp svp evp'.split(
    ' ',
  ),
);
// Adjectives that are part of a title, not a description of the person.
const TITLE_ADJECTIVES = new Set(
  'senior junior regional global general technical financial commercial operational digital national principal chief deputy'.split(' '),
);

/** One person's title in the person's words: "heads of ops" → "Head of Ops", "CFOs" → "CFO"; capitals already typed are kept. */
export function titleCase(title: string): string {
  const words = title
    .trim()
    .replace(/\s*\/\s*/g, ' / ')
    .split(/\s+/);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      const singular = lower.endsWith('s') && (ROLE_WORDS.has(lower.slice(0, -1)) || ACRONYMS.has(lower.slice(0, -1))) ? w.slice(0, -1) : w;
      const base = singular.toLowerCase();
      if (ACRONYMS.has(base)) return base.toUpperCase();
      if (i > 0 && SMALL.has(base)) return singular;
      return singular === base ? capitalise(singular) : singular;
    })
    .join(' ');
}

/** The title without words that describe the person rather than the job ("overwhelmed ops lead" → "ops lead"). */
function withoutDescriptions(title: string): string {
  const words = title.split(/\s+/);
  while (words.length > 2 && !TITLE_ADJECTIVES.has(words[0]!.toLowerCase()) && nlp(words[0]!).has('#Adjective')) words.shift();
  return words.join(' ');
}

// "reports to the COO", "works for the CEO": a title of someone else.
const SOMEONE_ELSE =
  /\b(?:reports?|reporting|answers?|answering|under|below|above|with|from|to|by|for|than|and|convince|persuade)\s+(?:the|their|a|an|our|his|her)?\s*$/i;

function readTitle(msg: Message, out: Found) {
  if (!out.title) {
    const m = OWNER_OF.exec(msg.rest);
    const group = m && (/s$/i.test(m[2]!) || /^(?:an?|the)\s/i.test(m[1]!));
    if (m && group && !SOMEONE_ELSE.test(msg.rest.slice(Math.max(0, m.index - 30), m.index))) {
      out.title = titleCase(m[2]!);
      if (!out.company) {
        const words = withoutFillers(m[1]!).replace(/^(?:(?:an?|the|it'?s|mostly|mainly|usually)\s+)+/i, '');
        const company = whole(capitalise(singularCompany(words)), PERSONA_FIELD_LIMITS.company);
        if (company) out.company = company;
      }
      msg.strong.add('title');
      // The company words stay readable for the industry ("insurance agency owners" → insurance).
      msg.take(m.index, m.index + m[1]!.length, 'company');
      return msg.take(m.index + m[0].length - m[2]!.length, m.index + m[0].length, 'title');
    }
  }
  for (const re of [TITLE_INTRO, TITLE_CUE]) {
    readCue(msg, out, 'title', re, (m) => withoutDescriptions(m[1]!));
    if (out.title) return msg.strong.add('title');
  }
  // Otherwise the first title the message names: a singular one anywhere, or a plural one placed at a company.
  const anywhere = [...msg.rest.matchAll(new RegExp(TITLE_ANYWHERE.source, 'gi'))].map((m) => ({ m, placed: false }));
  const placed = [...msg.rest.matchAll(new RegExp(TITLE_AT.source, 'gi'))].map((m) => ({ m, placed: true }));
  for (const { m, placed: atCompany } of [...anywhere, ...placed].sort((a, b) => a.m.index - b.m.index)) {
    if (SOMEONE_ELSE.test(msg.rest.slice(Math.max(0, m.index - 30), m.index))) continue;
    const taken = valueFor('title', withoutDescriptions(m[1]!));
    if (taken === undefined) continue;
    out.title = taken;
    // "plant managers at …" describes who they sell to: more than a one-word answer.
    if (atCompany) msg.strong.add('title');
    return msg.take(m.index, m.index + m[1]!.length, 'title');
  }
}

const singularCompany = (phrase: string) =>
  cleanValue(phrase).replace(/\b(compan)ies$|\b(agenc)ies$|\b(\w+?)s$/i, (all, a?: string, b?: string, c?: string) =>
    a ? `${a}y` : b ? `${b}y` : c && !/(?:ss|us|saas|business|cos)$/i.test(all) ? c : all,
  );

const LEVEL_WORDS =
  /^(?:c-?level|c-?suite|executive|exec|vp|vice president|director|head|manager|mgr|lead|senior|junior|individual contributor|ic|owner|founder|co-?founder|partner|principal|level|or|and|\/|[\s,.-])+$/i;
/** A short message made only of level words ("partner level / owner basically"). */
const HEDGES = /\b(?:i suppose|i guess|i think|i'd say|basically|probably|maybe|mostly|really|prob)\b/gi;
const isLevelOnly = (text: string) => {
  const words = withoutFillers(text.replace(HEDGES, ' '));
  return text.length <= 60 && /[a-z]/i.test(words) && LEVEL_WORDS.test(words);
};

function seniorityOf(title: string): string | undefined {
  if (/\b(ceo|cto|cfo|cmo|coo|cro|cpo|cio|ciso|chief)\b/i.test(title)) return 'C-level';
  if (/\b(founder|co-founder|owner|president)\b/i.test(title)) return 'Founder / owner';
  if (/\b(vp|svp|evp|vice president)\b/i.test(title)) return 'VP';
  if (/\bhead of\b/i.test(title)) return 'Head of department';
  if (/\bdirector\b/i.test(title)) return 'Director';
  if (/\b(manager|lead)\b/i.test(title)) return 'Manager';
  if (/\b(senior|sr\.?)\b/i.test(title)) return 'Senior individual contributor';
  return undefined;
}

// "not SaaS", "sceptical of SaaS": a word that names what the company is not.
/** Pulls persona fields out of one free-text message, in the person's words. */
export function extractPersonaFields(message: string, askingFor: PersonaField[]): PersonaDraft {
  const text = message.trim();
  if (!text || declines(text)) return {};
  const msg = new Message(text);
  const out: Found = {};
  readLabels(msg, out);
  readSentenceLabels(msg, out);
  // Said outright (a label, "X is …", a size): it cannot be a plain answer to the question asked.
  const stated = Object.keys(out).length > 0;
  readProse(msg, out);
  if (!out.industry) {
    const hit = industryIn(msg.facts);
    if (hit) out.industry = hit.industry;
  }
  const size = out.companySize ? undefined : companySizeIn(msg.facts);
  if (size) out.companySize = size;
  // "VP of Marketing" says its level in its own words; "Ops Lead" → Manager is as far as it goes.
  // A title given alone as the answer to "what's their title?" is only that: the level is asked
  // next (Suggest offers the one the title implies, as a guess to confirm).
  const titleAlone = askingFor[0] === 'title' && Object.keys(out).length === 1;
  if (typeof out.title === 'string' && !out.seniority && !titleAlone) {
    const level = seniorityOf(out.title);
    if (level) out.seniority = level;
  }

  // "c-level i suppose / owner", "partner level": a level, whatever was asked; "mid-level mgmt,
  // maybe senior manager-ish" when the level was asked is that level, not a new title.
  const levelAnswer =
    askingFor[0] === 'seniority' &&
    text.length <= 60 &&
    !/[:=]/.test(text) &&
    /\b(?:level|lvl|mgmt|management|senior|junior|mid|exec\w*|c-suite|manager|director|vp|head|owner|founder|chief|ic|individual contributor)\b/i.test(text);
  if (isLevelOnly(text) || levelAnswer) return sanitize({ seniority: valueFor('seniority', text) as string | undefined });

  // A plain answer answers the question that was asked, unless it clearly describes several
  // things at once ("She's the VP of Marketing at a Series B fintech with 200-500 employees").
  const asked = askingFor[0];
  // A title named in passing, an industry word or a level is not enough to read a message as more than an answer.
  const weakOnly =
    !stated && !size && msg.strong.size === 0 && !out.painPoints && !out.potentialPitch && !out.coreGoal && !out.needForOurProduct && !out.role && !out.company;
  if (asked && !out[asked] && weakOnly) {
    // A sentence is not a persona name: "it's more the director of ops / VP ops" says a title.
    if (asked === 'personName' && !looksLikeName(withoutFillers(text)) && Object.keys(out).length > 0) return sanitize(out);
    const answer = plainAnswer(asked, text);
    return sanitize(answer === undefined ? {} : { [asked]: answer });
  }
  return sanitize(out);
}

/** A persona name is a short label ("Ops Olivia", "The Scrappy Founder"), not a sentence. */
const looksLikeName = (s: string) => s.split(/\s+/).length <= 6 && !/[.!?]\s/.test(s) && !/^(?:it'?s|they|she|he|we|i|wait|actually)\b/i.test(s);

/** The whole message as the answer to the field asked, without hedges; nothing when it does not fit. */
function plainAnswer(field: PersonaField, text: string): string | string[] | undefined {
  if (field === 'painPoints') return valueFor('painPoints', text);
  // "hmm ok so 'Billable-Hours Brenda' is what we call her": the name is the quoted part.
  const quotes = [...text.matchAll(/(?<![\w])["“'‘]([^"“”'‘’\n]{3,60})["”'’](?![\w])/g)];
  if (field === 'personName' && quotes.length === 1) return valueFor(field, quotes[0]![1]!);
  let value = withoutFillers(text);
  if (field === 'personName') value = value.replace(/^the\s+/, '');
  if (field === 'industry' && value.split(/\s+/).length > 3) value = industryIn(value)?.industry ?? value;
  return valueFor(field, value);
}

/** Keeps only values that pass the persona field schema; a value over its limit is dropped, never cut. */
function sanitize(values: Found): PersonaDraft {
  const result: Record<string, unknown> = {};
  for (const field of PERSONA_FIELDS) {
    const value = values[field];
    if (value === undefined) continue;
    const kept = Array.isArray(value) ? value.filter((v) => v.length <= PERSONA_FIELD_LIMITS[field]).slice(0, 12) : whole(value, PERSONA_FIELD_LIMITS[field]);
    const parsed = PersonaDraftSchema.shape[field].safeParse(kept);
    if (parsed.success && parsed.data !== undefined) result[field] = parsed.data;
  }
  return result as PersonaDraft;
}

// ---------------------------------------------------------------------------------------------
// Suggestions: only what follows from what the persona already says; the form marks them as guesses.

/** True when the phrase starts with a verb ("Grow pipeline", "Cut dispatch time"): it reads after "to". */
const startsWithVerb = (phrase: string) =>
  nlp(`they ${lowerFirst(phrase)}`)
    .terms()
    .eq(1)
    .has('#Verb');
const article = (word: string) => (/^(?:[aeiouAEIOU]|[FHLMNRSX](?:[A-Z]|$))/.test(word) && !/^(?:uni|use|eu)/i.test(word) ? 'an' : 'a');
const yourGoal = (goal: string) =>
  lowerFirst(goal)
    .replace(/\btheir\b/g, 'your')
    .replace(/\bthey\b/g, 'you');

/** Values for empty fields that follow from the persona's own words; a field nothing follows for is left out. */
export function suggestPersonaFields(fields: PersonaField[], current: PersonaDraft): PersonaDraft {
  const named = current.personName ? TITLE_ANYWHERE.exec(current.personName)?.[1] : undefined;
  const title = current.title ?? (named ? titleCase(withoutDescriptions(named)) : undefined);
  const fn = jobFunctionOf(`${title ?? ''} ${current.role ?? ''}`);
  const play = fn ? FUNCTION_OUTLINES[fn] : undefined;
  const said = [current.personName, current.title, current.role, current.company, current.coreGoal, current.needForOurProduct, ...(current.painPoints ?? [])]
    .filter(Boolean)
    .join('.\n');
  const industry = current.industry ?? industryIn(said)?.industry;
  const size = current.companySize ?? companySizeIn(said);
  // The persona's own goal or first pain before anything read from the title's function.
  const ownGoal = current.coreGoal && startsWithVerb(current.coreGoal) ? current.coreGoal : undefined;
  const pain = current.painPoints?.[0];
  const goal = ownGoal ?? (pain ? undefined : play?.goal);
  const all: Found = {
    personName: title && (industry ? `${industry} ${title}` : title),
    title,
    role: play?.role,
    seniority: title && seniorityOf(title),
    coreGoal: play?.goal,
    needForOurProduct: goal ? `A way to ${lowerFirst(goal)}` : pain && `Help with "${pain}"`,
    potentialPitch:
      title && (goal || pain)
        ? `For ${article(title)} ${title}${pain ? ` dealing with "${pain}"` : ''}: ${goal ? `we help you ${yourGoal(goal)}` : 'we take that off your plate'}.`
        : undefined,
    industry,
    companySize: size,
    company: industry ? `${size ? `${size.replace(/ employees$/, '')}-person ` : ''}${lowerFirst(industry)} company` : undefined,
  };
  return sanitize(Object.fromEntries(fields.filter((f) => !isSet(current[f])).map((f) => [f, all[f]])) as Found);
}
const isSet = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '');

// ---------------------------------------------------------------------------------------------
// Replies

const QUESTIONS: Record<PersonaField, string> = {
  personName: 'What should we call this persona? A name or archetype works, like "Enterprise CMO" or "Scaling Ops Lead".',
  title: "What's their job title?",
  role: 'What does their role involve: what are they responsible for?',
  seniority: 'How senior are they (C-level, VP, director, manager, individual contributor)? You can say "skip".',
  coreGoal: "What's the main goal they're trying to achieve in their job?",
  painPoints: 'What are their biggest pain points? List as many as you like: bullets, commas or sentences all work.',
  needForOurProduct: 'What do they need from your product specifically?',
  potentialPitch: 'If you had one or two sentences to pitch them, what would you say? You can say "skip".',
  industry: 'Which industry is their company in?',
  companySize: 'How big is their company, roughly how many employees?',
  company: 'What kind of company is it, e.g. "Series B payments startup"? You can say "skip".',
};

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const labelsOf = (fields: string[]) => fields.map((f) => PERSONA_FIELD_LABELS[f as PersonaField]?.toLowerCase() ?? f);

export function questionFor(field: string | undefined): string {
  return field ? (QUESTIONS[field as PersonaField] ?? `Tell me about their ${field}.`) : '';
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
// The acknowledgement reads like the person's own summary: who first, then the company, then what they want.
const ACK_ORDER: PersonaField[] = [
  'personName',
  'title',
  'seniority',
  'role',
  'industry',
  'companySize',
  'company',
  'coreGoal',
  'painPoints',
  'needForOurProduct',
  'potentialPitch',
];

/** What a turn took, in the person's terms: "Head of Ops, logistics, 200–1000 employees, three pain points". */
function acknowledged(fields: string[], persona: PersonaDraft | undefined): string[] {
  if (!persona) return labelsOf(fields);
  // A level read from the title is in the title already.
  const sayNothing = (f: PersonaField) => f === 'seniority' && fields.includes('title') && !!persona.title && seniorityOf(persona.title) === persona.seniority;
  return ACK_ORDER.filter((f) => fields.includes(f) && !sayNothing(f)).map((f) => {
    const value = persona[f];
    const label = PERSONA_FIELD_LABELS[f].toLowerCase();
    if (Array.isArray(value)) return `${NUMBER_WORDS[value.length] ?? value.length} pain point${value.length === 1 ? '' : 's'}`;
    if (!value) return label;
    switch (f) {
      case 'title':
      case 'companySize':
        return value;
      case 'industry':
        return lowerFirst(value);
      case 'seniority':
        return `${value} seniority`;
      default:
        return value.length <= 60 ? `${label} "${value}"` : `the ${label}`;
    }
  });
}

export type PersonaReplyFacts = Omit<PersonaReplyInput, 'currentJson'> & { persona?: PersonaDraft };

/** The assistant's next message, from the facts of the turn. */
export function personaReply(input: PersonaReplyFacts): string {
  const next = input.askingFor[0];
  const reviewNote =
    input.phase === 'review'
      ? input.missingRequired.length
        ? `To finish, I still need the ${list(labelsOf(input.missingRequired))}. ${questionFor(next)}`
        : input.unconfirmed.length
          ? `Everything is filled in. Please confirm or edit the suggested ${list(labelsOf(input.unconfirmed))}, then save.`
          : 'That covers everything. Check the persona in the form and save it to your library, or edit any field first.'
      : '';
  const ask = input.phase === 'review' ? reviewNote : questionFor(next);
  switch (input.event) {
    case 'started':
      return `Hi! Let's define a buyer persona together: who they are, what they want, and the company they work at. ${ask}`;
    case 'answered':
    case 'edited':
      return `${input.filled.length ? `Got it: ${acknowledged(input.filled, input.persona).join(', ')}.` : "OK, we'll leave that out."} ${ask}`.trim();
    case 'unclear':
      return `I couldn't find an answer in that. ${ask || 'Tell me more about this persona.'}`;
    case 'tooLong': {
      const limit = next ? PERSONA_FIELD_LIMITS[next as PersonaField] : undefined;
      const label = next ? (PERSONA_FIELD_LABELS[next as PersonaField]?.toLowerCase() ?? next) : 'answer';
      return `That's longer than the ${label} field holds${limit ? ` (${limit} characters${next === 'painPoints' ? ' per pain point' : ''})` : ''}, and I won't cut your words. Could you say it more briefly?`;
    }
    case 'empty':
      return `I didn't get a message there. ${ask || 'What would you like to change?'}`;
    case 'suggested': {
      const left = input.phase === 'review' ? [] : input.askingFor;
      const cannot = left.length
        ? `Nothing in the persona so far points to the ${list(labelsOf(left))}, so I left ${left.length > 1 ? 'them' : 'it'} empty. ${questionFor(left[0])}`
        : '';
      if (input.filled.length)
        return `I suggested the ${list(labelsOf(input.filled))}. They're marked as suggestions in the form: confirm them or edit them. ${cannot}`.trim();
      return cannot || `There's nothing empty to suggest here. ${ask}`.trim();
    }
    case 'confirmed':
      return `Confirmed. ${ask}`.trim();
    case 'moved':
      return `${PERSONA_PHASE_LABELS[input.phase]}. ${ask}`.trim();
    case 'undone':
      return `Undone: back to the previous step. ${ask}`.trim();
    case 'incomplete': {
      const parts = [];
      if (input.missingRequired.length)
        parts.push(`the ${list(labelsOf(input.missingRequired))} ${input.missingRequired.length > 1 ? 'are' : 'is'} still missing`);
      if (input.unconfirmed.length)
        parts.push(`the suggested ${list(labelsOf(input.unconfirmed))} need${input.unconfirmed.length > 1 ? '' : 's'} your confirmation`);
      return `Not saved yet: ${parts.join(', and ')}. ${questionFor(input.missingRequired[0])}`.trim();
    }
    case 'saved':
      return 'Saved to your persona library. You can keep editing here and save again: every save keeps the previous version.';
  }
}
