// Groups short free texts that say much the same thing ("need a call script", "a script for the
// call"): each text's words, lower-cased, stripped of punctuation and common words, with a plural
// "s" dropped; a text joins the first group whose words overlap its own by at least half (Jaccard).
// Deliberately simple: no stemming beyond the plural, no synonyms, no model.

const STOP_WORDS = new Set(
  'a an and are as at be but by can do for from have how i in is it its me more my need needs of on or our please some that the their them this to too want wanted was we what when which with would you your'.split(
    ' ',
  ),
);

export const MIN_OVERLAP = 0.5;

/** The words of a text that carry its meaning. */
export function meaningfulWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return new Set(words);
}

const overlap = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
};

export type TextGroup<T> = { items: T[]; words: string[] };

/** Groups items by their text, largest group first; `words` are those every text of the group shares. */
export function groupSimilarTexts<T>(items: T[], textOf: (item: T) => string): TextGroup<T>[] {
  const groups: { items: T[]; words: Set<string>; shared: Set<string> }[] = [];
  for (const item of items) {
    const words = meaningfulWords(textOf(item));
    const home = words.size ? groups.find((g) => overlap(g.words, words) >= MIN_OVERLAP) : undefined;
    if (home) {
      home.items.push(item);
      home.shared = new Set([...home.shared].filter((w) => words.has(w)));
    } else groups.push({ items: [item], words, shared: new Set(words) });
  }
  return groups.sort((a, b) => b.items.length - a.items.length).map((g) => ({ items: g.items, words: [...g.shared].sort() }));
}
