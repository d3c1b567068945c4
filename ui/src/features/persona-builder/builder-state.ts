// The builder's state: what the persona is generated from (inputs), and the persona form with
// what each value rests on. Kept in plain objects so it can be set aside in sessionStorage while
// the person creates a product or their company profile, and picked up again on the way back.
import { isFilled, PERSONA_FIELDS, type PersonaDraft, type PersonaField } from '@schemas/persona.js';
import type { FieldEvidence, PersonaEvidence } from '@schemas/persona-generation.js';
import type { BadgeSource } from '../../shared/persona/EvidenceBadge';
import { sameValue, textsFrom, type FieldTexts } from '../../shared/persona/fields';
import type { SurveyDraft } from '../../shared/persona/survey-draft';

export type Inputs = {
  productMode: 'pick' | 'describe';
  productId: string;
  productDescription: string;
  /** Describe mode: also add the described product to my products when saving. */
  saveProduct: boolean;
  productName: string;
  contactId: string;
  personDescription: string;
  enrichmentText: string;
  importText: string;
};

export const EMPTY_INPUTS: Inputs = {
  productMode: 'pick',
  productId: '',
  productDescription: '',
  saveProduct: true,
  productName: '',
  contactId: '',
  personDescription: '',
  enrichmentText: '',
  importText: '',
};

export type InputField = 'product' | 'productDescription' | 'productName' | 'contact' | 'personDescription' | 'enrichment' | 'import';
export type InputErrors = Partial<Record<InputField, string>>;

export type FormState = {
  texts: FieldTexts;
  /** The values as generated, imported or loaded: a field that differs from it was edited. */
  baseline: PersonaDraft;
  evidence: PersonaEvidence | null;
  origin: 'generated' | 'imported' | 'loaded' | 'blank' | 'survey';
  /** A draft from survey responses no persona matches: the group it rests on, shown as the evidence. */
  survey?: SurveyDraft['group'];
  /** Fields the import or the generator could not fill: highlighted until filled. */
  missing: PersonaField[];
  /** The model's guesses the person read and kept as they are (the others must be confirmed or edited before saving). */
  confirmed: PersonaField[];
  warnings: string[];
};

export function formFrom(data: PersonaDraft, origin: FormState['origin'], extra: Partial<FormState> = {}): FormState {
  const evidence = extra.evidence ?? null;
  // A loaded persona's guesses were confirmed when it was saved.
  const confirmed = PERSONA_FIELDS.filter((f) => evidence?.[f]?.source === 'inference' && evidence[f]!.confirmed);
  return { texts: textsFrom(data), baseline: data, evidence, origin, missing: [], warnings: [], confirmed, ...extra };
}

/** The builder's form from a survey group's draft: its title, pain points and core goal, nothing else. */
export function formFromSurvey({ draft, group }: SurveyDraft): FormState {
  const data: PersonaDraft = {};
  if (draft.title?.trim()) data.title = draft.title;
  if (draft.painPoints?.length) data.painPoints = [...draft.painPoints];
  if (draft.coreGoal?.trim()) data.coreGoal = draft.coreGoal;
  return formFrom(data, 'survey', { survey: group });
}

export const isEdited = (form: FormState, field: PersonaField) => !sameValue(field, form.texts[field], form.baseline[field]);
export const hasEdits = (form: FormState) => PERSONA_FIELDS.some((f) => isEdited(form, f));

/** The badge a field shows: what its value rests on, or that the person changed it. */
export function badgeFor(form: FormState, field: PersonaField): { source: BadgeSource; evidence?: FieldEvidence } | null {
  if (isEdited(form, field)) return isFilled(form.baseline[field]) || form.texts[field].trim() ? { source: 'edited' } : null;
  if (!isFilled(form.baseline[field])) return null;
  const evidence = form.evidence?.[field];
  if (evidence?.source === 'inference' && form.confirmed?.includes(field)) return { source: 'confirmed', evidence };
  if (evidence) return { source: evidence.source, evidence };
  if (form.origin === 'imported') return { source: 'import' };
  if (form.origin === 'survey') return { source: 'survey' };
  // A generated persona whose field lost its evidence: someone changed it after generating.
  if (form.evidence) return { source: 'edited' };
  return null;
}

/** The model's guesses still to confirm or edit, in form order: the builder saves none of them unchecked (nor does the wizard). */
export const guessesToConfirm = (form: FormState): PersonaField[] => PERSONA_FIELDS.filter((f) => badgeFor(form, f)?.source === 'inference');

/** Keeps the model's guesses for these fields as they are: the person has read them. */
export const confirmGuesses = (form: FormState, fields: PersonaField[]): FormState => ({
  ...form,
  confirmed: [...new Set([...(form.confirmed ?? []), ...fields])],
});

/** The generator's evidence, minus the fields the person edited (they no longer rest on it); confirmed guesses say so. */
export function evidenceToSave(form: FormState): PersonaEvidence | undefined {
  if (!form.evidence) return undefined;
  const kept: PersonaEvidence = {};
  for (const [f, evidence] of Object.entries(form.evidence) as Array<[PersonaField, NonNullable<PersonaEvidence[PersonaField]>]>) {
    if (isEdited(form, f) || !form.texts[f].trim()) continue;
    kept[f] = evidence.source === 'inference' && form.confirmed?.includes(f) ? { ...evidence, confirmed: true } : evidence;
  }
  return kept;
}

// ---- set aside while the person is away creating a product or their company profile ----

const STASH_KEY = 'personaflow:persona-builder';
type Stash = { path: string; inputs: Inputs; form: FormState | null; at: number };

export function stashBuilder(path: string, inputs: Inputs, form: FormState | null) {
  try {
    sessionStorage.setItem(STASH_KEY, JSON.stringify({ path, inputs, form, at: Date.now() } satisfies Stash));
  } catch {
    /* private mode or full: the builder simply starts afresh */
  }
}

/** What was set aside for this builder page in the last hour, if anything. */
export function readStash(path: string): Stash | null {
  try {
    const raw = sessionStorage.getItem(STASH_KEY);
    if (!raw) return null;
    const stash = JSON.parse(raw) as Stash;
    return stash.path === path && Date.now() - stash.at < 3_600_000 ? stash : null;
  } catch {
    return null;
  }
}

export function clearStash() {
  try {
    sessionStorage.removeItem(STASH_KEY);
  } catch {
    /* ignore */
  }
}
