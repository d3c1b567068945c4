// Rule-based answers of the offline model for the persona prompts: deterministic, no network.
// Good enough to complete the wizard by chat; a real provider writes better prose.
import { jobFunctionOf } from '../lib/job-title.js';
import { PERSONA_FIELD_LABELS, PERSONA_FIELDS, PersonaDraftSchema, type PersonaDraft, type PersonaField } from '../schemas/persona.js';
import { PERSONA_PHASE_LABELS, type PersonaReplyInput } from '../schemas/persona-definition.js';

const SKIP = /^\s*(skip|pass|n\/?a|none|no idea|not sure|don'?t know|idk|nothing|-+)\s*[.!]?\s*$/i;

const LABELS: Array<[PersonaField, RegExp]> = [
  ['personName', /^(?:persona(?:\s*name)?|name|archetype|call (?:them|it|her|him))$/i],
  ['title', /^(?:job\s*)?title$|^position$/i],
  ['role', /^role|^responsibilit(?:y|ies)$|^function$|^what they do$/i],
  ['seniority', /^seniority|^level$/i],
  ['coreGoal', /^(?:core\s*|main\s*|primary\s*)?goals?$|^objectives?$/i],
  ['painPoints', /^pain\s*points?$|^pains?$|^problems?$|^challenges?$|^struggles?$|^frustrations?$/i],
  ['needForOurProduct', /^need(?:s)?(?: for our product| from us| from our product)?$|^what they want(?: from us)?$/i],
  ['potentialPitch', /^(?:potential\s*)?pitch$/i],
  ['industry', /^industry$|^sector$|^vertical$/i],
  ['companySize', /^(?:company\s*)?size$|^employees$|^headcount$/i],
  ['company', /^company(?:\s*type)?$|^organi[sz]ation$/i],
];

// "Their title is ...", "the industry is ...".
const SENTENCE_LABELS: Array<[PersonaField, string]> = [
  ['personName', '(?:persona name|name|archetype)'],
  ['title', '(?:job title|title)'],
  ['role', 'role'],
  ['seniority', '(?:seniority|level)'],
  ['coreGoal', '(?:core goal|main goal|goal)'],
  ['painPoints', '(?:pain points|biggest problems|problems|challenges)'],
  ['needForOurProduct', '(?:need|needs)'],
  ['potentialPitch', 'pitch'],
  ['industry', '(?:industry|sector)'],
  ['companySize', '(?:company size|size|headcount)'],
  ['company', '(?:company type|company)'],
];

const INDUSTRIES = [
  'fintech',
  'saas',
  'healthcare',
  'healthtech',
  'e-commerce',
  'ecommerce',
  'retail',
  'manufacturing',
  'logistics',
  'education',
  'edtech',
  'insurance',
  'insurtech',
  'banking',
  'real estate',
  'proptech',
  'media',
  'cybersecurity',
  'telecom',
  'energy',
  'automotive',
  'hospitality',
  'travel',
  'legal',
  'legaltech',
  'construction',
  'agriculture',
  'biotech',
  'pharma',
  'gaming',
  'nonprofit',
  'government',
  'consulting',
  'marketing agency',
  'software',
];

const PLAYBOOK: Record<string, { role: string; goal: string; pains: string[] }> = {
  marketing: {
    role: 'Owns brand, demand generation and the marketing budget',
    goal: "Grow qualified pipeline while proving marketing's return on spend",
    pains: ['Hard to attribute pipeline to campaigns', 'Too many tools that do not talk to each other', 'Small team asked to do more each quarter'],
  },
  sales: {
    role: 'Runs the sales team and owns the revenue number',
    goal: 'Hit the revenue target with a predictable pipeline',
    pains: ['Reps spend too much time on unqualified leads', 'Forecasts are guesswork', 'Long sales cycles stall deals'],
  },
  engineering: {
    role: 'Leads the engineering team and the technical roadmap',
    goal: 'Ship reliable software faster without growing headcount',
    pains: ['Too much time spent on maintenance instead of new work', 'Hiring senior engineers is slow', 'Security and compliance reviews block releases'],
  },
  finance: {
    role: 'Owns budgets, reporting and spend approval',
    goal: 'Keep spend under control and forecasts accurate',
    pains: ['Month-end close takes too long', 'Spend is scattered across tools and cards', 'Hard to see return on new software'],
  },
  product: {
    role: 'Decides what gets built and measures adoption',
    goal: 'Ship what customers value and prove adoption',
    pains: ['Feedback is scattered across channels', 'Roadmap pressure from every team', 'Hard to measure what a release changed'],
  },
  people: {
    role: 'Owns hiring, onboarding and retention',
    goal: 'Hire and keep the right people as the company grows',
    pains: ['Hiring takes too long', 'Onboarding is inconsistent', 'Attrition is rising'],
  },
  operations: {
    role: 'Keeps the business running smoothly as it scales',
    goal: 'Run the business efficiently as it scales',
    pains: ['Manual processes break as volume grows', 'Data lives in spreadsheets', 'Hard to get visibility across teams'],
  },
  leadership: {
    role: 'Sets direction and signs off on significant purchases',
    goal: 'Grow the company profitably',
    pains: ['Not enough time for strategy', 'Hard to know which bets pay off', 'Scaling the team without losing quality'],
  },
  general: {
    role: 'Responsible for their team’s results',
    goal: "Hit their team's targets with less manual work",
    pains: ['Too much manual work', 'Tools that do not fit how the team works', 'Pressure to do more with the same budget'],
  },
};

const clean = (s: string) =>
  s
    .trim()
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/[.;,!?\s]+$/, '')
    .trim();
const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function splitList(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•·]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);
  let items: string[];
  if (lines.length > 1) items = lines;
  else if (/;/.test(text)) items = text.split(';');
  else if (/[.!?]\s+\S/.test(text)) items = text.split(/(?<=[.!?])\s+/);
  else items = text.split(/,\s*|\s+and\s+/i);
  return items
    .map(clean)
    .filter((s) => s.length > 1)
    .map(capitalise);
}

function seniorityOf(title: string): string | undefined {
  if (/\b(ceo|cto|cfo|cmo|coo|cro|cpo|ciso|chief)\b/i.test(title)) return 'C-level';
  if (/\b(founder|co-founder|owner|president)\b/i.test(title)) return 'Founder / owner';
  if (/\b(vp|svp|evp|vice president)\b/i.test(title)) return 'VP';
  if (/\bhead of\b/i.test(title)) return 'Head of department';
  if (/\bdirector\b/i.test(title)) return 'Director';
  if (/\b(manager|lead)\b/i.test(title)) return 'Manager';
  if (/\b(senior|sr\.?)\b/i.test(title)) return 'Senior individual contributor';
  return undefined;
}

const functionOf = (text: string) => jobFunctionOf(text) ?? 'general';

function industryIn(text: string): string | undefined {
  const lower = text.toLowerCase();
  const hit = INDUSTRIES.find((i) => new RegExp(`\\b${i.replace(/[-/]/g, '\\$&')}\\b`).test(lower));
  if (!hit) return undefined;
  return hit === 'saas' ? 'SaaS' : hit.split(' ').map(capitalise).join(' ');
}

function sizeIn(text: string): string | undefined {
  const range = /(\d[\d,.]*\s*(?:k)?\s*(?:-|–|to)\s*\d[\d,.]*\s*(?:k)?|\d[\d,.]*\s*k?\+?)[\s-]*(?:employees|people|staff|person|fte|headcount)/i.exec(text);
  if (range) return `${range[1]!.replace(/\s+/g, '').replace(/to/i, '-')} employees`;
  return undefined;
}

const TITLE = String.raw`(?:chief [a-z]+ officer|ceo|cto|cfo|cmo|coo|cro|founder|co-founder|owner|president|(?:svp|evp|vp|vice president|head|director)(?: of)? [a-z][a-z &/]*?|(?:[a-z]+ ){1,2}(?:manager|lead|director|engineer|specialist|analyst|coordinator))`;
const TITLE_ANYWHERE = new RegExp(String.raw`\b${TITLE}\b`, 'i');
const TITLE_WHOLE = new RegExp(String.raw`^${TITLE}$`, 'i');

/** Pulls persona fields out of one free-text message. */
export function extractPersonaFields(message: string, askingFor: PersonaField[]): PersonaDraft {
  const text = message.trim();
  if (!text || SKIP.test(text)) return {};
  const out: Record<string, string | string[]> = {};

  // "label: value" lines and "label is value" sentences.
  const segments = text.split(/\r?\n(?=\s*[A-Za-z][A-Za-z ]{1,30}\s*[:=])/);
  for (const segment of segments) {
    const m = /^\s*([A-Za-z][A-Za-z ]{1,30}?)\s*[:=]\s*([\s\S]+)$/.exec(segment);
    if (!m) continue;
    const field = LABELS.find(([, re]) => re.test(m[1]!.trim()))?.[0];
    if (field) out[field] = field === 'painPoints' ? splitList(m[2]!) : clean(m[2]!);
  }
  const labelled = Object.keys(out).length > 0;
  // Signals that cannot be mistaken for a plain answer to another question.
  let unambiguous = labelled;
  for (const [field, phrase] of SENTENCE_LABELS) {
    if (out[field]) continue;
    const m = new RegExp(`\\b(?:their|the|his|her|its)\\s+${phrase}\\s+(?:is|are|was|would be)\\s+([^.\\n]+)`, 'i').exec(text);
    if (m) out[field] = field === 'painPoints' ? splitList(m[1]!) : clean(m[1]!);
  }

  const PAIN_CUE = String.raw`(?:struggl\w* (?:with|to)|frustrated (?:by|with)|worried about|pain (?:is|points? (?:are|include)))`;
  const painsInProse = !out.painPoints
    ? [...text.matchAll(new RegExp(`${PAIN_CUE}\\s+(.+?)(?=\\s+(?:and\\s+)?(?:(?:are|is|they're|gets?)\\s+)?${PAIN_CUE}|[.;\\n]|$)`, 'gi'))].flatMap((m) =>
        splitList(m[1]!),
      )
    : [];
  if (painsInProse.length) out.painPoints = painsInProse;
  if (!out.coreGoal) {
    const m = /\b(?:they|she|he)\s+(?:want|wants|need|needs|aim|aims)\s+to\s+([^.;\n]+)/i.exec(text) ?? /\bgoal (?:is )?to\s+([^.;\n]+)/i.exec(text);
    if (m) out.coreGoal = capitalise(clean(m[1]!));
  }
  if (!out.personName) {
    const m =
      /\b(?:we|i|let'?s)\s+call\s+(?:her|him|them|it|this persona)\s+(?:the\s+)?["“]?([^,.;\n"”]+)/i.exec(text) ??
      /\b(?:the\s+)?persona\s+is\s+(?:called\s+)?["“]?([^,.;\n"”]+)/i.exec(text);
    if (m) out.personName = capitalise(clean(m[1]!));
  }
  if (!out.title) {
    // "She is the Head of Operations, ...", "as a VP of Sales at a ..." — a title right after the verb.
    const intros = [...text.matchAll(/\b(?:is|are|as|i'?m|they'?re|she'?s|he'?s|works as)\s+(?:an?|the)\s+([^,.;\n]+)/gi)].map((m) => m[1]!);
    let candidate: string | undefined;
    for (const intro of intros) {
      const phrase = clean(intro.replace(/\s+(?:at|in|for|with)\s+(?:an?|the)\s+.*$/i, ''));
      if (TITLE_WHOLE.test(phrase)) {
        candidate = phrase;
        break;
      }
    }
    // Otherwise a title anywhere, but not inside the persona's name.
    candidate ??= TITLE_ANYWHERE.exec(out.personName ? text.replace(String(out.personName), ' ') : text)?.[0];
    if (candidate) out.title = capitalise(clean(candidate));
  }
  if (!out.company) {
    const m =
      /\b(?:at|for|in)\s+(?:an?|the)\s+(?!(?:whole|entire|same|rest of the)\b)([^,.;\n]*?(?:startup|company|firm|agency|business|enterprise|scale-?up|retailer|bank|brand|manufacturer|provider|platform|fintech|saas))\b/i.exec(
        text,
      );
    if (m) out.company = capitalise(clean(m[1]!));
  }
  if (!out.seniority) {
    const m =
      /(?:\b(?:is|she'?s|he'?s|they'?re)\s+(?:an?\s+)?|,\s*an?\s+)(c-level|executive|vp|director|manager|senior individual contributor|individual contributor)\b(?!\s+(?:of|at)\b)/i.exec(
        text,
      );
    if (m) out.seniority = m[1]!.length <= 2 ? m[1]!.toUpperCase() : capitalise(m[1]!.toLowerCase());
  }
  if (!out.industry) {
    const industry = industryIn(text);
    if (industry) out.industry = industry;
  }
  if (!out.companySize) {
    const size = sizeIn(text);
    if (size) {
      out.companySize = size;
      unambiguous = true;
    }
  }
  if (!out.seniority && typeof out.title === 'string') {
    const s = seniorityOf(out.title);
    if (s) out.seniority = s;
  }

  // A plain answer answers the question that was asked, unless it clearly describes several
  // things at once ("She's the VP of Marketing at a 200-person fintech").
  const asked = askingFor[0];
  const describesSeveral = Object.keys(out).length >= 2 && text.split(/\s+/).length > 6;
  if (asked && !out[asked] && !unambiguous && painsInProse.length === 0 && !describesSeveral) {
    const answer = asked === 'painPoints' ? splitList(text) : asked === 'seniority' ? (seniorityOf(text) ?? clean(text)) : capitalise(clean(text));
    return sanitize({ [asked]: answer });
  }
  return sanitize(out);
}

/** Keeps only values that pass the persona field schema, trimmed to their limits. */
function sanitize(values: Record<string, unknown>): PersonaDraft {
  const result: Record<string, unknown> = {};
  for (const field of PERSONA_FIELDS) {
    const value = values[field];
    if (value === undefined) continue;
    const parsed = PersonaDraftSchema.shape[field].safeParse(
      Array.isArray(value)
        ? value.map((v) => String(v).slice(0, 300)).slice(0, 12)
        : String(value).slice(0, field === 'needForOurProduct' || field === 'potentialPitch' ? 600 : 120),
    );
    if (parsed.success && parsed.data !== undefined) result[field] = parsed.data;
  }
  return result as PersonaDraft;
}

/** Plausible values for empty fields, derived from what the persona already says. */
export function suggestPersonaFields(fields: PersonaField[], current: PersonaDraft): PersonaDraft {
  const fn = functionOf(`${current.title ?? ''} ${current.role ?? ''} ${current.personName ?? ''}`);
  const play = PLAYBOOK[fn]!;
  const title = current.title ?? (fn === 'general' ? 'Head of Operations' : `Head of ${capitalise(fn)}`);
  const industry = current.industry ?? 'B2B software';
  const companySize = current.companySize ?? '50-200 employees';
  const pains = current.painPoints?.length ? current.painPoints : play.pains;
  const goal = current.coreGoal ?? play.goal;
  const all: Record<PersonaField, string | string[]> = {
    personName: `${industry.replace(/\b[a-z]/g, (c) => c.toUpperCase())} ${title}`,
    title,
    role: play.role,
    seniority: seniorityOf(title) ?? 'Manager',
    coreGoal: goal,
    painPoints: play.pains,
    needForOurProduct: `A simpler way to deal with: ${pains[0]!.toLowerCase()}`,
    potentialPitch: `For a ${title} at a ${industry} company who is tired of "${pains[0]!.toLowerCase()}": we help you ${goal[0]!.toLowerCase()}${goal.slice(1).replace(/\btheir\b/g, 'your')}.`,
    industry,
    companySize,
    company: `${companySize.replace(/ employees$/, '-person')} ${industry} company`,
  };
  return sanitize(Object.fromEntries(fields.map((f) => [f, all[f]])));
}

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

const list = (fields: string[]) => {
  const labels = fields.map((f) => PERSONA_FIELD_LABELS[f as PersonaField]?.toLowerCase() ?? f);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
};

export function questionFor(field: string | undefined): string {
  return field ? (QUESTIONS[field as PersonaField] ?? `Tell me about their ${field}.`) : '';
}

/** The assistant's next message, from the facts of the turn. */
export function personaReply(input: Omit<PersonaReplyInput, 'currentJson'>): string {
  const next = input.askingFor[0];
  const reviewNote =
    input.phase === 'review'
      ? input.missingRequired.length
        ? `To finish, I still need the ${list(input.missingRequired)}. ${questionFor(next)}`
        : input.unconfirmed.length
          ? `Everything is filled in. Please confirm or edit the suggested ${list(input.unconfirmed)}, then save.`
          : 'That covers everything. Check the persona on the right and save it to your library, or edit any field first.'
      : '';
  const ask = input.phase === 'review' ? reviewNote : questionFor(next);
  switch (input.event) {
    case 'started':
      return `Hi! Let's define a buyer persona together: who they are, what they want, and the company they work at. ${ask}`;
    case 'answered':
    case 'edited':
      return `${input.filled.length ? `Got it: ${list(input.filled)}.` : "OK, we'll leave that out."} ${ask}`.trim();
    case 'unclear':
      return `I couldn't find an answer in that. ${ask || 'Tell me more about this persona.'}`;
    case 'empty':
      return `I didn't get a message there. ${ask || 'What would you like to change?'}`;
    case 'suggested':
      return input.filled.length
        ? `I suggested the ${list(input.filled)}. They're marked as suggestions in the form: confirm them or edit them.`
        : `There's nothing empty to suggest here. ${ask}`;
    case 'confirmed':
      return `Confirmed. ${ask}`.trim();
    case 'moved':
      return `${PERSONA_PHASE_LABELS[input.phase]}. ${ask}`.trim();
    case 'undone':
      return `Undone: back to the previous step. ${ask}`.trim();
    case 'incomplete': {
      const parts = [];
      if (input.missingRequired.length) parts.push(`the ${list(input.missingRequired)} ${input.missingRequired.length > 1 ? 'are' : 'is'} still missing`);
      if (input.unconfirmed.length) parts.push(`the suggested ${list(input.unconfirmed)} need${input.unconfirmed.length > 1 ? '' : 's'} your confirmation`);
      return `Not saved yet: ${parts.join(', and ')}. ${questionFor(input.missingRequired[0])}`.trim();
    }
    case 'saved':
      return 'Saved to your persona library. You can keep editing here and save again: every save keeps the previous version.';
  }
}
