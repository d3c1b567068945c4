// How a produced value is compared with a label, and whether it can be traced to what the person
// wrote. Case-, punctuation- and spacing-insensitive throughout: a label states meaning, not format.

/** A label for one text field. A bare string is one acceptable answer. */
export type TextLabel =
  | string
  | {
      /** Any of these answers (normalised equality). */
      any?: string[];
      /** Every one of these words or phrases appears in the value. */
      contains?: string[];
      /** Alternatives to `contains`: the value passes when any one group is fully contained. */
      containsAny?: string[][];
      /** None of these words or phrases appears in the value. */
      not?: string[];
    };

/** A label for a list (pain points, priorities, stage names): one label per item a careful reader finds. */
export type ListLabel = {
  items: TextLabel[];
  /** Produced items that match no label are wrong (fragments, invented pains); true allows extra items. */
  allowExtra?: boolean;
};

/** null: the input does not say, so the field must stay empty. */
export type FieldLabel = TextLabel | ListLabel | null;

export type Verdict = 'correct' | 'wrong' | 'missing';

/** Lower case, typographic quotes and dashes plain, thousands separators dropped, punctuation to spaces. */
export function normalise(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[\u2018\u2019\u201c\u201d"'`]/g, '')
      .replace(/(\d),(\d{3})\b/g, '$1$2')
      .replace(/[\u2013\u2014]/g, '-')
      // A range is two numbers: "200-1000" holds "200" and "1000", "1k-5k" holds "1k".
      .replace(/(\d[km]?)-(?=\d)/g, '$1 ')
      .replace(/[^\p{L}\p{N}%$+-]+/gu, ' ')
      .replace(/(^|\s)-+|-+(\s|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const padded = (s: string) => ` ${normalise(s)} `;
/** A word or phrase appears in the text as whole words. */
export const hasPhrase = (text: string, phrase: string) => padded(text).includes(padded(phrase));

export function matchText(value: string, label: TextLabel): boolean {
  if (typeof label === 'string') return normalise(value) === normalise(label);
  const v = normalise(value);
  if (!v) return false;
  if (label.not?.some((w) => hasPhrase(value, w))) return false;
  const checks: boolean[] = [];
  if (label.any) checks.push(label.any.some((a) => normalise(a) === v));
  if (label.contains) checks.push(label.contains.every((w) => hasPhrase(value, w)));
  if (label.containsAny) checks.push(label.containsAny.some((group) => group.every((w) => hasPhrase(value, w))));
  // `any` or `contains`: either way of being right is enough.
  return checks.length > 0 && checks.some(Boolean);
}

export const isListLabel = (label: FieldLabel): label is ListLabel => typeof label === 'object' && label !== null && 'items' in label;

/** One unit of a scored field: a whole field, or one item of a list. */
export type Unit = { field: string; verdict: Verdict; expected: string; produced: string };

export const describeLabel = (label: TextLabel | null): string => {
  if (label === null) return '(empty)';
  if (typeof label === 'string') return label;
  return [
    label.any && `one of ${label.any.map((a) => `"${a}"`).join(' / ')}`,
    label.contains && `contains ${label.contains.map((a) => `"${a}"`).join(' + ')}`,
    label.containsAny && `contains ${label.containsAny.map((g) => g.map((a) => `"${a}"`).join(' + ')).join(' or ')}`,
    label.not && `not ${label.not.map((a) => `"${a}"`).join(', ')}`,
  ]
    .filter(Boolean)
    .join('; ');
};

/** A list value as items: arrays as they are, text split on semicolons, lines and bullets. */
export function itemsOf(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof value !== 'string') return [];
  return value
    .split(/\s*(?:;|\n|^\s*[-*\u2022]\s+)\s*/m)
    .map((s) => s.replace(/^[-*\u2022]\s*/, '').trim())
    .filter(Boolean);
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value.trim() : Array.isArray(value) ? value.join('; ') : '');

/**
 * Scores one field. Text: one unit. List: one unit per expected item (matched to a distinct
 * produced item), and one wrong unit per produced item no label accepts (unless allowExtra).
 */
export function scoreField(field: string, produced: unknown, label: FieldLabel): Unit[] {
  if (label === null) {
    const p = textOf(produced);
    return [{ field, verdict: p ? 'wrong' : 'correct', expected: '(empty)', produced: p }];
  }
  if (!isListLabel(label)) {
    const p = textOf(produced);
    return [{ field, verdict: !p ? 'missing' : matchText(p, label) ? 'correct' : 'wrong', expected: describeLabel(label), produced: p }];
  }
  const items = itemsOf(produced);
  const used = new Set<number>();
  const units: Unit[] = label.items.map((l, i) => {
    const hit = items.findIndex((item, j) => !used.has(j) && matchText(item, l));
    if (hit >= 0) used.add(hit);
    return { field: `${field}[${i + 1}]`, verdict: hit >= 0 ? 'correct' : 'missing', expected: describeLabel(l), produced: hit >= 0 ? items[hit]! : '' };
  });
  if (!label.allowExtra) {
    items.forEach((item, j) => {
      if (!used.has(j)) units.push({ field: `${field}[extra]`, verdict: 'wrong', expected: '(no such item)', produced: item });
    });
  }
  return units;
}

// ---- Nothing invented ----

// Words that carry no fact of their own: a value made of the person's content words plus these is theirs.
const GLUE = new Set(
  (
    'a an the and or but of to in on at for with by from as is are was were be been being it its they them their this that these those ' +
    'who what which when where how than then so not no nor very more most much many some any each every our we us you your he she his her ' +
    'has have had do does did can could will would should may might must just also about into over per via up out off only own same such ' +
    'employees people staff person persons headcount company companies team teams size range around approx approximately roughly about ' +
    'fixing needs need wants want looking their day days hours'
  ).split(' '),
);

/** A light stem: enough that "calls"/"call", "dispatching"/"dispatch", "delayed"/"delay" meet. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('es') && /(ch|sh|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export const contentWords = (s: string) =>
  normalise(s)
    .split(/[\s/-]+/)
    .filter((w) => w && !GLUE.has(w) && (w.length > 1 || /\d/.test(w)));

// Canonical values a careful reader derives from words the person used: traceable, not invented.
const DERIVED: Array<[RegExp, RegExp]> = [
  [/^c[ -]?(level|suite)$|^executive$/, /\b(chief|ceos?|cfos?|coos?|ctos?|cmos?|cros?|cios?|cisos?|cpos?|c-level|c-suite|founders?|owners?|president)\b/i],
  [/^vp$|^vice president$|^vp level$/, /\b(vp|vice president|svp|evp)\b/i],
  [/^director( level)?$/, /\bdirector\b/i],
  [/^head( of department| level)?$/, /\bheads? of\b/i],
  [/^founder\s*\/?\s*(owner)?$|^owner$/, /\b(co-?founders?|founders?|owners?)\b/i],
  [/^home services$/, /\b(hvac|plumb\w*|electricians?|roofing)\b/i],
  [/^(senior )?manager( level)?$/, /\bmanager|lead\b/i],
  [/^individual contributor$|^ic$/, /\b(individual contributor|ic|analyst|coordinator|specialist|engineer|rep)\b/i],
  [
    /^logistics$|^transportation$|^transport|^freight|^supply chain/,
    /\b(logistics|freight|trucking|truckload|carrier|3pl|haul\w*|shipping|fleet|dispatch\w*|warehous\w*|transport\w*|brokerage)\b/i,
  ],
  [/^fintech$|^financial services$|^finance$|^banking$/, /\b(fintech|payments?|bank\w*|lending|insurance|financial)\b/i],
  [/^healthcare$|^health ?care$|^health tech/, /\b(health\w*|hospital\w*|clinic\w*|patients?|medical|dental|dentists?)\b/i],
  // The standard buying stages the wizard offers, when the person asks for the standard ones.
  [/^(awareness|consideration|decision)$/, /\bstandard\b/i],
  [/^(b2b )?saas$|^software$/, /\b(saas|software)\b/i],
  [/^gaming$|^games$|^video games$/, /\b(gam(?:e|es|ing)|game studios?)\b/i],
  [/^waste( management| collection)?$/, /\b(waste|recycling|refuse)\b/i],
  [/^manufacturing$/, /\b(manufactur\w*|factory|factories|plant|plants|production line)\b/i],
  [/^retail$|^e-?commerce$|^ecommerce$/, /\b(retail\w*|e-?commerce|stores?|shop\w*|dtc|d2c)\b/i],
  [/^construction$/, /\b(construction|contractors?|builders?|job ?sites?)\b/i],
  [/^education$|^edtech$/, /\b(education|schools?|universit\w*|edtech|students?)\b/i],
  [/^hospitality$/, /\b(hotels?|hospitality|restaurants?)\b/i],
  [/^real estate$|^property management$/, /\b(real estate|propert\w*|landlords?|tenants?)\b/i],
];

/** The share of a value's content words found in the source text, and the words that were not. */
export function tracing(value: string, source: string): { share: number; unknown: string[] } {
  const v = normalise(value);
  for (const [canonical, cue] of DERIVED) if (canonical.test(v) && cue.test(source)) return { share: 1, unknown: [] };
  const words = contentWords(value);
  if (words.length === 0) return { share: 1, unknown: [] };
  const sourceStems = new Set(contentWords(source).map(stem));
  const digits = (w: string) => w.replace(/[^\d]/g, '');
  const sourceNumbers = new Set([...normalise(source).matchAll(/\d+/g)].map((m) => m[0]));
  const unknown = words.filter((w) => {
    if (/\d/.test(w)) return !digits(w) || !sourceNumbers.has(digits(w));
    return !sourceStems.has(stem(w));
  });
  return { share: (words.length - unknown.length) / words.length, unknown };
}

/**
 * Traceable: every content word of a short value (three words or fewer) is in the source, and at
 * least 80 % of a longer one's (a reworded clause keeps most of its words; an invented one does not).
 */
export function traceable(value: string, source: string): boolean {
  const { share } = tracing(value, source);
  return contentWords(value).length <= 3 ? share === 1 : share >= 0.8;
}

/**
 * How a value mangles the person's words, if it does: cut mid-word (its last word is a fragment of
 * one of theirs), "…" inside it, or an acronym they wrote in capitals lowered ("ROI" → "Roi").
 */
export function mangling(value: string, source: string): string | undefined {
  if (/\u2026|\.\.\.$/.test(value) && !/\u2026|\.\.\./.test(source)) return 'has "…" the person did not write';
  const sourceWords = new Set(normalise(source).split(/[\s/]+/));
  const last =
    normalise(value)
      .split(/[\s/]+/)
      .at(-1) ?? '';
  const inflected = (w: string) => /^(s|es|ed|ing|ers?|ment|ments|ly|ation|ations|ions?)$/.test(w.slice(last.length)) || stem(w) === stem(last);
  if (last.length > 2 && !sourceWords.has(last) && [...sourceWords].some((w) => w.length > last.length && w.startsWith(last) && !inflected(w)))
    return `cut mid-word ("${last}")`;
  const acronyms = new Set([...source.matchAll(/\b[A-Z][A-Z0-9]{1,5}s?\b/g)].map((m) => m[0]));
  for (const word of value.match(/\b[\p{L}0-9]+\b/gu) ?? []) {
    const written = [...acronyms].find((a) => a.toLowerCase() === word.toLowerCase());
    // "it" the pronoun is not "IT" the department.
    if (written && word !== written && !acronyms.has(word) && !GLUE.has(word.toLowerCase())) return `"${written}" written as "${word}"`;
  }
  return undefined;
}
