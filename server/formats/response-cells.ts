// One cell of an imported survey response read as its field's type. Each reader returns the
// value, undefined for "no answer" (an empty cell), or a CellError saying what to write instead.
// A person's words are kept whole: text is only trimmed, list items are never split on commas.

export class CellError {
  constructor(readonly message: string) {}
}

export type CellValue<T> = T | undefined | CellError;

const shown = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
};
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function readText(v: unknown, field: string): CellValue<string> {
  if (isBlank(v)) return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return new CellError(`${field} must be text, not ${shown(v)}`);
}

const STRICT_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A number as written ("4", "4.5"): the schema then says whether it is whole and in range. "four" or "4 stars" is refused, never guessed. */
export function readNumber(v: unknown, field: string, range: string): CellValue<number> {
  if (isBlank(v)) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && STRICT_NUMBER.test(v.trim())) return Number(v.trim());
  return new CellError(`${field} must be ${range}, not ${shown(v)}`);
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

export function readConsent(v: unknown): CellValue<boolean> {
  if (isBlank(v)) return undefined;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return new CellError(`consent must be yes or no (also true/false, 1/0, y/n), not ${shown(v)}`);
}

/** One cell holding several answers, separated by ";", "|" or new lines; commas stay inside an item. */
export function readList(v: unknown, field: string): CellValue<string[]> {
  if (isBlank(v)) return undefined;
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[;|\n]/) : [v];
  const items: string[] = [];
  for (const part of parts) {
    if (isBlank(part)) continue;
    if (typeof part !== 'string') return new CellError(`Each of ${field} must be text, not ${shown(part)}`);
    items.push(part.trim());
  }
  return items.length ? items : undefined;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// Google Forms' Timestamp column: month first, always with a time (SurveyMonkey adds AM/PM).
const US_TIMESTAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP])\.?M\.?)?$/i;
const WRITE_ISO = 'write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-11-30T14:05:00Z';

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  // The years a survey can have been answered in (Date.UTC would also read 0026 as 1926).
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 2026-02-30 over to March: a date that does not come back the same does not exist.
  return new Date(t).getUTCDate() === d ? t : undefined;
}

/** When the response was submitted, as an ISO instant in UTC. A date without a time is midnight UTC; a time without an offset is UTC. */
export function readSubmittedAt(v: unknown): CellValue<string> {
  if (isBlank(v)) return undefined;
  if (typeof v !== 'string') return new CellError(`submittedAt must be a date, not ${shown(v)}; ${WRITE_ISO}`);
  const s = v.trim();
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = iso;
    let t = utc(+y!, +mo!, +d!, +h, +mi, +sec, Math.floor(Number(`0${frac || '.0'}`) * 1000));
    if (t !== undefined && zone.toUpperCase() !== 'Z') {
      const [, sign, zh, zm = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
      if (+zh! > 14 || +zm > 59) t = undefined;
      else t -= (sign === '-' ? -1 : 1) * (+zh! * 60 + +zm) * 60_000;
    }
    return t === undefined ? new CellError(`submittedAt ${shown(v)} is not a real date or time; ${WRITE_ISO}`) : new Date(t).toISOString();
  }
  const us = US_TIMESTAMP.exec(s);
  if (us) {
    const [, mo, d, y, h, mi, sec = '0', half] = us;
    if (+mo! > 12)
      return new CellError(
        `submittedAt ${shown(v)} reads as day/month, and this import reads slashed dates month first (as Google Forms writes them); ${WRITE_ISO}`,
      );
    let hour = +h!;
    if (half) {
      if (hour < 1 || hour > 12) return new CellError(`submittedAt ${shown(v)} is not a real time; ${WRITE_ISO}`);
      hour = (hour % 12) + (half.toUpperCase() === 'P' ? 12 : 0);
    }
    const t = utc(+y!, +mo!, +d!, hour, +mi!, +sec, 0);
    return t === undefined ? new CellError(`submittedAt ${shown(v)} is not a real date or time; ${WRITE_ISO}`) : new Date(t).toISOString();
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(s)) return new CellError(`submittedAt ${shown(v)} is ambiguous (month/day or day/month?); ${WRITE_ISO}`);
  return new CellError(`submittedAt ${shown(v)} is not a date this import reads; ${WRITE_ISO}`);
}

/** A value of one of the "other answers" columns, kept as given; an empty cell is left out. */
export function readOtherAnswer(v: unknown, column: string): CellValue<string | number | boolean | string[]> {
  if (isBlank(v)) return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return new CellError(`"${column}" must be text, a number, true/false or a list of texts, not ${shown(v)}`);
}
