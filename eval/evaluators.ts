// The eval's scorers as Genkit evaluators, so the Dev UI lists them and `genkit eval:run` can use
// them on the datasets `npm run eval` writes (.genkit/eval-datasets/<dataset>.json: each case, as
// input, with what the flows produced, as output).
import type { Genkit } from 'genkit';
import { DATASETS, type AnyCase, type DatasetName } from './cases.js';
import type { Check } from './email-checks.js';
import type { Produced } from './run-case.js';
import { scoreCase, type CaseScore } from './score.js';

export const EVALUATORS = {
  fieldAccuracy: {
    displayName: 'Field accuracy',
    definition: 'Share of labelled fields (pain points item by item) the flow got right; wrong and missing fields listed.',
  },
  nothingInvented: {
    displayName: 'Nothing invented',
    definition: 'Values the flow produced that cannot be traced to the input (its content words are not there) and are not marked as a guess. Passes at 0.',
  },
  emailFormat: {
    displayName: 'Email format',
    definition:
      'Subject present, not cut, short; greeting with the first name; sign-off; no doubled words or template seams; sentences end with punctuation; merge fields filled; length limit.',
  },
  instructionFollowing: {
    displayName: 'Instruction following',
    definition: "The step's call length and call to action are in the email, named mentions are there, forbidden phrases are not.",
  },
  toneDifference: {
    displayName: 'Tone difference',
    definition: 'Drafts in two tones differ in wording beyond the greeting and the sign-off.',
  },
  mustNotAppear: {
    displayName: 'Must not appear',
    definition:
      "Meeting prep: phrases a careful reader knows are wrong for this contact are absent; follow-up answers use the brief; the wizard's reply does not ask again for what was said.",
  },
} as const;
export type EvaluatorName = keyof typeof EVALUATORS;

/** Which evaluator reports a check. */
export function evaluatorOf(check: Check, dataset: DatasetName): EvaluatorName {
  if (dataset !== 'email') return 'mustNotAppear';
  if (/differ beyond greeting/.test(check.check)) return 'toneDifference';
  if (/call as asked|call to action|mentions "|does not say "/.test(check.check)) return 'instructionFollowing';
  return 'emailFormat';
}

/** One row of a Genkit evaluation dataset: the case as input, what the flows produced as output. */
export type GenkitRow = { testCaseId: string; input: AnyCase; output: unknown };

export function genkitDataset(produced: Array<{ item: AnyCase; out: Produced<DatasetName> }>): GenkitRow[] {
  return produced.map(({ item, out }) => ({ testCaseId: `${item.dataset}/${item.case.id}`, input: item, output: out.ok ? out.output : { error: out.error } }));
}

function scoreDatapoint(input: unknown, output: unknown): CaseScore {
  const item = input as AnyCase;
  const schema = item && DATASETS[item.dataset];
  if (!schema) throw new Error(`The input is not an eval case: expected {dataset: ${Object.keys(DATASETS).join(' | ')}, case}`);
  const parsed = { dataset: item.dataset, case: schema.parse(item.case) } as AnyCase;
  const error = output && typeof output === 'object' && 'error' in output ? String((output as { error: unknown }).error) : undefined;
  return scoreCase(parsed as never, (error ? { ok: false, error } : { ok: true, output }) as never);
}

type Evaluation = { score?: number; status: 'PASS' | 'FAIL' | 'UNKNOWN'; details: { reasoning: string } };

export function evaluate(name: EvaluatorName, s: CaseScore): Evaluation {
  if (name === 'fieldAccuracy') {
    if (!s.units.length) return { status: 'UNKNOWN', details: { reasoning: 'No labelled fields in this case.' } };
    const correct = s.units.filter((u) => u.verdict === 'correct').length;
    const misses = s.units.filter((u) => u.verdict !== 'correct').map((u) => `${u.verdict} ${u.field}: expected ${u.expected}, got "${u.produced}"`);
    return {
      score: correct / s.units.length,
      status: misses.length ? 'FAIL' : 'PASS',
      details: { reasoning: `${correct}/${s.units.length} correct.${misses.length ? ` ${misses.join('; ')}` : ''}${s.error ? ` Error: ${s.error}` : ''}` },
    };
  }
  if (name === 'nothingInvented') {
    return {
      score: s.invented.length,
      status: s.invented.length ? 'FAIL' : 'PASS',
      details: {
        reasoning: s.invented.length ? s.invented.map((i) => `${i.field} "${i.value}" (${i.why})`).join('; ') : 'Every value is traceable to the input.',
      },
    };
  }
  const checks = s.checks.filter((c) => evaluatorOf(c, s.dataset) === name);
  if (!checks.length) return { status: 'UNKNOWN', details: { reasoning: 'No such checks in this case.' } };
  const failed = checks.filter((c) => !c.pass);
  return {
    score: (checks.length - failed.length) / checks.length,
    status: failed.length ? 'FAIL' : 'PASS',
    details: { reasoning: failed.length ? failed.map((c) => `${c.check}: ${c.detail}`).join('; ') : `All ${checks.length} passed.` },
  };
}

/** Registers every evaluator on `ai` as personaflow/<name>. */
export function defineEvalEvaluators(ai: Genkit) {
  return (Object.keys(EVALUATORS) as EvaluatorName[]).map((name) =>
    ai.defineEvaluator({ name: `personaflow/${name}`, ...EVALUATORS[name], isBilled: false }, async (datapoint) => ({
      testCaseId: datapoint.testCaseId,
      evaluation: evaluate(name, scoreDatapoint(datapoint.input, datapoint.output)),
    })),
  );
}
