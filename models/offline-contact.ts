// Rule-based meeting prep for the offline model: built only from what the contact's data says,
// and plain about what it does not say.
import type { ContactBriefModel, PersonaMatch } from '../schemas/contact-analysis.js';
import { extractPersonaFields } from './offline-persona.js';

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : '');
const lower = (s: string) => s.replace(/^./, (c) => c.toLowerCase());

const STAGE_CUES: Array<[RegExp, RegExp]> = [
  [/\b(contract|procurement|legal|pricing|proposal|signing|budget approved)\b/i, /decision|purchase|buy|close/i],
  [/\b(evaluat\w*|comparing|shortlist\w*|demos?|trial|pilot|vendors?)\b/i, /consideration|evaluation|trial/i],
  [/\b(renew\w*|onboard\w*|customer since|expand\w*|upsell)\b/i, /retention|advocacy|expansion/i],
];

export function briefOffline(input: { contact: Json; product: Json | null; company: Json | null; matches: PersonaMatch[]; stages: Json[] }): ContactBriefModel {
  const c = input.contact;
  const name = str(c.name) || 'This contact';
  const title = str(c.title);
  const company = str(c.company);
  const texts = [str(c.linkedinText), str(c.websiteText), str(c.notes)].filter(Boolean);
  const text = texts.join('\n');
  const found = text ? extractPersonaFields(text, []) : {};
  const productName = str(input.product?.name) || 'your product';
  const productValue = str(input.product?.valueProposition) || str(input.product?.description);
  const best = input.matches[0];
  const pains = found.painPoints ?? [];

  const gaps: string[] = [];
  if (!texts.length && !input.contact.enrichment)
    gaps.push('There is no LinkedIn, website or enrichment text for this contact yet: paste their profile to get a real brief.');
  if (!title) gaps.push('Their title is unknown: find out their role before the meeting.');
  if (!company) gaps.push('Their company is unknown.');
  if (!pains.length) gaps.push('Nothing says what they struggle with: ask (see the questions below).');
  if (!best) gaps.push('They match none of your personas by the rules: define a persona for people like them.');

  // Facts only, in our words: quoting their text back would repeat whatever it says.
  const facts = [found.industry && `Industry: ${found.industry}.`, found.companySize && `Company size: ${found.companySize}.`].filter(Boolean);
  const who = [
    `${name}${title ? `, ${title}` : ''}${company ? ` at ${company}` : ''}.`,
    ...facts,
    best ? `Closest persona: ${best.personaName} (${best.matched.map((m) => m.rule).join(', ')}).` : '',
  ]
    .filter(Boolean)
    .join(' ');

  const priorities = pains.length
    ? pains.slice(0, 3).map((p) => `Fixing: ${lower(p)}`)
    : found.coreGoal
      ? [String(found.coreGoal)]
      : ['Unknown from their data: ask what is on their plate this quarter'];

  const senior = /\b(chief|ceo|cfo|cto|coo|cmo|vp|vice president|founder|head of|director)\b/i.test(title);
  const stages = input.stages.map((s) => ({ name: str(s.stage_name), message: str(s.key_message) })).filter((s) => s.name);
  let stageName: string | undefined;
  let stageWhy: string | undefined;
  if (stages.length) {
    for (const [cue, stagePattern] of STAGE_CUES) {
      const hit = cue.exec(text);
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

  return {
    whoTheyAre: who,
    likelyPriorities: priorities,
    tone: senior
      ? 'Brief and outcome-first: lead with the business result, keep detail for follow-ups.'
      : 'Practical and specific: show how the day-to-day gets easier.',
    wordsToUse: [...new Set([...(pains.length ? pains.slice(0, 2).map(lower) : []), ...(found.industry ? [String(found.industry)] : []), 'your team'])],
    wordsToAvoid: ['synergy', 'revolutionary', 'game-changing', 'just checking in'],
    openingLine: pains.length
      ? `${name.split(' ')[0]}, you mentioned ${lower(pains[0]!)}: how are you handling that today?`
      : `${name.split(' ')[0]}, thanks for making time. What made this worth a conversation now?`,
    talkTrack: [
      pains.length ? `Confirm the pain: ${lower(pains[0]!)}.` : 'Find the pain: ask what slows them down.',
      productValue ? `Connect it to ${productName}: ${lower(productValue)}.` : `Connect it to what ${productName} does.`,
      'Share one concrete example from a similar company.',
      'Agree what a good next step looks like for them.',
    ],
    questionsToAsk: [
      'What is the biggest thing slowing your team down right now?',
      'How are you handling it today, and what does that cost you?',
      'Who else would be involved in a decision like this?',
      ...(stages.length ? ['Where are you in looking at options: exploring, comparing, or deciding?'] : []),
    ],
    objections: [
      {
        objection: 'The budget is frozen.',
        response: `Ask what it costs them to keep ${pains[0] ? lower(pains[0]) : 'the problem'}; offer a small start that pays back within the quarter.`,
      },
      { objection: 'We already have a tool for this.', response: 'Ask what it does not do for them today, and compare on that gap only.' },
      { objection: 'Not a priority right now.', response: 'Ask what would make it one, and offer to follow up when that happens.' },
    ],
    nextStep: stageName
      ? `Move them through ${stageName}: ${stages.find((s) => s.name === stageName)?.message || 'agree a concrete follow-up.'}`
      : 'Agree a 30-minute follow-up with whoever else decides.',
    gaps,
    ...(stageName ? { stageName, stageWhy } : {}),
  };
}

/** Answers a follow-up question from the brief, by what the question is about. */
export function chatOffline(question: string, brief: Json): string {
  const q = question.toLowerCase();
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).map(String) : []);
  const objections = Array.isArray(brief.objections) ? (brief.objections as Array<{ objection: string; response: string }>) : [];
  if (/\b(open|opening|start|first thing|icebreak)/.test(q)) return `Open with: "${str(brief.openingLine)}" Then: ${list(brief.talkTrack)[0] ?? ''}`.trim();
  const objection = objections.find((o) => q.split(/\W+/).some((w) => w.length > 3 && o.objection.toLowerCase().includes(w)));
  if (objection || /\b(object|push ?back|budget|price|cost|expensive|frozen|no money)/.test(q)) {
    const o = objection ?? objections[0];
    return o ? `If they say "${o.objection}": ${o.response}` : 'The brief has no objections yet: regenerate it with more of their data.';
  }
  if (/\b(ask|question)/.test(q)) return `Ask: ${list(brief.questionsToAsk).slice(0, 3).join(' ')}`;
  if (/\b(next|follow|after)/.test(q)) return `Next step: ${str(brief.nextStep)}`;
  if (/\b(stage|where are they|buying)/.test(q)) {
    const stage = brief.buyingStage as { stageName?: string; keyMessage?: string; why?: string } | null;
    return stage
      ? `Probably in ${stage.stageName}. ${stage.why ?? ''} Key message there: ${stage.keyMessage}`.trim()
      : 'There is no buying-process map for their persona yet.';
  }
  if (/\b(tone|say|words|speak|talk)/.test(q))
    return `${str(brief.tone)} Use: ${list(brief.wordsToUse).join(', ')}. Avoid: ${list(brief.wordsToAvoid).join(', ')}.`;
  const gaps = list(brief.gaps);
  return `From what we know: ${str(brief.whoTheyAre)}${gaps.length ? ` Still unknown: ${gaps[0]}` : ''}`;
}
