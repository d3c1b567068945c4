import { jobFunctionOf } from '../lib/job-title.js';
import type { LeadPersona } from '../schemas/lead.js';

// Offline rules for the lead persona and email drafting prompts: everything said about the
// lead comes from its record (quoted), the rest is labelled as typical of the role.

type Rec = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const arr = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);

/** "https://www.acme-robotics.io/about" → { host: "acme-robotics.io", name: "Acme Robotics" } */
export function companyFromUrl(url: string): { host: string; name: string } | null {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    if (/linkedin\.com$/.test(host)) return null;
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

const INDUSTRIES: Array<[RegExp, string]> = [
  [/\b(saas|software|platform|app|api|cloud|devtools?)\b/i, 'Software / SaaS'],
  [/\b(retail|e-?commerce|shop|store|d2c|dtc)\b/i, 'Retail and e-commerce'],
  [/\b(logistic\w*|shipping|freight|warehous\w*|fulfil\w*)\b/i, 'Logistics'],
  [/\b(health\w*|clinic\w*|medical|pharma\w*)\b/i, 'Healthcare'],
  [/\b(fintech|bank\w*|payments?|insur\w*|financ\w*)\b/i, 'Financial services'],
  [/\b(agency|marketing services|consult\w*)\b/i, 'Professional services'],
  [/\b(manufactur\w*|factory|industrial)\b/i, 'Manufacturing'],
  [/\b(school|education|edtech|university|learning)\b/i, 'Education'],
];

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

export function leadPersonaOffline(lead: Rec, product: Rec | null): LeadPersona {
  const name = str(lead.name);
  const position = str(lead.position);
  const requirement = str(lead.requirement);
  const site = companyFromUrl(str(lead.websiteUrl));
  const fn = jobFunctionOf(position);
  const typical = (fn && TYPICAL[fn]) || GENERIC;
  const haystack = `${position} ${requirement} ${site?.host ?? ''}`;
  const industry = INDUSTRIES.find(([re]) => re.test(haystack))?.[1] ?? (str(product?.targetMarket) || 'Not stated in the lead’s record');
  const needs = requirement
    ? requirement
        .split(/[.;\n]|,\s*(?:and\s+)?|\band\b/)
        .map((s) => s.trim())
        .filter((s) => s.length > 3)
        .slice(0, 2)
        .map((s) => `Needs ${s[0]!.toLowerCase()}${s.slice(1)}`)
    : [];
  const hooks = [
    requirement && `They are looking for: "${requirement.slice(0, 140)}"`,
    site && `Their website, ${site.host}`,
    position && `Their role as ${position}`,
  ].filter(Boolean) as string[];
  const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);
  const openingLines = [
    requirement && `You mentioned you are looking for ${lowerFirst(requirement.replace(/[.!]+$/, '').slice(0, 140))}.`,
    site && `I was on ${site.host} and had a thought about ${site.name}.`,
    position && `As ${/^[aeiou]/i.test(position) ? 'an' : 'a'} ${position}, you likely juggle more than one of these.`,
  ].filter(Boolean) as string[];
  return {
    title: position ? `${position}${site ? ` at ${site.name}` : ''}` : `${name || 'Lead'}${site ? ` at ${site.name}` : ''}`,
    industry,
    painPoints: [...needs, ...typical.pains].slice(0, 4),
    priorities: typical.priorities,
    icebreakerHooks: hooks.length ? hooks : [`Their name, ${name}`],
    openingLines: openingLines.length ? openingLines : [`I came across your profile and wanted to reach out.`],
    companyContext: site
      ? `${site.name} (${site.host}); the record says nothing more about the company.`
      : 'The record has no company website; only the LinkedIn profile is known.',
    keyTakeaways: `${position || 'This lead'}: ${typical.approach}`,
  };
}

const GREETINGS: Record<string, { hello: (first: string, full: string) => string; bye: string }> = {
  friendly: { hello: (f) => `Hi ${f},`, bye: 'Cheers,' },
  formal: { hello: (_f, full) => `Dear ${full},`, bye: 'Kind regards,' },
  direct: { hello: (f) => `${f} —`, bye: 'Best,' },
  playful: { hello: (f) => `Hey ${f}!`, bye: 'Fingers crossed,' },
};

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : s);

export function emailDraftOffline(args: {
  tone: string;
  senderName: string;
  lead: Rec;
  persona: Rec;
  company: Rec | null;
  product: Rec | null;
  campaign: Rec | null;
  stage: Rec | null;
  instructions: string;
}) {
  const { lead, persona, product, campaign, stage } = args;
  const tone = args.tone.toLowerCase();
  const full = str(lead.name) || 'there';
  const first = full.split(/\s+/)[0]!;
  const greet = GREETINGS[tone] ?? { hello: (f: string) => `Hi ${f},`, bye: 'Best,' };
  const opening = arr(persona.openingLines)[0] ?? '';
  const pain = arr(persona.painPoints)[0] ?? '';
  const productName = str(product?.name) || str(args.company?.name);
  const value = str(product?.valueProposition) || str(product?.description) || str(args.company?.whatItDoes);
  const cta = str(campaign?.callToAction) || 'Would a 20-minute call next week be useful?';
  const followUp = /follow/i.test(args.instructions);
  const painShort = clip(pain.replace(/^Needs\s+/i, ''), 40);
  const subjects: Record<string, string> = {
    friendly: `A quick idea on ${painShort.toLowerCase()}`,
    formal: `Regarding ${painShort.toLowerCase()}`,
    direct: productName ? `${productName}: ${painShort.toLowerCase()}` : `Quick question on ${painShort.toLowerCase()}`,
    playful: `${painShort}? Let's fix that`,
  };
  const lines = [
    greet.hello(first, full),
    '',
    followUp ? `Following up on my last note. ${opening}` : opening,
    pain
      ? /^needs\s/i.test(pain)
        ? `Getting ${pain.replace(/^needs\s+/i, '').replace(/[.]$/, '')} right is something teams in your position often struggle with.`
        : `Teams in your position often tell us that ${pain[0]!.toLowerCase()}${pain.slice(1).replace(/[.]$/, '')} slows them down.`
      : '',
    value ? `${productName || 'We'} ${productName ? 'helps' : 'help'}: ${value.replace(/[.]$/, '')}.` : '',
    stage && str(stage.keyMessage) ? str(stage.keyMessage).replace(/[.]?$/, '.') : '',
    tone === 'playful' ? `${cta} (I promise it's painless.)` : cta,
    '',
    greet.bye,
    args.senderName,
  ];
  const personalDetails = [
    opening && { claim: opening, source: 'persona.openingLines', quote: opening },
    pain && { claim: `Their pain point: ${pain}`, source: 'persona.painPoints', quote: pain },
  ].filter(Boolean);
  return {
    subject: clip(subjects[tone] ?? `An idea for ${first}`, 70),
    body: lines
      .filter((l, i) => l !== '' || lines[i - 1] !== '')
      .join('\n')
      .replace(/\n{3,}/g, '\n\n'),
    personalDetails,
  };
}
