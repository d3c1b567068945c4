// Scores one case: its fields (correct / wrong / missing), the values that cannot be traced to the
// input (invented), and its pass/fail checks (email format, instructions, tone, what must not appear).
import type { AnyCase, BuyingProcessCase, DatasetName, EmailCase, MeetingPrepCase, PersonaWizardCase } from './cases.js';
import { formatChecks, instructionChecks, inventedFigures, toneCheck, type Check, type EmailExpectations } from './email-checks.js';
import { describeLabel, mangling, hasPhrase, isListLabel, itemsOf, matchText, scoreField, traceable, tracing, type FieldLabel, type Unit } from './match.js';
import type { BuyingProcessOutputView, EmailOutput, MeetingPrepOutput, OutputOf, PersonaWizardOutput, Produced } from './run-case.js';

export type Invented = { field: string; value: string; why: string };
export type CaseScore = { dataset: DatasetName; id: string; units: Unit[]; invented: Invented[]; checks: Check[]; error?: string };

/** Every unit a case's labels promise, all missing: a case whose flow failed scores nothing. */
function unitsOfLabels(expect: Record<string, FieldLabel>): Unit[] {
  return Object.entries(expect).flatMap(([field, label]) =>
    isListLabel(label)
      ? label.items.map((l, i) => ({ field: `${field}[${i + 1}]`, verdict: 'missing' as const, expected: describeLabel(l), produced: '' }))
      : [{ field, verdict: 'missing' as const, expected: describeLabel(label), produced: '' }],
  );
}

const inventedUnless = (field: string, value: string, source: string, label?: FieldLabel): Invented[] => {
  if (!value.trim()) return [];
  const mangled = mangling(value, source);
  if (mangled) return [{ field, value, why: mangled }];
  // A value the label accepts is what a careful reader took from the input.
  if (label && !isListLabel(label) && matchText(value, label)) return [];
  if (label && isListLabel(label) && label.items.some((l) => matchText(value, l))) return [];
  if (traceable(value, source)) return [];
  return [{ field, value, why: `not in the input: ${tracing(value, source).unknown.join(', ')}` }];
};

function personaWizard(c: PersonaWizardCase, out: PersonaWizardOutput): Omit<CaseScore, 'dataset' | 'id'> {
  const units = Object.entries(c.expect).flatMap(([field, label]) => scoreField(field, out.persona[field as keyof typeof out.persona], label));
  const source = c.messages.join('\n');
  const invented: Invented[] = [];
  for (const [field, value] of Object.entries(out.persona)) {
    const origin = out.origins[field];
    // A suggestion shown as unconfirmed is a guess the person sees, not a claim.
    if (origin?.source === 'model' && !origin.confirmed) continue;
    for (const v of Array.isArray(value) ? value : [String(value)]) invented.push(...inventedUnless(field, v, source, c.expect[field]));
  }
  const last = out.replies.at(-1) ?? '';
  const checks: Check[] = [
    ...c.replyMustNot.map((p) => {
      const hit = new RegExp(p, 'i').exec(last);
      return { check: `reply does not match /${p}/`, pass: !hit, detail: hit ? `reply: "${last}"` : 'ok' };
    }),
    ...c.replyMust.map((p) => {
      const hit = new RegExp(p, 'i').exec(last);
      return { check: `reply matches /${p}/`, pass: Boolean(hit), detail: `reply: "${last}"` };
    }),
  ];
  return { units, invented, checks };
}

function cellOf(out: BuyingProcessOutputView, key: string): unknown {
  if (key === 'persona_link') return out.linkedPersona;
  if (key === 'stage_names') return out.map.buying_stages.map((s) => s.stage_name);
  if (key === 'persona_name' || key === 'persona_pain_points') return out.map[key];
  const [stage, column] = key.split('.');
  const s = out.map.buying_stages.find((x) => x.stage_name.toLowerCase() === stage!.toLowerCase());
  return s ? s[column as keyof typeof s] : '';
}

function buyingProcess(c: BuyingProcessCase, out: BuyingProcessOutputView): Omit<CaseScore, 'dataset' | 'id'> {
  const units = Object.entries(c.expect).flatMap(([key, label]) => scoreField(key, cellOf(out, key), label));
  const checks: Check[] = [
    {
      check: `the wizard was asking "${c.asking}"`,
      pass: out.askedBefore.toLowerCase().startsWith(c.asking.toLowerCase()),
      detail: `it was asking "${out.askedBefore}"`,
    },
  ];
  // Only what this answer changed is judged: the setup's values are the person's own.
  const libraryText = c.library.flatMap((p) => [p.personName, ...p.painPoints]).join('\n');
  const source = `${c.answer}\n${libraryText}`;
  const before = new Map<string, string>();
  before.set('persona_name', c.setup.persona_name ?? '');
  before.set('persona_pain_points', c.setup.persona_pain_points ?? '');
  for (const s of c.setup.stages ?? []) for (const [k, v] of Object.entries(s)) before.set(`${s.stage_name}.${k}`, v);
  const invented: Invented[] = [];
  const cells: Array<[string, string]> = [
    ['persona_name', out.map.persona_name],
    ['persona_pain_points', out.map.persona_pain_points],
    ...out.map.buying_stages.flatMap((s) => Object.entries(s).map(([k, v]) => [`${s.stage_name}.${k}`, v] as [string, string])),
  ];
  for (const [key, value] of cells) {
    if (!value || before.get(key) === value) continue;
    const label = key.endsWith('.stage_name') ? c.expect.stage_names : c.expect[key];
    const items = key === 'persona_pain_points' ? itemsOf(value) : [value];
    for (const v of items) invented.push(...inventedUnless(key, v, source, label));
  }
  return { units, invented, checks };
}

const STATED_INDUSTRY = /\bindustry:\s*([^.;\n]+)/i;
// Where a value came from, said after it ("Logistics (their company name says …)"): not part of the value.
const withoutProvenance = (s: string) => s.replace(/\s*\((?:their|your) [^()]*\)\s*$/i, '').trim();

function meetingPrep(c: MeetingPrepCase, out: MeetingPrepOutput): Omit<CaseScore, 'dataset' | 'id'> {
  const b = out.brief;
  const all = JSON.stringify(b);
  const units: Unit[] = [];
  const stated = withoutProvenance(STATED_INDUSTRY.exec(b.whoTheyAre)?.[1]?.trim() ?? '');
  if (c.expect.industry !== undefined) {
    const label = c.expect.industry;
    if (label === null) units.push({ field: 'industry', verdict: stated ? 'wrong' : 'correct', expected: '(not stated)', produced: stated });
    else {
      const accepted = (v: string) => matchText(v, label) || (typeof label !== 'string' && (label.any ?? []).some((a) => hasPhrase(v, a)));
      const verdict = stated ? (accepted(stated) ? 'correct' : 'wrong') : accepted(b.whoTheyAre) ? 'correct' : 'missing';
      units.push({ field: 'industry', verdict, expected: describeLabel(label), produced: stated || b.whoTheyAre });
    }
  }
  // Pains: found when one of the priorities names it (other priorities may be there too).
  const used = new Set<number>();
  c.expect.pains.forEach((label, i) => {
    const hit = b.likelyPriorities.findIndex((p, j) => !used.has(j) && matchText(p, containsOf(label)));
    if (hit >= 0) used.add(hit);
    units.push({
      field: `pains[${i + 1}]`,
      verdict: hit >= 0 ? 'correct' : 'missing',
      expected: describeLabel(label),
      produced: hit >= 0 ? b.likelyPriorities[hit]! : '',
    });
  });
  c.expect.fromNotes.forEach((label, i) => {
    const ok = matchText(all, containsOf(label));
    units.push({ field: `fromNotes[${i + 1}]`, verdict: ok ? 'correct' : 'missing', expected: describeLabel(label), produced: ok ? 'used' : '' });
  });

  const checks: Check[] = c.mustNotAppear.map(({ text, in: fields }) => {
    const where = fields ? fields.map((f) => [f, JSON.stringify((b as Record<string, unknown>)[f] ?? '')] as const) : [['brief', all] as const];
    const hit = where.find(([, t]) => hasPhrase(t, text));
    return { check: `"${text}" not in ${fields ? fields.join(', ') : 'the brief'}`, pass: !hit, detail: hit ? `found in ${hit[0]}` : 'ok' };
  });
  c.questions.forEach((q, i) => {
    const a = out.answers[i]?.a ?? '';
    checks.push({ check: `answers "${q.q}"`, pass: matchText(a, containsOf(q.expect)), detail: a || '(no answer)' });
    for (const m of q.mustNotAppear)
      checks.push({ check: `answer to "${q.q}" does not say "${m}"`, pass: !hasPhrase(a, m), detail: hasPhrase(a, m) ? a : 'ok' });
  });

  const source = [
    c.contact.name,
    c.contact.title,
    c.contact.company,
    c.contact.linkedinText,
    c.contact.websiteText,
    c.contact.notes,
    c.product?.name ?? '',
    c.product?.description ?? '',
    c.product?.valueProposition ?? '',
  ].join('\n');
  const invented: Invented[] = [];
  if (stated && !traceable(stated, source))
    invented.push({ field: 'industry', value: stated, why: `not in their data: ${tracing(stated, source).unknown.join(', ')}` });
  for (const p of b.likelyPriorities) {
    // A priority that says it is unknown is not a claim.
    if (/\bunknown\b|\bnot (said|stated|known)\b|\bask\b/i.test(p)) continue;
    invented.push(...inventedUnless('likelyPriorities', withoutProvenance(p), source));
  }
  return { units, invented, checks };
}

/** Free-text labels on long text (a brief, an answer): a bare string means "contains it". */
const containsOf = (label: FieldLabel): Exclude<FieldLabel, null | { items: unknown }> =>
  typeof label === 'string' ? { contains: [label] } : label && !isListLabel(label) ? label : { contains: [] };

function email(c: EmailCase, out: EmailOutput): Omit<CaseScore, 'dataset' | 'id'> {
  const e: EmailExpectations = { firstName: c.lead.name.split(/\s+/)[0]!, ...c.expect };
  const checks: Check[] = [];
  const invented: Invented[] = [];
  const source = JSON.stringify([c.lead, c.persona, c.product, c.company, c.campaign, c.instructions]);
  for (const d of out.drafts) {
    const tag = (x: Check) => ({ ...x, check: `${d.tone}: ${x.check}` });
    checks.push(...formatChecks(d, e).map(tag), ...instructionChecks(d, e).map(tag));
    for (const claim of d.ungrounded) invented.push({ field: `${d.tone} personal detail`, value: claim, why: "not backed by the lead's record or persona" });
    for (const f of inventedFigures(d, source)) invented.push({ field: `${d.tone} figure`, value: f, why: 'a figure nobody gave' });
  }
  const toned = out.drafts.map((d) => ({ tone: d.tone, draft: d }));
  const given = [c.product?.valueProposition, c.product?.description, c.campaign?.callToAction, c.expect.cta, requirementWords(c.lead.requirement)].filter(
    (g): g is string => typeof g === 'string',
  );
  for (let i = 1; i < toned.length; i++) checks.push(toneCheck(toned[0]!, toned[i]!, given));
  return { units: [], invented, checks };
}

// The lead's requirement as a draft quotes it: without the "wants" / "is looking to" it opens with.
const requirementWords = (r: string) =>
  r.trim().replace(/^(?:(?:they|he|she)\s+)?(?:(?:is|are)\s+)?(?:wants?|needs?|looking (?:for|to)|hoping to|trying to|interested in)\s+/i, '');

const SCORERS: { [D in DatasetName]: (c: Extract<AnyCase, { dataset: D }>['case'], out: OutputOf<D>) => Omit<CaseScore, 'dataset' | 'id'> } = {
  'persona-wizard': personaWizard,
  'buying-process': buyingProcess,
  'meeting-prep': meetingPrep,
  email,
};

/** The checks a case promises, all failed: a case whose flow failed passes none. */
function failedChecks(item: AnyCase, error: string): Check[] {
  const fail = (check: string) => ({ check, pass: false, detail: error });
  switch (item.dataset) {
    case 'email':
      return item.case.tones.map((t) => fail(`${t}: the draft`));
    case 'meeting-prep':
      return [...item.case.mustNotAppear.map((m) => fail(`"${m.text}" not in the brief`)), ...item.case.questions.map((q) => fail(`answers "${q.q}"`))];
    case 'persona-wizard':
      return [...item.case.replyMustNot.map((p) => fail(`reply does not match /${p}/`)), ...item.case.replyMust.map((p) => fail(`reply matches /${p}/`))];
    case 'buying-process':
      return [fail(`the wizard was asking "${item.case.asking}"`)];
  }
}

function labelledUnits(item: AnyCase): Unit[] {
  if (item.dataset === 'meeting-prep') {
    const x = item.case.expect;
    const labels: Record<string, FieldLabel> = {};
    if (x.industry !== undefined) labels.industry = x.industry;
    if (x.pains.length) labels.pains = { items: x.pains };
    if (x.fromNotes.length) labels.fromNotes = { items: x.fromNotes };
    return unitsOfLabels(labels);
  }
  return item.dataset === 'email' ? [] : unitsOfLabels(item.case.expect);
}

export function scoreCase<D extends DatasetName>(item: Extract<AnyCase, { dataset: D }>, produced: Produced<D>): CaseScore {
  const head = { dataset: item.dataset, id: item.case.id };
  if (!produced.ok) return { ...head, units: labelledUnits(item), invented: [], checks: failedChecks(item, produced.error), error: produced.error };
  return { ...head, ...SCORERS[item.dataset](item.case as never, produced.output as never) };
}
