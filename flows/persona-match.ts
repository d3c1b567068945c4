import { jobFunctionOf } from '../lib/job-title.js';
import type { PersonaMatch } from '../schemas/contact-analysis.js';
import type { Contact } from '../schemas/contact.js';
import type { SavedPersona } from '../schemas/persona.js';

// Which personas a real contact resembles, by explicit rules a person can check — not a score.

const STOP = new Set(['of', 'and', 'the', 'a', 'an', 'at', 'for', 'in', '&']);
const tokens = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .split(/[^a-z0-9+]+/)
      .filter((t) => t.length > 1 && !STOP.has(t)),
  );
const overlap = (a: string, b: string) => [...tokens(a)].filter((t) => tokens(b).has(t));

const LEVELS: Array<[RegExp, string]> = [
  [/\b(ceo|cto|cfo|cmo|coo|cro|chief|c-level)\b/i, 'C-level'],
  [/\b(founder|owner|president)\b/i, 'Founder'],
  [/\b(vp|vice president)\b/i, 'VP'],
  [/\b(head of|director)\b/i, 'Director'],
  [/\b(manager|lead)\b/i, 'Manager'],
];
const levelOf = (s: string) => LEVELS.find(([re]) => re.test(s))?.[1];

function sizeRange(s: string): [number, number] | undefined {
  const nums = [...s.replace(/,/g, '').matchAll(/(\d+(?:\.\d+)?)\s*(k)?/gi)].map((m) => Number(m[1]) * (m[2] ? 1000 : 1));
  if (nums.length === 0) return undefined;
  return [Math.min(...nums), /\+/.test(s) ? Infinity : Math.max(...nums)];
}

function enrichmentValue(contact: Contact, ...path: string[]): string | undefined {
  const v = path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), contact.enrichment);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export function matchPersonas(contact: Contact, personas: SavedPersona[], limit = 3): PersonaMatch[] {
  const text = [contact.title, contact.company, contact.linkedinText, contact.websiteText, contact.notes].join(' \n ');
  const title = contact.title || enrichmentValue(contact, 'title') || '';
  const industry = enrichmentValue(contact, 'organization', 'industry') ?? enrichmentValue(contact, 'industry');
  const employees = enrichmentValue(contact, 'organization', 'estimated_num_employees');

  const results = personas.map((p) => {
    const d = p.data;
    const matched: PersonaMatch['matched'] = [];
    const unmatched: string[] = [];
    if (title) {
      const shared = overlap(title, d.title);
      if (shared.length) matched.push({ rule: 'similar title', contact: title, persona: d.title });
      const fc = jobFunctionOf(title) ?? jobFunctionOf(contact.linkedinText);
      const fp = jobFunctionOf(d.title) ?? jobFunctionOf(d.role);
      if (fc && fc === fp) matched.push({ rule: `same function (${fc})`, contact: title, persona: d.title });
      else if (fc && fp) unmatched.push(`function: ${fc} vs ${fp}`);
      const lc = levelOf(title);
      const lp = levelOf(`${d.seniority ?? ''} ${d.title}`);
      if (lc && lc === lp) matched.push({ rule: 'same seniority', contact: lc, persona: d.seniority ?? lp });
      else if (lc && lp) unmatched.push(`seniority: ${lc} vs ${lp}`);
    }
    if (industry ? overlap(industry, d.industry).length : new RegExp(`\\b${d.industry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text)) {
      matched.push({ rule: 'same industry', contact: industry ?? d.industry, persona: d.industry });
    } else if (industry) unmatched.push(`industry: ${industry} vs ${d.industry}`);
    const cs = employees ? sizeRange(employees) : sizeRange(/(\d[\d,]*\s*(?:-|to)?\s*\d*[\d,]*)[\s-]*(?:employees|people|person)/i.exec(text)?.[1] ?? '');
    const ps = sizeRange(d.companySize);
    if (cs && ps && cs[0] <= ps[1] && ps[0] <= cs[1])
      matched.push({ rule: 'company size in range', contact: `${cs[0]}${cs[1] !== cs[0] ? `-${cs[1]}` : ''} employees`, persona: d.companySize });
    else if (cs && ps) unmatched.push(`company size: ${cs[0]} vs ${d.companySize}`);
    const pains = d.painPoints.filter((pain) => overlap(pain, text).length >= 2);
    if (pains.length) matched.push({ rule: 'mentions their pain points', contact: pains.join('; '), persona: pains.join('; ') });
    return { personaId: p.id, personaName: d.personName, matched, unmatched };
  });
  return results
    .filter((r) => r.matched.length > 0)
    .sort((a, b) => b.matched.length - a.matched.length || a.unmatched.length - b.unmatched.length)
    .slice(0, limit);
}
