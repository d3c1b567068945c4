// Which saved persona a chat message names, so the buying-process wizard links it as the picker does.
import type { SavedPersona } from '../schemas/persona.js';

// "the Ops Lead persona from my library", "use my saved persona": the person means one they already have.
export const LIBRARY_REFERENCE = /\b(?:(?:my|our|the) (?:persona )?library|saved personas?|library personas?|(?:one|persona) (?:i|we) (?:saved|made|built))\b/i;

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

// Words of a name that say nothing about which persona is meant ("the first one", "my persona").
const GENERIC_WORDS = new Set(
  'the a an and or of for to in on at with from my our your their new old big small first second third last one two persona personas library saved'.split(' '),
);

/**
 * The one persona whose name has a word no other saved name has, when the message says that word
 * ("carla from the library" for "Compliance-First Carla"). Two personas named that way, or none: no match.
 */
function personaByWord(said: string, personas: SavedPersona[]): SavedPersona | undefined {
  const words = personas.map(
    (p) =>
      new Set(
        squash(p.data.personName)
          .split(' ')
          .filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w)),
      ),
  );
  const distinctive = words.map((own, i) => [...own].filter((w) => words.every((other, j) => j === i || !other.has(w))));
  const matched = personas.filter((_, i) => distinctive[i]!.some((w) => said.includes(` ${w} `)));
  return matched.length === 1 ? matched[0] : undefined;
}

const wordsOf = (s: string | undefined) =>
  squash(s ?? '')
    .split(' ')
    .filter((w) => w.length >= 2 && !GENERIC_WORDS.has(w));
// "cyber" for "Cybersecurity", "clinic" for "clinics": a said word that is a word of the persona's, or the start of one.
const sameWord = (said: string, own: string) => said === own || (said.length >= 4 && own.startsWith(said)) || (own.length >= 4 && said.startsWith(own));

/**
 * The one persona whose title or industry has a word no other saved persona's has, when the message
 * says it ("the cyber one", "the SOC manager"). Two personas named that way, or none: no match.
 */
function personaByWhatItIs(said: string, personas: SavedPersona[]): SavedPersona | undefined {
  const words = personas.map((p) => new Set([...wordsOf(p.data.title), ...wordsOf(p.data.industry)]));
  const spoken = said.trim().split(' ');
  const distinctive = words.map((own, i) => [...own].filter((w) => words.every((other, j) => j === i || ![...other].some((o) => sameWord(w, o)))));
  const matched = personas.filter((_, i) => distinctive[i]!.some((w) => spoken.some((s) => s.length >= 3 && !GENERIC_WORDS.has(s) && sameWord(s, w))));
  return matched.length === 1 ? matched[0] : undefined;
}

/**
 * The library persona a message names: its whole name, said as a reference to the library or a
 * saved persona, or as the whole answer. Longest name first, so "Ops Lead" does not win over "Senior Ops Lead".
 * With a reference to the library, a distinctive word of one name is enough, or of one persona's title or industry.
 */
export function libraryPersonaIn(message: string, personas: SavedPersona[]): SavedPersona | undefined {
  const said = ` ${squash(message)} `;
  const answer = squash(message.replace(/^(?:ok(?:ay)?|so|let'?s (?:use|go with|take)|use|take|pick)\b[\s,:]*|\b(?:please|i guess)\b/gi, '')).replace(
    /^the /,
    '',
  );
  const referred = LIBRARY_REFERENCE.test(message);
  const named = personas
    .filter((p) => squash(p.data.personName) && said.includes(` ${squash(p.data.personName)} `))
    .sort((a, b) => b.data.personName.length - a.data.personName.length)[0];
  if (!named) return referred ? (personaByWord(said, personas) ?? personaByWhatItIs(said, personas)) : undefined;
  const name = squash(named.data.personName);
  return referred || said.includes(` ${name} persona `) || answer === name ? named : undefined;
}
