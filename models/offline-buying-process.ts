// Rule-based answers of the offline model for the buying-process prompts.
import nlp from 'compromise';
import {
  BUYING_PHASE_LABELS,
  STAGE_FIELD_LABELS,
  type BuyingPhase,
  type BuyingProcessModelExtract,
  type BuyingProcessReplyInput,
  type BuyingStage,
  type StageField,
} from '../schemas/buying-process.js';
import { capitalise, cleanValue, isClause, lowerFirst, splitList, whole, withoutFillers } from './offline-text.js';

type Detail = Exclude<StageField, 'stage_name'>;
type Field = Detail | 'persona_name' | 'persona_pain_points';

const SKIP = /^\s*(skip|pass|n\/?a|none|no|nope|not now|no thanks|not sure|-+)\s*[.!]?\s*$/i;
const YES = /^\s*(yes|yep|yeah|sure|ok(ay)?|please|go ahead|do it|sounds good|y)\b/i;

// A mention of the persona library: the flow links the saved persona, so it is never a typed name.
const LIBRARY_REFERENCE = /\b(?:(?:my|our|the) (?:persona )?library|saved personas?|library personas?|(?:one|persona) (?:i|we) (?:saved|made|built))\b/i;

const WHO_IS_INVOLVED = String.raw`who(?:['’]?s| is| are|['’]re)? (?:involved|in the room|at the table)`;

// Labels a person writes before a value ("content type: webinar"), read anywhere in a message.
const LABELS: Array<[Field, string]> = [
  ['persona_name', String.raw`persona(?: name)?|name`],
  ['persona_pain_points', String.raw`(?:primary |main |key )?pain ?points?|pains|problems|challenges|headaches`],
  ['buyer_actions', String.raw`buyer actions?|what (?:they|the buyer) do(?:es)?|buyer does|(?:buyer )?activities`],
  ['duration', String.raw`duration|how long|time ?frame|timeline|length|time it takes`],
  // "whos involved:", "who's involved:", "who is involved:": typed in a hurry, still the influencers.
  ['key_influencers', String.raw`(?:key )?influencers?|who influences(?: them)?|stakeholders?|decision makers?|people involved|${WHO_IS_INVOLVED}`],
  ['seller_actions', String.raw`seller actions?|sales actions?|what we do|our actions?|we do`],
  ['content_type', String.raw`content(?: types?|[- ]?wise)?|assets?|collateral|format`],
  ['key_message', String.raw`(?:key |core |main )?(?:message|msg)|messaging|talk track`],
];
// "key msg should be 'X'": the key message said in a sentence is labelled as plainly as with a colon.
const LABEL_RE = new RegExp(
  String.raw`(?<=^|[\s;.,!?(])(?:(${LABELS.map(([, re]) => `(?:${re})`).join('|')})\s*[:=]\s*|(?:(?:and|but|plus)\s+)?(?:(?:the|our|my)\s+)?((?:key|core|main) (?:message|msg))\s+(?:should be|would be|is)\s+)`,
  'gi',
);
const labelField = (label: string) => LABELS.find(([, re]) => new RegExp(`^(?:${re})$`, 'i').test(label.trim()))?.[0];

// The bullet or dash that opens the next line ("…sheet\n- message: …") never ends a value.
const withoutTrailingMarks = (s: string) => s.replace(/[\s\-–—*•·,;:.]+$/, '');

/** Labelled values wherever they stand, and the unlabelled text before the first label. */
function labelled(text: string): { values: Partial<Record<Field, string>>; rest: string } {
  const hits = [...text.matchAll(LABEL_RE)].map((m) => ({ field: labelField(m[1] ?? m[2]!), start: m.index, end: m.index + m[0].length }));
  const values: Partial<Record<Field, string>> = {};
  hits.forEach((h, i) => {
    const value = withoutTrailingMarks(withoutFillers(text.slice(h.end, hits[i + 1]?.start ?? text.length)));
    if (!h.field || !value) return;
    // "whos involved: the ops manager and usually the owner weighs in": the people, as an unlabelled answer would give them.
    const people = h.field === 'key_influencers' ? influencerIn(value) : undefined;
    values[h.field] =
      h.field === 'persona_pain_points'
        ? painPoints(value)
        : capitalise(h.field === 'key_message' ? cleanValue(value).replace(/^that\s+/i, '') : (people ?? value));
  });
  return { values, rest: hits.length ? text.slice(0, hits[0]!.start) : text };
}

// What introduces a list of pains ("pains r:", "biggest ones:", "their main problems are"): a lead-in, not part of the first pain.
const PAIN_KIND = String.raw`pains?|pain points?|problems?|headaches?|challenges?|struggles?|issues`;
const PAIN_LEAD_WORDS = String.raw`(?:(?:their|the|her|his|my|our)\s+)?(?:(?:main|biggest|primary|key|top|big)\s+(?:ones|${PAIN_KIND})|${PAIN_KIND})`;
// At the start any lead-in counts ("the problem is …"); after other words only one that plainly opens a list ("pains r: …").
const PAIN_LEAD_IN = new RegExp(
  String.raw`^${PAIN_LEAD_WORDS}(?:\s*[:=\-–—]\s*|\s+(?:are|is|r|include)\b[\s:\-–—.]*)(?=\S)|(?<=[.!?;:]\s+|\s[-–—]\s+|\n\s*)${PAIN_LEAD_WORDS}(?:\s*[:=\-–—.]\s*|\s+(?:are|r|include)\b[\s:\-–—.]*)(?=\S)`,
  'i',
);

// "top of my head:", "off the top of my head,", "i'd say": how the person starts thinking, never a pain of its own.
const THINKING_ALOUD =
  /^\s*(?:(?:ok(?:ay)?|so|hmm+|well|um+)[\s,.]+)*(?:(?:off the |from the )?top of (?:my|the) head|if i had to (?:guess|pick|say)|i(?:'|’)?d say|i would say|let me think|lemme think|in no particular order|(?:just )?(?:a few|some|the ones?) (?:that )?(?:come|comes|spring|springs) to mind)\b\s*(?:[:,\-–—.]+|\.{3}|…)?\s*/i;

// A pain added as an afterthought: "…. oh and online reviews", "…, oh and the reporting".
const AFTERTHOUGHT = /(?:[.!?]\s+|,?\s+)(?=(?:oh|ah),?\s+(?:and|also|plus|yeah)\b)|(?<=[.!?])\s+(?=(?:and|also|plus)\s)/i;

/** "the big ones:\n• a\n• b": a first line ending in a colon above bulleted items introduces them, it is not one of them. */
function withoutHeading(list: string): string {
  const [head, ...lines] = list.trim().split(/\r?\n/);
  const bulleted = lines.filter((l) => /^\s*(?:[-*•·–]|\d+[.)])\s+/.test(l)).length;
  return /:\s*$/.test(head!) && !/^\s*(?:[-*•·–]|\d+[.)])\s+/.test(head!) && bulleted >= 2 ? lines.join('\n') : list;
}

/** Pain points as the person wrote them; a bulleted or line-by-line list, or a run of clauses, becomes "a; b; c". */
function painPoints(text: string): string {
  // What comes before the lead-in is context about the persona ("she runs 2-5 clinics"), not a pain.
  const lead = PAIN_LEAD_IN.exec(text);
  const said = (lead ? text.slice(lead.index + lead[0].length) : text).replace(THINKING_ALOUD, '');
  if (/\n/.test(said.trim())) return splitList(withoutHeading(said)).join('; ');
  const clauses = said
    .split(/\s*;\s*/)
    .flatMap((piece) => piece.split(AFTERTHOUGHT))
    .map((piece) => piece.replace(/^(?:oh|ah),?\s+(?:and|also|plus|yeah),?\s+/i, ''))
    .flatMap(clausesOf)
    .map(withoutFillers)
    .filter(Boolean);
  return clauses.length > 1 ? capitalise(clauses.join('; ')) : capitalise(withoutFillers(said));
}

// A piece that states a problem on its own: a verb and enough words to be a sentence ("approvals chase through email"), not a
// noun phrase a parser may misread ("carrier delays", "slow close").
// A piece that leans on another ("which nobody reads", "when deals slip") is part of that sentence.
const isStatement = (piece: string) =>
  piece.split(/\s+/).length >= 3 &&
  !/^(?:which|that|who|whom|whose|where|when|while|because|since|so|if|unless|although|though|as|until|before|after|or)\b/i.test(piece) &&
  isClause(piece);

/**
 * Comma-separated clauses as separate items ("they can't prove attribution, the CEO wants more leads and the tooling is
 * duct-taped together"); an "and" splits only where both sides are clauses. A phrase list ("slow close, scattered spend") stays whole.
 */
function clausesOf(text: string): string[] {
  const pieces = text
    .split(/\s*,\s*/)
    .map((p) => p.replace(/^(?:and|but|plus|also)\s+/i, ''))
    .filter(Boolean);
  if (pieces.length < 2 && !/\band\b/i.test(text)) return [text.replace(/^(?:and|but|plus|also)\s+/i, '')];
  const split = pieces.flatMap((p) => {
    for (const m of p.matchAll(/\s+and\s+/gi)) {
      const [a, b] = [p.slice(0, m.index), p.slice(m.index + m[0].length)];
      if (isStatement(a) && isStatement(b)) return [a, b];
    }
    return [p];
  });
  return split.length > 1 && split.every(isStatement) ? split : [text.replace(/^(?:and|but|plus|also)\s+/i, '')];
}

// ---- Recognising what a part of an answer is ----

const NUMBER_WORDS = 'a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple(?: of)?|several|half an?|a half';
// Short forms too: "2 wks", "3 mos", "2 yrs".
const UNITS = String.raw`days?|weeks?|wks?|months?|mos?|mths?|quarters?|qtrs?|years?|yrs?|hours?|hrs?|semesters?|terms?|sprints?`;
const QUANTITY = String.raw`(?:\d+(?:\.\d+)?\+?|${NUMBER_WORDS})`;
// "a full semester", "a whole year": the word before the unit belongs to the amount.
const AMOUNT = String.raw`${QUANTITY}\s*(?:(?:full|whole|entire|school|fiscal|calendar)\s+)?(?:${UNITS})`;
// A range keeps both ends: "6 weeks to a full semester", "2-4 weeks", "between 2 and 4 weeks".
const DURATION_RE = new RegExp(
  String.raw`\b((?:about |around |roughly |up to |at least |under |over |typically |usually |~)?(?:${AMOUNT}\s*(?:-|–|to|or)\s*${AMOUNT}|between ${QUANTITY}(?:\s*(?:${UNITS}))?\s+and\s+${AMOUNT}|(?:${QUANTITY}\s*(?:-|–|to|or)\s*)?${AMOUNT})(?: or (?:so|two|more))?)(?![\p{L}\p{N}])`,
  'iu',
);

function durationIn(text: string): string | undefined {
  const m = DURATION_RE.exec(text);
  return m ? cleanValue(m[1]!) : undefined;
}

/** A part that is only a duration ("takes about 3 weeks", "usually a month or so"). */
function onlyDuration(part: string): string | undefined {
  const d = durationIn(part);
  if (!d) return undefined;
  const rest = part
    .replace(d, '')
    .replace(
      /\b(it|this|that|stage|phase|step|whole thing|usually|typically|normally|generally|takes?|taking|lasts?|about|around|roughly|over|for|in|the|is|can|be|anywhere|from|up|to|maybe|probably|or so)\b/gi,
      '',
    )
    .replace(/[\s,.;:~'’-]+/g, '');
  return rest.length < 3 ? d : undefined;
}

// People and groups who weigh in on a purchase.
const ROLE =
  /\b(?:c[efoitmrs]o|ceos?|cfos?|ctos?|cios?|coos?|cmos?|cros?|vps?|svps?|evps?|heads? of [\w ]+|directors?|managers?|board|founders?|owners?|presidents?|finance|it|procurement|purchasing|legal|security|compliance|ops|operations|dispatch(?:ers)?|drivers?|peers?|analysts?|colleagues?|consultants?|advisors?|partners?|(?:end )?users?|champions?|executives?|execs?|leadership|team leads?|leads?|teams?|(?:the )?team|accounting|hr|sales|marketing|engineers?|engineering|admins?|customers?|gartner|g2|reviews? sites?|word of mouth|referrals?|communit(?:y|ies)|linkedin|influencers?|supervisors?|officers?|coordinators?|specialists?|reps?|agents?|staff|accountants?|bookkeepers?|auditors?|lawyers?|counsel|architects?|clinicians?|doctors?|nurses?|principals?|superintendents?|spouses?)\b/i;
const INFLUENCE_VERB =
  /\s+(?:(?:also |usually |always |often |both |all |each )*(?:influences?|influence them|sways?|weighs? in|weigh in|has the final say|have the final say|has a say|have a say|gets? a say|gets? the final say|gets? a vote|signs? off|approves?|decides?|vetoes|veto|gets? involved|is involved|are involved|pushes? back|push back|calls? the shots|owns? the budget|holds? the budget|has to agree|have to agree|needs? to agree|needs? to approve|have to approve|has to approve|reviews? (?:it|the contract|the deal)|(?:gets?|is|are) (?:pulled|brought|looped|dragged|called) in)\b.*)$/i;

function influencerIn(part: string): string | undefined {
  const by =
    /^(?:(?:they(?:'re| are) |mostly |usually |often )*(?:influenced|advised|swayed) by|(?:the |their )?(?:key |main )?influencers? (?:are|is|include)|(?:with )?input from|they (?:listen to|ask|check with|lean on))\s+(.+)$/i.exec(
      part,
    );
  if (by) return by[1];
  // "the maintenance lead is usually the one who flags it first": the person is the answer, what they do is said about them.
  const one =
    /^(.+?)\s+(?:is|are)\s+(?:usually |often |always |typically |normally |generally |mostly )?(?:the )?(?:one|ones|person|people|guy|folks)\s+(?:who|that)\s+\S/i.exec(
      part,
    );
  if (one && ROLE.test(one[1]!) && one[1]!.split(/\s+/).length <= 6 && !/^(?:they|we|i|you|he|she|it|this|that)\b/i.test(one[1]!)) return one[1];
  const verb = INFLUENCE_VERB.exec(part);
  if (verb) {
    const subject = part.slice(0, verb.index);
    if (!ROLE.test(subject)) return undefined;
    // "peers and analysts influence them": the people are the answer; "the CFO signs off" says more, so it stays whole.
    return /^\s+(?:also |usually |always |often |both |all |each )*(?:influences?|sways?|weighs? in|weigh in|(?:is|are|gets?) involved|(?:gets?|is|are) (?:pulled|brought|looped|dragged|called) in|(?:ha(?:s|ve)|gets?) a (?:say|vote))\s*(?:on )?(?:them|the decision|the buyer|it|too|as well|here|now|then|at this (?:stage|point))?\s*$/i.test(
      verb[0],
    )
      ? subject
      : part;
  }
  // A bare list of people: "CFO and IT", "peers, analysts".
  const pieces = part.split(/\s*(?:,|\band\b|&|\+|\bplus\b|\/|\bor\b)\s*/i).filter(Boolean);
  const role = (p: string) => {
    const words = p.replace(/\b(?:the|their|our|its|his|her|maybe|mostly|also|sometimes|often|and|buyer'?s?|other)\b/gi, '').trim();
    // Words left once the roles are taken out must not make a clause ("run a pilot with IT"); "finance" alone is a team, not a verb.
    // A piece that opens with its subject ("they google 'dispatch software'") says what someone does, it names no one.
    return (
      ROLE.test(p) &&
      !/^(?:they|we|i|you|he|she)\b/i.test(p) &&
      words.split(/\s+/).length <= 4 &&
      !isClause(words.replace(new RegExp(ROLE.source, 'gi'), ' ').trim() || 'x')
    );
  };
  return pieces.length && pieces.every(role) ? part : undefined;
}

// Content a seller hands a buyer; matched loosely, kept as the person wrote it.
const CONTENT =
  /\b(?:blogs?(?: posts?)?|articles?|webinars?|case stud(?:y|ies)|white ?papers?|e-?books?|demos?|videos?|newsletters?|emails?|email sequences?|podcasts?|one-pagers?|comparison (?:pages?|guides?|sheets?)|calculators?|checklists?|guides?|(?:free )?trials?|pilots?|pilot plans?|workshops?|reports?|infographics?|(?:social|linkedin) posts?|testimonials?|reviews|proposals?|pricing (?:pages?|sheets?)|reference calls?|references?|playbooks?|templates?|decks?|slides?|faqs?|battle ?cards?|datasheets?|data sheets?|brochures?|landing pages?|ads?|events?|roadmaps?|benchmarks?|surveys?|docs|documentation|tutorials?|courses?|certifications?)\b/i;

/** Content named bare ("a case study") or said in a sentence about it ("the content is a case study from a similar carrier"). */
function contentIn(part: string): string | undefined {
  const said = /^(?:the |our )?(?:content(?: types?)?|assets?|collateral)\s+(?:is|are|would be|should be|will be|=)\s+(.+)$/i.exec(part)?.[1];
  const value = said ? withoutFillers(said) : part;
  return CONTENT.test(value) && (said || !nlp(value).has('#Verb')) ? value : undefined;
}

function messageIn(part: string): string | undefined {
  const quoted = /^\s*["“'‘](.+)["”'’]\s*$/.exec(part) ?? /["“](\S[^"“”]{6,}[^\s"“”])(?:["”]|$)/.exec(part);
  if (quoted) return quoted[1];
  const said = /^(?:the |our |my )?(?:key |main |core )?message (?:is|should be|would be|=)\s+(.+)$/i.exec(part)?.[1];
  // "the key message is basically that they'll be live…": the filler and the "that" introduce the message.
  return said && withoutFillers(said).replace(/^that\s+/i, '');
}

const RECOGNISE: Partial<Record<Detail, (part: string) => string | undefined>> = {
  duration: onlyDuration,
  key_influencers: influencerIn,
  content_type: contentIn,
  key_message: messageIn,
};

type Part = { text: string; before: string };

// "and tbh the team leads …": an aside before the words, not part of them.
const ASIDE = /^(?:(?:and|plus|also)\s+)?(?:tbh|honestly|to be honest|frankly|imo|ngl)\b[\s,:]*/i;

// Words that carry on the previous part of an answer ("…, then a proposal").
const SEQUENCE = /^(?:and\s+)?(?:then|after that|afterwards|followed by|next|later)\b/i;

/** A cleaned part keeps the closing quote of a quote it opened inside ("they google 'dispatch software'"). */
function withClosingQuote(raw: string, cleaned: string): string {
  const close = /['’"”]$/.exec(raw.trim().replace(/[.;,:!?\s]+$/, ''))?.[0];
  const open = /(?:^|\s)(['‘"“])\S/.exec(cleaned);
  return close && open && open.index + open[0].length - 2 > 0 && !/['’"”]$/.test(cleaned) ? cleaned + close : cleaned;
}

/** The person's own separators: lines, semicolons, sentence ends and commas. */
function partsOf(text: string): Part[] {
  const tokens = text.split(/(\r?\n+\s*(?:[-*•·–]|\d+[.)])?\s*|;\s*|,\s*|(?<=[a-z0-9)"”'’][.!?])\s+(?=\S))/);
  const parts: Part[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const t = tokens[i]!.replace(/^\s*(?:[-*•·–]|\d+[.)])\s+/, '');
    if (cleanValue(t)) parts.push({ text: withClosingQuote(t, cleanValue(t)), before: i ? tokens[i - 1]! : '' });
  }
  return parts;
}

/** Parts back into one value, each with the separator the person put before it. */
function join(parts: Part[]): string {
  return parts
    .map((p, i) => {
      if (i === 0) return p.text;
      const sep = p.before.trim();
      return `${/\n/.test(p.before) || sep === '' ? ';' : sep.startsWith(',') ? ',' : sep.startsWith(';') ? ';' : '.'} ${p.text}`;
    })
    .join('');
}

/**
 * An unlabelled answer to the stage fields asked: parts that plainly state another field asked go
 * there ("takes about 3 weeks", "the CFO signs off", "a webinar", a quoted message); the rest answers
 * the field asked first. A field that can be recognised takes only its recognised parts.
 */
function stageAnswer(text: string, fields: Detail[]): Partial<Record<Detail, string>> {
  const first = fields[0]!;
  const got: Partial<Record<Detail, Part[]>> = {};
  const rest: Part[] = [];
  const parts = partsOf(text);
  const order = new Map<Part, number>();
  let previous: { field?: Detail } | undefined;
  for (const [i, part] of parts.entries()) {
    const p = { ...part, text: withClosingQuote(part.text, withoutFillers(part.text)) };
    if (!p.text) continue;
    // "…, and the CFO signs off": the joining word belongs to the sentence, not to the field.
    const bare = p.text
      .replace(ASIDE, '')
      .replace(/^(?:and|plus|also)\s+/i, '')
      .replace(SEQUENCE, '')
      .trim();
    // "send the ROI calculator, then a proposal": the next step of the same answer, not an answer of its own.
    // Content named after it is what that step hands over; a statement of its own ("then the CFO signs off") still counts.
    const recognised = fields.find((f) => RECOGNISE[f]?.(bare) !== undefined);
    const carriesOn = previous && SEQUENCE.test(p.text) && (recognised === undefined || recognised === 'content_type');
    const field = carriesOn ? previous!.field : recognised;
    const kept = field && !carriesOn ? { ...p, text: RECOGNISE[field]!(bare)! } : p;
    order.set(kept, i);
    if (field) (got[field] ??= []).push(kept);
    else rest.push(kept);
    previous = { field };
  }
  // A duration inside a clause of the main answer: "they compare tools over 2-4 weeks".
  if (fields.includes('duration') && first !== 'duration' && !got.duration) {
    for (const p of rest) {
      const d = durationIn(p.text);
      if (!d) continue;
      const escaped = d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      got.duration = [{ text: d.replace(/^over\s+/i, ''), before: '' }];
      p.text = cleanValue(
        p.text.replace(
          new RegExp(
            String.raw`[\s,]*(?:and |which |that )?(?:it )?(?:over|for|in|within|takes?|lasts?|lasting|taking)?\s*(?:(?:maybe|probably|perhaps)\s+)?${escaped}`,
            'i',
          ),
          '',
        ),
      );
      break;
    }
  }
  // "IT security has to sign off, plus the VP customer care. finance only if …": asked who influences them, every part
  // that names someone is one more of them, whatever is said about them.
  if (first === 'key_influencers' && got.key_influencers) {
    // "it" names someone only as "IT".
    const named = rest.filter((p) => ROLE.test(p.text.replace(/\b[iI]t\b/g, '')));
    for (const p of named) {
      rest.splice(rest.indexOf(p), 1);
      const kept = { ...p, text: p.text.replace(ASIDE, '') };
      order.set(kept, order.get(p)!);
      got.key_influencers.push(kept);
    }
    got.key_influencers.sort((a, b) => order.get(a)! - order.get(b)!);
  }
  // A list on lines or bullets answers the field asked item by item: items it does not recognise are still its items
  // ("- CFO (signs off)\n- procurement\n- the COO if it's over 50k").
  const listed = /\n/.test(text.trim());
  if (listed && got[first] && rest.length) {
    got[first] = [...got[first]!, ...rest.splice(0)].sort((a, b) => order.get(a)! - order.get(b)!);
  }
  const out: Partial<Record<Detail, string>> = {};
  // A duration stays as written ("about 3 weeks"): it reads as a phrase, not a sentence.
  const as = (f: Detail, v: string) => (f === 'duration' ? v : capitalise(v));
  for (const f of fields) if (got[f]) out[f] = as(f, join(got[f]!));
  const answer = rest.filter((p) => p.text);
  if (!got[first] && answer.length) {
    const value = first === 'duration' ? (durationIn(text) ?? join(answer)) : join(answer);
    out[first] = as(first, value);
  }
  for (const f of fields) if (out[f] !== undefined && !whole(out[f], f === 'duration' ? 120 : f === 'content_type' ? 200 : 1000)) delete out[f];
  return out;
}

// ---- The persona ----

function personaName(text: string): { name?: string; pains?: string } {
  const [head, ...tail] = withoutFillers(text).split(
    /\s+[—–-]\s+|[;:]\s+|(?<=[a-z)])[.!?]\s+|,\s+(?=(?:they|who|their|she|he|struggl|drown|dealing|always|constantly)\b)|\n+/i,
  );
  const name = withoutFillers(head!)
    .replace(
      /^(?:(?:the )?persona (?:is|name is)|(?:it'?s|it is|they'?re|they are) (?:called )?|call (?:it|them)|we call (?:it|them)|name(?:d)?|let'?s (?:go with|use|call (?:it|them)))\s+/i,
      '',
    )
    .replace(/^the\s+(?=[A-Z])/, '')
    .replace(/\s+persona$/i, '');
  const restText = tail.join('. ');
  const pains =
    /\b(pains?|struggl|problems?|headaches?|drown|frustrat|hate|suffer|deal(?:ing)? with|fight|chasing|stuck|manual|no visibility|too many|lack)/i.test(
      restText,
    )
      ? painPoints(
          restText.replace(/^(?:they(?:'re| are)?\s+)?(?:struggl\w* with|drowning in|dealing with|deal with|fight(?:ing)? with|suffer\w* from)\s+/i, ''),
        )
      : undefined;
  return { name: whole(cleanValue(name), 120) && capitalise(cleanValue(name)), pains: whole(pains, 2000) };
}

// Stages written as a sequence: "A -> B -> C", "1. A 2. B 3. C", or one per line or bullet.
const ARROW = /\s*(?:-+>|=+>|→|⟶|➔|>)\s*/;

/** The stages of a sequence the person wrote, in order, without the words that lead into it ("it's more like: …"). */
function stageSequence(text: string): string[] | undefined {
  const name = (s: string) => withoutFillers(s.replace(/^\s*(?:[-*•·–]|\d+[.)])\s+/, ''));
  const intro = (s: string) =>
    s
      .replace(/^[\s\S]*[:.!?]\s+(?=\S)/, '')
      .replace(/^(?:it'?s|it is|we go|ours? (?:is|are)|(?:our|the) stages are)\s+(?:(?:more |kind of |sort of )?like\s+)?(?:from\s+)?/i, '');
  let names: string[] = [];
  if (ARROW.test(text)) {
    const [head, ...tail] = text.split(ARROW);
    names = [intro(head!), ...tail];
  } else {
    // Inline numbers count only as 1, 2, 3… in order, so "Phase 2 review" is a name, not a list.
    const numbered = [...text.matchAll(/(?:^|\s)(\d+)[.)]\s+/g)];
    if (numbered.length >= 2 && numbered.every((m, i) => Number(m[1]) === i + 1)) {
      names = numbered.map((m, i) => text.slice(m.index + m[0].length, numbered[i + 1]?.index ?? text.length));
    } else {
      const lines = text.split(/\r?\n/).filter((l) => l.trim());
      const items = lines.filter((l) => /^\s*(?:[-*•·–]|\d+[.)])\s+/.test(l));
      if (items.length >= 2) names = items;
      else if (lines.length >= 2 && lines.every((l) => l.trim().split(/\s+/).length <= 5)) names = lines;
    }
  }
  // "… -> firm-wide rollout. not the usual funnel stuff": the sentence after the last stage is a remark about the list.
  if (names.length) names[names.length - 1] = names.at(-1)!.replace(/(?<=[\p{L}\p{N})])[.!?]+\s+\S[\s\S]*$/u, '');
  const out = names.map(name).filter(Boolean).map(capitalise);
  return out.length >= 2 ? out : undefined;
}

// "we don't really do the standard funnel": the standard stages named to turn them down.
const DECLINED = /\b(?:not|don'?t|doesn'?t|never|no|isn'?t|aren'?t|won'?t|rather than|instead of)\b[^.!?;:]*$/i;
const STANDARD_WORD = /\b(standard|default|usual|typical|classic|yes|sure|ok)\b/gi;
const choosesStandard = (text: string) => [...text.matchAll(STANDARD_WORD)].some((m) => !DECLINED.test(text.slice(0, m.index)));

function stageChoice(text: string): BuyingProcessModelExtract {
  const sequence = stageSequence(text);
  if (sequence) return { stage_choice: 'custom', stage_names: sequence };
  const optional = ['Retention', 'Advocacy'].filter((o) => new RegExp(`\\b${o}\\b`, 'i').test(text));
  if (choosesStandard(text)) {
    return { stage_choice: 'standard', ...(optional.length ? { optional_stages: optional } : {}) };
  }
  // The list follows its lead-in: "our own: A, B", "we skip the funnel, ours are: A, B".
  const listed = text.replace(/^.*?\b(?:custom|our own|my own|own stages?)\b\s*[:\-–]?\s*/i, '').replace(/^[^:]*:\s+(?=\S)/, '');
  const names = /\b(custom|own)\b/i.test(text) && listed === text ? [] : splitList(listed);
  if (names.length >= 2 || (names.length === 1 && listed !== text)) return { stage_choice: 'custom', stage_names: names };
  return /\b(custom|own)\b/i.test(text) ? { stage_choice: 'custom' } : {};
}

/** Details out of one message, for the question that was asked. */
export function extractBuyingProcess(message: string, asking: string, phase: BuyingPhase): BuyingProcessModelExtract {
  const text = message.trim();
  if (!text) return {};
  if (phase === 'summary' || asking === 'summary') return YES.test(text) || /\bsummar/i.test(text) ? { wants_summary: true } : {};
  if (SKIP.test(text)) return {};
  if (/\b(write|generate|give me|create|make)\b.*\bsummary\b/i.test(text)) return { wants_summary: true };

  const { values, rest } = labelled(text);
  const out: BuyingProcessModelExtract = {};
  const stage: Partial<Record<Detail, string>> = {};
  for (const [field, value] of Object.entries(values) as Array<[Field, string]>) {
    if (field === 'persona_name' || field === 'persona_pain_points') out[field] = value;
    else stage[field] = value;
  }
  // "Cash-strapped Controller — pains: …": the dash before a label separates, it is not part of the value.
  const unlabelled = withClosingQuote(rest, cleanValue(rest.replace(/\s+[—–-]+\s*$/, '')));

  if (asking === 'stage_choice' && unlabelled) Object.assign(out, stageChoice(unlabelled));
  else if (unlabelled && !LIBRARY_REFERENCE.test(unlabelled)) {
    if (asking === 'persona_name' && !out.persona_name) {
      const { name, pains } = personaName(unlabelled);
      if (name) out.persona_name = name;
      if (pains && !out.persona_pain_points) out.persona_pain_points = pains;
    } else if (asking === 'persona_pain_points' && !out.persona_pain_points) {
      const pains = whole(painPoints(unlabelled), 2000);
      if (pains) out.persona_pain_points = pains;
    } else {
      const fields = asking.split(',').filter((f) => f && f !== 'stage_name' && f in STAGE_FIELD_LABELS && !(f in stage)) as Detail[];
      if (fields.length) Object.assign(stage, stageAnswer(unlabelled, fields));
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
      return 'Check the map in the table: complete it when it looks right, or go back to adjust.';
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
    case 'linked':
      return `Linked ${input.personaName || 'the persona'} from your persona library: its name and pain points are on the map, and the map stays linked to it. ${ask}`.trim();
    case 'not_in_library': {
      const names = input.library ? input.library.split('; ').filter(Boolean) : [];
      return names.length
        ? `I couldn't tell which saved persona you mean. Your persona library has ${list(names)}: name one of them, or type a new persona's name.`
        : 'Your persona library has no personas yet. Type a name for the persona, or save one in the persona wizard first.';
    }
    case 'tooLong':
      return input.asking === 'stage_choice'
        ? 'A stage name can be 80 characters at most, and I won\'t cut your words. Could you list the stages with short names, e.g. "Discovery, Evaluation, Purchase"?'
        : `That answer is longer than the table holds, and I won't cut your words. Could you say it more briefly? ${ask}`;
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
      return `The AI summary of the journey is in the form, with the map. ${input.phase === 'review' ? ask : ''}`.trim();
    case 'incomplete':
      return `The map can't be completed yet. Still missing: ${input.problems || 'details'}.`;
    case 'completed':
      return "The buying-process map is complete. You can edit the persona, map another persona's process, or finish.";
    case 'reopened':
      return `The map is open for edits again. ${ask}`.trim();
  }
}

// ---- The journey summary: what the table does not say ----

const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, quarter: 91, year: 365 };
const SHORT_UNIT: Record<string, string> = { hr: 'hour', wk: 'week', mth: 'month', mo: 'month', qtr: 'quarter', yr: 'year' };
const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  'a couple': 2,
  'a couple of': 2,
  'half a': 0.5,
  'half an': 0.5,
};

/** The days a stage's duration states, as a range; nothing when it is vague ("a few weeks", "it depends"). */
export function durationDays(text: string): [number, number] | undefined {
  const num = String.raw`(\d+(?:\.\d+)?|a couple(?: of)?|half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
  const m = new RegExp(String.raw`\b${num}(?:\s*(?:-|–|to|or)\s*${num})?\s*(hour|hr|day|week|wk|month|mth|mo|quarter|qtr|year|yr)s?\b`, 'i').exec(text);
  if (!m) return undefined;
  const value = (s: string) => (/^\d/.test(s) ? Number(s) : WORD_NUMBERS[s.toLowerCase()]);
  const lo = value(m[1]!);
  const hi = m[2] ? value(m[2]) : lo;
  const unit = UNIT_DAYS[SHORT_UNIT[m[3]!.toLowerCase()] ?? m[3]!.toLowerCase()]!;
  return lo === undefined || hi === undefined ? undefined : [lo * unit, hi * unit];
}

function spanOf([lo, hi]: [number, number]): string {
  const [unit, size] = lo >= 112 ? ['months', 30] : lo >= 14 ? ['weeks', 7] : ['days', 1];
  const a = Math.round(lo / size);
  const b = Math.round(hi / size);
  return a === b ? `about ${a} ${unit}` : `${a}–${b} ${unit}`;
}

const quote = (s: string) => `“${cleanValue(s)}”`;
const STOP = new Set([
  'their',
  'there',
  'about',
  'with',
  'from',
  'into',
  'that',
  'this',
  'they',
  'them',
  'have',
  'when',
  'what',
  'your',
  'every',
  'other',
  'more',
  'less',
  'very',
  'just',
  'than',
]);
const stems = (s: string) => new Set((s.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 4 && !STOP.has(w)).map((w) => w.slice(0, 5)));
const people = (s: string) => splitList(s);
const personKey = (p: string) => p.toLowerCase().replace(/^(?:the|their|our|a|an)\s+/, '');

/**
 * A Markdown summary built only from the map's own values that says what the table does not: the
 * thread through the stages, the gaps, the riskiest stage and why, and which pain points nothing answers.
 */
export function summarizeJourney(journey: { persona_name: string; persona_pain_points: string; buying_stages: BuyingStage[] }): string {
  const stages = journey.buying_stages;
  const persona = journey.persona_name.trim() || 'This persona';
  const names = stages.map((s) => s.stage_name);
  const out: string[] = [];

  // The thread: where the journey starts and ends, how long it all takes, who keeps coming back.
  const thread: string[] = [];
  const timed = stages.map((s) => durationDays(s.duration));
  const total = timed.every(Boolean) && timed.length ? timed.reduce<[number, number]>((t, d) => [t[0] + d![0], t[1] + d![1]], [0, 0]) : undefined;
  thread.push(
    stages.length === 1
      ? `**${persona}** buys in one stage, ${names[0]}${total ? `, which takes ${stages[0]!.duration}` : ''}.`
      : `**${persona}** goes through ${stages.length} stages, from ${names[0]} to ${names.at(-1)}${total ? `, ${spanOf(total)} from first look to signature, going by the stage durations` : ''}.`,
  );
  const acts = stages.filter((s) => s.buyer_actions.trim());
  if (acts.length >= 2)
    thread.push(
      `It opens with ${quote(acts[0]!.buyer_actions)} in ${acts[0]!.stage_name} and closes with ${quote(acts.at(-1)!.buyer_actions)} in ${acts.at(-1)!.stage_name}.`,
    );
  const seen = new Map<string, { name: string; stages: string[] }>();
  for (const s of stages)
    for (const p of people(s.key_influencers)) {
      const key = personKey(p);
      const entry = seen.get(key) ?? { name: lowerFirst(p), stages: [] };
      if (!entry.stages.includes(s.stage_name)) entry.stages.push(s.stage_name);
      seen.set(key, entry);
    }
  const recurring = [...seen.values()].filter((e) => e.stages.length >= 2).sort((a, b) => b.stages.length - a.stages.length);
  for (const e of recurring.slice(0, 2)) {
    const plural = /[^s]s$|\band\b|&/i.test(e.name);
    const where = e.stages.length === stages.length ? 'at every stage' : `at ${list(e.stages)}`;
    thread.push(`${capitalise(e.name)} ${plural ? 'weigh' : 'weighs'} in ${where}: ${plural ? 'the people' : 'the one person'} to win early.`);
  }
  out.push(thread.join(' '), '');

  // The pain points, against what we do, send and say.
  const pains = journey.persona_pain_points.trim() ? splitList(journey.persona_pain_points) : [];
  if (pains.length) {
    const answered: string[] = [];
    const open: string[] = [];
    for (const pain of pains) {
      const words = stems(pain);
      const where = stages
        .filter((s) => [...stems(`${s.seller_actions} ${s.content_type} ${s.key_message}`)].some((w) => words.has(w)))
        .map((s) => s.stage_name);
      if (where.length) answered.push(`${quote(lowerFirst(pain))} (${list(where)})`);
      else open.push(quote(lowerFirst(pain)));
    }
    const lines: string[] = [];
    if (answered.length) lines.push(`What we do and say speaks to ${list(answered)}.`);
    if (open.length) lines.push(`Nothing we do, send or say yet speaks to ${list(open)}.`);
    out.push('### Pain points', lines.join(' '), '');
  }

  // The gaps: empty cells, and stages where the buyer hears nothing from us.
  const gaps: string[] = [];
  const silent = stages.filter((s) => !s.content_type.trim() && !s.key_message.trim()).map((s) => s.stage_name);
  if (silent.length)
    gaps.push(`${list(silent)} ${silent.length === 1 ? 'has' : 'have'} neither content nor a key message, so the buyer hears nothing from us there.`);
  for (const s of stages) {
    if (silent.includes(s.stage_name) && !s.seller_actions.trim()) {
      gaps.push(`${s.stage_name} has no seller actions either.`);
      continue;
    }
    const missing = (['buyer_actions', 'duration', 'key_influencers', 'seller_actions', 'content_type', 'key_message'] as const)
      .filter((f) => !s[f].trim() && !(silent.includes(s.stage_name) && (f === 'content_type' || f === 'key_message')))
      .map((f) => STAGE_FIELD_LABELS[f].toLowerCase());
    if (missing.length) gaps.push(`${s.stage_name} is missing its ${list(missing)}.`);
  }
  out.push('### Gaps', gaps.length ? gaps.join(' ') : 'Every cell of the map is filled.', '');

  // The riskiest stage: no plan from us, the longest, the most people involved.
  if (stages.length > 1) {
    const longest = Math.max(...timed.map((d) => d?.[1] ?? 0));
    const most = Math.max(...stages.map((s) => people(s.key_influencers).length));
    const scored = stages.map((s, i) => {
      const why: Array<[number, string]> = [];
      if (!s.seller_actions.trim()) why.push([3, 'we have no seller actions planned for it']);
      if (longest > 0 && timed[i]?.[1] === longest && timed.filter((d) => d?.[1] === longest).length === 1)
        why.push([2, `it is the longest stage (${s.duration})`]);
      const count = people(s.key_influencers).length;
      if (most >= 2 && count === most && stages.filter((t) => people(t.key_influencers).length === most).length === 1)
        why.push([2, `the most people weigh in there (${list(people(s.key_influencers).map(lowerFirst))})`]);
      return { s, score: why.reduce((n, [w]) => n + w, 0), why: why.map(([, reason]) => reason) };
    });
    const top = scored.reduce((a, b) => (b.score > a.score ? b : a));
    if (top.score > 0) out.push('### Riskiest stage', `${top.s.stage_name}: ${list(top.why)}.`, '');
  }
  return out.join('\n').trim();
}
