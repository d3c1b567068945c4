// The stages table as the UI edits it: every change is a new whole list, sent back in full.
import {
  BUYER_FIELDS,
  BUYING_PHASES,
  BuyingProcessStateSchema,
  BuyingStageSchema,
  MAX_STAGES,
  SELLER_FIELDS,
  STAGE_FIELD_LABELS,
  type BuyingPhase,
  type BuyingStage,
  type StageField,
} from '@schemas/buying-process.js';

export { BUYER_FIELDS, MAX_STAGES, SELLER_FIELDS, STAGE_FIELD_LABELS, type BuyingStage, type StageField };

export const phaseIndex = (phase: BuyingPhase) => BUYING_PHASES.indexOf(phase);
export const atOrAfter = (phase: BuyingPhase, target: BuyingPhase) => phaseIndex(phase) >= phaseIndex(target);

export function emptyStage(stage_name: string): BuyingStage {
  return { stage_name, buyer_actions: '', duration: '', key_influencers: '', seller_actions: '', content_type: '', key_message: '' };
}

const nameKey = (name: string) => name.trim().toLowerCase();

/** "New stage 4" — the first such name not taken yet. */
export function newStageName(stages: readonly BuyingStage[]): string {
  const taken = new Set(stages.map((s) => nameKey(s.stage_name)));
  let n = stages.length + 1;
  while (taken.has(nameKey(`New stage ${n}`))) n++;
  return `New stage ${n}`;
}

/** The columns shown: the buyer's from the stages step on, the seller's from the alignment step on (or once filled). */
export const showsSellerColumns = (phase: BuyingPhase, stages: readonly BuyingStage[]) =>
  atOrAfter(phase, 'alignment') || stages.some((s) => SELLER_FIELDS.some((f) => s[f].trim()));

export function visibleColumns(phase: BuyingPhase, stages: readonly BuyingStage[]): StageField[] {
  return ['stage_name', ...BUYER_FIELDS, ...(showsSellerColumns(phase, stages) ? SELLER_FIELDS : [])];
}

/** The columns the current step asks about. */
export function askedColumns(phase: BuyingPhase): readonly StageField[] {
  if (phase === 'stages') return BUYER_FIELDS;
  if (phase === 'alignment') return SELLER_FIELDS;
  return [];
}

/** The row the assistant is asking about: the first with an empty field of this step's columns. */
export function askedRow(phase: BuyingPhase, stages: readonly BuyingStage[]): number {
  const fields = askedColumns(phase);
  if (!fields.length) return -1;
  return stages.findIndex((s) => fields.some((f) => !s[f].trim()));
}

export const isLongField = (field: StageField) =>
  field === 'buyer_actions' || field === 'key_influencers' || field === 'seller_actions' || field === 'key_message';

export function fieldPlaceholder(field: StageField): string {
  const description = BuyingStageSchema.shape[field].description ?? '';
  const example = /e\.g\.\s*(.+)$/.exec(description)?.[1];
  return example ? `e.g. ${example.replace(/"/g, '')}` : description;
}

/** Checks one cell's text with the shared schema (and stage names for uniqueness). */
export function checkCell(stages: readonly BuyingStage[], index: number, field: StageField, text: string): string | undefined {
  const result = BuyingStageSchema.shape[field].safeParse(text);
  if (!result.success) return result.error.issues[0]?.message ?? 'Invalid value';
  if (field === 'stage_name') {
    const other = stages.findIndex((s, i) => i !== index && nameKey(s.stage_name) === nameKey(text));
    if (other >= 0) return `Stage names must be unique: "${text.trim()}" is already stage ${other + 1}`;
  }
  return undefined;
}

export const withCell = (stages: readonly BuyingStage[], index: number, field: StageField, value: string): BuyingStage[] =>
  stages.map((s, i) => (i === index ? { ...s, [field]: value } : s));

export function moveStage(stages: readonly BuyingStage[], from: number, to: number): BuyingStage[] {
  if (to < 0 || to >= stages.length || from === to) return [...stages];
  const next = [...stages];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row!);
  return next;
}

export const removeStage = (stages: readonly BuyingStage[], index: number) => stages.filter((_, i) => i !== index);
export const addStage = (stages: readonly BuyingStage[]) => (stages.length >= MAX_STAGES ? [...stages] : [...stages, emptyStage(newStageName(stages))]);

export type PersonaTextField = 'persona_name' | 'persona_pain_points';
export function checkPersonaText(field: PersonaTextField, text: string): string | undefined {
  const result = BuyingProcessStateSchema.shape[field].safeParse(text.trim());
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'Invalid value');
}

export type MapErrors = { cells: Record<string, string>; persona: Partial<Record<PersonaTextField | 'persona_id', string>>; table?: string };
export const cellKey = (index: number, field: StageField) => `${index}.${field}`;

/** Server field problems (paths like "patch.buying_stages.1.stage_name") placed on cells and fields. */
export function mapErrorsFromProblems(problems: { path: string; message: string }[]): MapErrors {
  const out: MapErrors = { cells: {}, persona: {} };
  for (const p of problems) {
    const cell = /buying_stages[./[](\d+)[.\]/]*\.?([a-z_]+)/.exec(p.path);
    if (cell) {
      const key = `${cell[1]}.${cell[2]}`;
      out.cells[key] ??= p.message;
      continue;
    }
    if (/buying_stages/.test(p.path)) {
      out.table ??= p.message;
      continue;
    }
    const persona = /(persona_id|persona_name|persona_pain_points)/.exec(p.path)?.[1] as PersonaTextField | 'persona_id' | undefined;
    if (persona) out.persona[persona] ??= p.message;
  }
  return out;
}
