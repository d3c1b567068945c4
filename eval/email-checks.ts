// The checks an email draft must pass before a person would send it: format and grammar, the step's
// instructions followed, and tones that differ in wording. Each check is pass/fail with a reason.
import { contentWords, hasPhrase, normalise, stem } from './match.js';

export type Check = { check: string; pass: boolean; detail: string };
export type Draft = { subject: string; body: string };

export type EmailExpectations = {
  /** The lead's first name: the greeting uses it. */
  firstName: string;
  /** A call length the instructions ask for, in minutes: the email proposes that and no other. */
  callMinutes?: number;
  /** The call to action the instructions or campaign set: its words appear, in one sentence ending in punctuation. */
  cta?: string;
  /** Words or phrases the draft must contain (e.g. the lead's requirement as a noun phrase). */
  mentions?: string[];
  /** Words or phrases that must not appear. */
  mustNotAppear?: string[];
  maxWords?: number;
  maxSubjectChars?: number;
};

export const DEFAULT_MAX_WORDS = 180;
export const DEFAULT_MAX_SUBJECT_CHARS = 60;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

const GREETING_WORD = /^(hi|hello|hey|dear|good (morning|afternoon)|greetings)\b/i;
const SIGN_OFF_WORD =
  /^(best|best regards|kind regards|regards|warm regards|cheers|thanks|thank you|many thanks|all the best|sincerely|talk soon|speak soon)\b/i;
// A direct tone may greet with the name alone ("Marta —", "Marta,").
const isGreeting = (line: string) => GREETING_WORD.test(line) || /^[\p{L}' .-]{1,40}\s*[,\u2014\u2013-]$/u.test(line);
// "Fingers crossed," or "Best," — a short closing line ending in a comma counts as a sign-off.
const isSignOff = (line: string) => line.length < 40 && (SIGN_OFF_WORD.test(line) || /^[\p{L}' !-]+,$/u.test(line));
// A sentence ends in punctuation (maybe inside a quote or bracket), or with a link.
const ENDED = /([.!?:][\u201d"')\]]*|https?:\/\/\S+)$/;

const lines = (body: string) =>
  body
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The body without its greeting line and its sign-off (the sign-off line and the name under it). */
export function coreOf(body: string): string {
  const ls = lines(body);
  const start = ls.length && isGreeting(ls[0]!) ? 1 : 0;
  let end = ls.length;
  const signOff = ls.findIndex((l, i) => i >= Math.max(start, ls.length - 3) && isSignOff(l));
  if (signOff >= 0) end = signOff;
  return ls.slice(start, end).join('\n');
}

/** Sentences of prose lines: a bullet or a line ending without punctuation is checked as its own sentence. */
function sentenceEnds(core: string): string[] {
  return lines(core).filter((l) => !ENDED.test(l) && !/^[-*\u2022]\s/.test(l));
}

const DOUBLED = /\b(\p{L}+)\s+\1\b/giu;
// Template seams: a verb phrase dropped into a slot made for a noun phrase, and similar.
const SEAMS = [
  /\blooking for (wants|needs|is|are|has|have|to)\b/i,
  /\binterested in (wants|needs|is|are)\b/i,
  /\byou mentioned you (wants|needs)\b/i,
  /\bthe the\b/i,
  /\ba an?\b/i,
  /\s[,.;:!?]/,
  /\.\./,
];

export function formatChecks(draft: Draft, e: EmailExpectations): Check[] {
  const { subject, body } = draft;
  const ls = lines(body);
  const core = coreOf(body);
  const maxSubject = e.maxSubjectChars ?? DEFAULT_MAX_SUBJECT_CHARS;
  const maxWords = e.maxWords ?? DEFAULT_MAX_WORDS;
  // Subject and body apart: a subject ending in the name and a greeting opening with it are not "Marcus Marcus".
  const doubled = [subject, body]
    .flatMap((text) => [...text.matchAll(DOUBLED)])
    .map((m) => m[0])
    .filter((m) => !/^(that that|had had)$/i.test(m));
  const seam = SEAMS.map((re) => re.exec(`${subject}\n${body}`)?.[0]).find(Boolean);
  const unfilled = `${subject}\n${body}`.match(/\{\{[^}]*\}\}|\[(first name|name|company|your name)\]/gi) ?? [];
  const unended = sentenceEnds(core);
  return [
    { check: 'subject present', pass: subject.trim().length > 0, detail: subject || '(empty)' },
    { check: 'subject not cut ("…")', pass: !/\u2026|\.\.\./.test(subject), detail: subject },
    { check: `subject at most ${maxSubject} characters`, pass: subject.length <= maxSubject, detail: `${subject.length} characters` },
    {
      check: 'greeting with first name',
      pass: ls.length > 0 && isGreeting(ls[0]!) && hasPhrase(ls[0]!, e.firstName),
      detail: ls[0] ?? '(empty body)',
    },
    { check: 'sign-off present', pass: ls.slice(-3).some(isSignOff), detail: ls.slice(-2).join(' / ') },
    { check: 'no doubled words', pass: doubled.length === 0, detail: doubled.join(', ') || 'none' },
    { check: 'no template seams ("looking for wants")', pass: !seam, detail: seam ?? 'none' },
    { check: 'sentences end with punctuation', pass: unended.length === 0, detail: unended.map((l) => `"${l}"`).join(', ') || 'all do' },
    { check: 'no "…" in the body', pass: !/\u2026/.test(core), detail: /\u2026/.test(core) ? 'has "…"' : 'none' },
    { check: 'merge fields filled', pass: unfilled.length === 0, detail: unfilled.join(', ') || 'none left' },
    { check: `at most ${maxWords} words`, pass: words(body).length <= maxWords, detail: `${words(body).length} words` },
  ];
}

/** Minutes a text proposes for a call or meeting: "15-minute call", "15 min", "a quick 15 minutes". */
export function minutesIn(text: string): number[] {
  return [...text.matchAll(/\b(\d{1,3})[- ]?(?:minutes?|mins?)\b/gi)].map((m) => Number(m[1]));
}

/** The CTA's content words (stemmed) in one sentence of the core, which ends with punctuation. */
export function ctaFollowed(body: string, cta: string): { pass: boolean; detail: string } {
  const want = contentWords(cta).map(stem);
  const sentences = coreOf(body)
    .split(/(?<=[.!?])\s+|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  let best = { share: 0, sentence: '' };
  for (const s of sentences) {
    const have = new Set(contentWords(s).map(stem));
    const share = want.length ? want.filter((w) => have.has(w)).length / want.length : 1;
    if (share > best.share) best = { share, sentence: s };
  }
  const ended = ENDED.test(best.sentence) && !/:$/.test(best.sentence);
  return {
    pass: best.share >= 0.75 && ended,
    detail: best.sentence ? `${Math.round(best.share * 100)} % of the CTA's words in "${best.sentence}"${ended ? '' : ' (no end punctuation)'}` : 'no sentence',
  };
}

export function instructionChecks(draft: Draft, e: EmailExpectations): Check[] {
  const text = `${draft.subject}\n${draft.body}`;
  const checks: Check[] = [];
  if (e.callMinutes !== undefined) {
    const found = minutesIn(text);
    checks.push({
      check: `${e.callMinutes}-minute call as asked`,
      pass: found.includes(e.callMinutes) && found.every((m) => m === e.callMinutes),
      detail: found.length ? `mentions ${found.map((m) => `${m} min`).join(', ')}` : 'no call length',
    });
  }
  if (e.cta) {
    const r = ctaFollowed(draft.body, e.cta);
    checks.push({ check: 'call to action included', ...r });
  }
  for (const m of e.mentions ?? []) checks.push({ check: `mentions "${m}"`, pass: hasPhrase(text, m), detail: hasPhrase(text, m) ? 'yes' : 'no' });
  for (const m of e.mustNotAppear ?? [])
    checks.push({ check: `does not say "${m}"`, pass: !hasPhrase(text, m), detail: hasPhrase(text, m) ? 'it does' : 'no' });
  return checks;
}

/** Word-set overlap (Jaccard) of two texts' content. */
export function overlap(a: string, b: string): number {
  const A = new Set(normalise(a).split(' ').filter(Boolean));
  const B = new Set(normalise(b).split(' ').filter(Boolean));
  if (A.size === 0 && B.size === 0) return 1;
  let both = 0;
  for (const w of A) if (B.has(w)) both += 1;
  return both / (A.size + B.size - both);
}

export const MAX_TONE_OVERLAP = 0.6;

/**
 * Two tones of the same email differ in wording beyond the greeting and sign-off. The person's own
 * phrases (the lead's requirement, the value proposition, the call to action) are kept whole in
 * every tone, so only the words around them are compared.
 */
export function toneCheck(a: { tone: string; draft: Draft }, b: { tone: string; draft: Draft }, given: string[] = []): Check {
  const own = (body: string) =>
    given
      .filter((g) => g.trim().length > 3)
      .reduce((text, g) => text.replace(new RegExp(g.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' '), coreOf(body));
  const o = overlap(own(a.draft.body), own(b.draft.body));
  return {
    check: `${a.tone} and ${b.tone} differ beyond greeting and sign-off`,
    pass: o <= MAX_TONE_OVERLAP,
    detail: `${Math.round(o * 100)} % of words shared (at most ${Math.round(MAX_TONE_OVERLAP * 100)} %)`,
  };
}

/**
 * Figures the email states that nobody gave: percentages, money and multipliers ("cut costs by
 * 40 %", "$2M saved", "3x faster") not in the lead, persona, product, campaign or instructions.
 */
export function inventedFigures(draft: Draft, source: string): string[] {
  const text = `${draft.subject}\n${draft.body}`;
  const figures = [...text.matchAll(/(?:\$\s?\d[\d,.]*\s?(?:k|m|bn|million|billion)?|\b\d[\d,.]*\s?(?:%|percent\b|x\b|times\b))/gi)].map((m) => m[0].trim());
  const src = normalise(source);
  return figures.filter((f) => {
    const digits = f.replace(/[^\d.]/g, '').replace(/\.$/, '');
    return !src.includes(digits);
  });
}
