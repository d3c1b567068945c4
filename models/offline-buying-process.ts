// Rule-based answers of the offline model for the buying-process prompts.
import {
  BUYING_PHASE_LABELS,
  STAGE_FIELD_LABELS,
  type BuyingPhase,
  type BuyingProcessModelExtract,
  type BuyingProcessReplyInput,
  type BuyingStage,
  type StageField,
} from '../schemas/buying-process.js';
import { splitList } from './offline-persona.js';

const SKIP = /^\s*(skip|pass|n\/?a|none|no|nope|not now|no thanks|not sure|-+)\s*[.!]?\s*$/i;
const YES = /^\s*(yes|yep|yeah|sure|ok(ay)?|please|go ahead|do it|sounds good|y)\b/i;
const clean = (s: string) =>
  s
    .trim()
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/[.;,!?\s]+$/, '')
    .trim();
const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

const LABELS: Array<[keyof NonNullable<BuyingProcessModelExtract['stage']> | 'persona_name' | 'persona_pain_points', RegExp]> = [
  ['persona_name', /^(?:persona(?:\s*name)?|name)$/i],
  ['persona_pain_points', /^(?:(?:primary\s*)?pain\s*points?|pains?|problems?)$/i],
  ['buyer_actions', /^(?:buyer\s*actions?|what (?:they|the buyer) do(?:es)?|actions?)$/i],
  ['duration', /^(?:duration|how long|time(?:frame)?|length)$/i],
  ['key_influencers', /^(?:(?:key\s*)?influencers?|who influences|stakeholders?)$/i],
  ['seller_actions', /^(?:seller\s*actions?|what we do|our actions?|sales actions?)$/i],
  ['content_type', /^(?:content(?:\s*type)?|assets?|format)$/i],
  ['key_message', /^(?:(?:key\s*)?message|messaging)$/i],
];

const CONTENT_TYPES = [
  'blog post',
  'blog',
  'webinar',
  'case study',
  'case studies',
  'whitepaper',
  'white paper',
  'ebook',
  'e-book',
  'demo',
  'video',
  'newsletter',
  'email sequence',
  'email',
  'podcast',
  'one-pager',
  'comparison page',
  'comparison guide',
  'roi calculator',
  'calculator',
  'checklist',
  'guide',
  'free trial',
  'trial',
  'workshop',
  'report',
  'infographic',
  'social posts',
  'linkedin posts',
  'testimonials',
  'onboarding guide',
  'proposal',
  'pricing page',
  'reference call',
  'playbook',
];

function duration(text: string): string | undefined {
  const m =
    /\b((?:about |around |roughly |up to )?(?:\d+\s*(?:-|–|to)\s*\d+|\d+|a few|several|one|two|three|four|six)\s*(?:days?|weeks?|months?|quarters?|years?))\b/i.exec(
      text,
    );
  return m ? clean(m[1]!) : undefined;
}

function contentTypes(text: string): string | undefined {
  const lower = text.toLowerCase();
  const hits: string[] = [];
  for (const c of CONTENT_TYPES) if (new RegExp(`\\b${c}(?:s|es)?\\b`).test(lower) && !hits.some((h) => h.includes(c))) hits.push(c);
  return hits.length ? hits.map(capitalise).join(', ') : undefined;
}

/** Details out of one message, for the question that was asked. */
export function extractBuyingProcess(message: string, asking: string, phase: BuyingPhase): BuyingProcessModelExtract {
  const text = message.trim();
  if (!text) return {};
  if (phase === 'summary' || asking === 'summary') return YES.test(text) || /\bsummar/i.test(text) ? { wants_summary: true } : {};
  if (SKIP.test(text)) return {};
  if (/\b(write|generate|give me|create|make)\b.*\bsummary\b/i.test(text)) return { wants_summary: true };

  const out: BuyingProcessModelExtract = {};
  const stage: NonNullable<BuyingProcessModelExtract['stage']> = {};

  // "label: value" lines or "; "-separated parts.
  const parts = text.split(/\r?\n|;\s*(?=[A-Za-z ]{2,30}:)/);
  let labelled = false;
  for (const part of parts) {
    const m = /^\s*([A-Za-z][A-Za-z ]{1,30}?)\s*[:=]\s*(.+)$/.exec(part);
    if (!m) continue;
    const field = LABELS.find(([, re]) => re.test(m[1]!.trim()))?.[0];
    if (!field) continue;
    labelled = true;
    if (field === 'persona_name' || field === 'persona_pain_points') out[field] = capitalise(clean(m[2]!));
    else stage[field] = capitalise(clean(m[2]!));
  }

  if (asking === 'stage_choice' && !labelled) {
    const optional = ['Retention', 'Advocacy'].filter((o) => new RegExp(`\\b${o}\\b`, 'i').test(text));
    if (/\b(standard|default|usual|typical|classic|yes|sure|ok)\b/i.test(text)) {
      return { stage_choice: 'standard', ...(optional.length ? { optional_stages: optional } : {}) };
    }
    const listed = text.replace(/^.*?\b(?:custom|our own|my own|own stages?)\b\s*[:\-–]?\s*/i, '');
    const names = /\b(custom|own)\b/i.test(text) && listed === text ? [] : splitList(listed);
    if (names.length >= 2 || (names.length === 1 && listed !== text)) return { stage_choice: 'custom', stage_names: names.map(capitalise) };
    return /\b(custom|own)\b/i.test(text) ? { stage_choice: 'custom' } : {};
  }

  if (!labelled) {
    const fields = asking.split(',').filter(Boolean) as StageField[];
    const first = fields[0];
    if (asking === 'persona_name') out.persona_name = capitalise(clean(text));
    else if (asking === 'persona_pain_points') out.persona_pain_points = capitalise(clean(text));
    else if (first && first !== 'stage_name') {
      // Clauses that plainly state another field asked about go there; the rest answers the
      // field asked first. "They read reviews; it takes 2-4 weeks; the CFO influences them".
      const rest: string[] = [];
      for (const clause of text
        .split(/;\s*|\.\s+|\n+/)
        .map(clean)
        .filter(Boolean)) {
        const influencer =
          /^(?:(?:they are |they're )?influenced by|(?:key )?influencers? (?:are|is)|with input from)\s+(.+)$/i.exec(clause)?.[1] ??
          /^(.+?)\s+(?:influences?|sways?|weighs? in on)\s+(?:them|the decision|the buyer|it)$/i.exec(clause)?.[1];
        const d = duration(clause);
        const mostlyDuration =
          d &&
          clause
            .replace(d, '')
            .replace(/\b(it|this|that|usually|typically|takes?|lasts?|about|around|roughly|over|for|in|stage|the)\b/gi, '')
            .trim().length < 4;
        if (influencer && fields.includes('key_influencers') && first !== 'key_influencers') stage.key_influencers = capitalise(clean(influencer));
        else if (d && fields.includes('duration') && first !== 'duration' && mostlyDuration) stage.duration = d;
        else if (d && fields.includes('duration') && first !== 'duration' && !stage.duration) {
          stage.duration = d;
          const escaped = d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          rest.push(clean(clause.replace(new RegExp(`[\\s,]*(?:and|over|for|in|takes?|lasting|which takes)?\\s*${escaped}`, 'i'), '')));
        } else rest.push(clause);
      }
      const answer = rest.filter(Boolean).join('; ');
      const whole = clean(text);
      if (first === 'duration') stage.duration = duration(text) ?? whole;
      else if (first === 'content_type') stage.content_type = contentTypes(text) ?? capitalise(answer || whole);
      else if (answer) stage[first as keyof typeof stage] = capitalise(answer);
    }
  }
  if (Object.keys(stage).length) out.stage = stage;
  return out;
}

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const fieldLabel = (f: string) => STAGE_FIELD_LABELS[f as StageField]?.toLowerCase() ?? f.replace(/_/g, ' ');

const STAGE_QUESTIONS: Record<string, (stage: string) => string> = {
  buyer_actions: (s) => `In the ${s} stage, what does the buyer do?`,
  duration: (s) => `How long does the ${s} stage usually take?`,
  key_influencers: (s) => `Who influences the buyer in the ${s} stage?`,
  seller_actions: (s) => `In the ${s} stage, what should we do as the seller?`,
  content_type: (s) => `Which content helps in the ${s} stage (e.g. blog posts, webinars, case studies, a demo)?`,
  key_message: (s) => `What is the one message the buyer should hear in the ${s} stage?`,
};

function question(input: Omit<BuyingProcessReplyInput, 'mapJson'>): string {
  const first = input.asking.split(',')[0] ?? '';
  switch (first) {
    case 'persona_name':
      return 'Which buyer persona is this for? Give it a name, or pick one from your persona library.';
    case 'persona_pain_points':
      return 'What are their primary pain points?';
    case 'persona_done':
      return "Change the persona's name or pain points if you like, then press Next to go through the stages again.";
    case 'stage_choice':
      return 'Shall we start from the standard stages (Awareness, Consideration, Decision; Retention and Advocacy can be added) or use your own? Say "standard" or list your stages.';
    case 'summary':
      return 'Want me to write an AI summary of the whole journey? Say "yes", or "skip" to go to the review.';
    case 'review':
      return 'Check the map on the right: complete it when it looks right, or go back to adjust.';
    default: {
      const ask = STAGE_QUESTIONS[first];
      const remaining = input.asking.split(',').slice(1).map(fieldLabel);
      if (!ask) return '';
      const progress = input.stageNumber ? ` (stage ${input.stageNumber} of ${input.stageCount})` : '';
      return `${ask(input.stageName)}${progress}${remaining.length ? ` After that: ${list(remaining)}.` : ''}`;
    }
  }
}

export function buyingProcessReply(input: Omit<BuyingProcessReplyInput, 'mapJson'>): string {
  const ask = question(input);
  const filled = input.filled ? input.filled.split(',').filter(Boolean).map(fieldLabel) : [];
  switch (input.event) {
    case 'started':
      return `Let's map how your buyer buys: we'll define the persona, map their buying stages, line up what you do and say at each stage, and you'll end with a complete buying-process map (and an AI summary if you like). ${ask}`;
    case 'answered':
    case 'edited':
      return `${filled.length ? `Got it: ${list([...new Set(filled.map((f) => (f === 'buying stages' ? 'the stages' : f)))])}.` : 'Noted.'} ${ask}`.trim();
    case 'unclear':
      return input.asking === 'stage_choice'
        ? 'Which stages should we use? Say "standard" for Awareness, Consideration and Decision, or list your own in order, e.g. "Discovery, Evaluation, Purchase".'
        : `I couldn't find an answer in that. ${ask}`;
    case 'empty':
      return `I didn't get a message there. ${ask}`;
    case 'moved':
      return `${BUYING_PHASE_LABELS[input.phase]}. ${ask}`.trim();
    case 'undone':
      return `Undone. ${ask}`.trim();
    case 'summarized':
      return `The AI summary of the journey is in the panel on the right. ${input.phase === 'review' ? ask : ''}`.trim();
    case 'incomplete':
      return `The map can't be completed yet. Still missing: ${input.problems || 'details'}.`;
    case 'completed':
      return "The buying-process map is complete. You can edit the persona, map another persona's process, or finish.";
    case 'reopened':
      return `The map is open for edits again. ${ask}`.trim();
  }
}

/** A Markdown summary built only from the map: overview, one section per stage, recommendations. */
export function summarizeJourney(journey: { persona_name: string; persona_pain_points: string; buying_stages: BuyingStage[] }): string {
  const stages = journey.buying_stages;
  const names = stages.map((s) => s.stage_name);
  const lines = [
    `**${journey.persona_name || 'This persona'}** moves through ${stages.length} stage${stages.length === 1 ? '' : 's'} — ${list(names)}.` +
      (journey.persona_pain_points ? ` What drives them: ${journey.persona_pain_points.replace(/\.$/, '')}.` : ''),
    '',
  ];
  for (const s of stages) {
    lines.push(`### ${s.stage_name}${s.duration ? ` (${s.duration})` : ''}`);
    if (s.buyer_actions) lines.push(`- **The buyer:** ${s.buyer_actions}`);
    if (s.key_influencers) lines.push(`- **Influenced by:** ${s.key_influencers}`);
    if (s.seller_actions) lines.push(`- **We:** ${s.seller_actions}`);
    if (s.content_type || s.key_message) lines.push(`- **With:** ${[s.content_type, s.key_message && `“${s.key_message}”`].filter(Boolean).join(' — ')}`);
    lines.push('');
  }
  const gaps = stages.filter((s) => !s.seller_actions || !s.key_message).map((s) => s.stage_name);
  lines.push('### Recommendations');
  lines.push(
    gaps.length
      ? `- Fill in what we do and say in ${list(gaps)}: those stages have no plan yet.`
      : '- Every stage has a plan: check each key message against the pain points above.',
  );
  const longest = stages.find((s) => /month|quarter|year/i.test(s.duration));
  if (longest) lines.push(`- ${longest.stage_name} takes the longest (${longest.duration}): keep in touch through it rather than waiting.`);
  lines.push(
    `- Reuse the ${stages[0]?.content_type ? `${stages[0].content_type.toLowerCase()} from ${stages[0].stage_name}` : 'early content'} in later stages to keep the message consistent.`,
  );
  return lines.join('\n');
}
