// The campaign settings form: text values while editing, CampaignInput when saving. Errors are
// keyed by their path in CampaignInput ("name", "promptContext.goal", "steps.1.delayDays"), from
// the same Zod schema as the server, and the server's 400 field problems land on the same keys.
import { CampaignInputSchema, type Campaign, type CampaignContext } from '@schemas/campaign.js';
import type { ApiError } from '../../shared/api/errors';
import type { CampaignInput } from './api/campaigns';

export type StepDraft = {
  /** A stable React key (the step id, or a fresh one for a new step). */
  key: string;
  id?: string;
  name: string;
  instructions: string;
  /** '' = the campaign's tone */
  tone: string;
  delayDays: string;
};

export type SettingsDraft = {
  name: string;
  productId: string;
  tone: string;
  goal: string;
  callToAction: string;
  sendCapPerMinute: string;
  steps: StepDraft[];
  /** Kept as they are: not edited here. */
  personaId: string | null;
  stageName: string | null;
};

export type SettingsErrors = Record<string, string>;

let counter = 0;
export const newStepKey = () => `new-${++counter}`;

export function draftOf(c: Campaign): SettingsDraft {
  return {
    name: c.name,
    productId: c.promptContext.productId ?? '',
    tone: c.promptContext.tone,
    goal: c.promptContext.goal,
    callToAction: c.promptContext.callToAction,
    sendCapPerMinute: String(c.sendCapPerMinute),
    personaId: c.promptContext.personaId,
    stageName: c.promptContext.stageName,
    steps: [...c.steps]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        key: s.id,
        id: s.id,
        name: s.name,
        instructions: s.promptConfig.instructions,
        tone: s.promptConfig.tone ?? '',
        delayDays: String(s.delayDays),
      })),
  };
}

export function newStep(index: number): StepDraft {
  return { key: newStepKey(), name: index === 0 ? 'First touch' : `Follow-up ${index}`, instructions: '', tone: '', delayDays: index === 0 ? '0' : '3' };
}

/** The settings as they would be saved, for "are there unsaved changes?". */
export function comparable(d: SettingsDraft): string {
  const { steps, ...rest } = d;
  return JSON.stringify({ ...rest, steps: steps.map(({ key: _key, ...s }) => s) });
}

const wholeNumber = /^\s*\d+\s*$/;

/** The draft as CampaignInput, or the problems that stop it being saved. */
export function toInput(d: SettingsDraft): { input: CampaignInput; errors: null } | { input: null; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  if (!wholeNumber.test(d.sendCapPerMinute)) errors.sendCapPerMinute = 'A whole number of emails per minute, e.g. 30';
  d.steps.forEach((s, i) => {
    if (i > 0 && !wholeNumber.test(s.delayDays)) errors[`steps.${i}.delayDays`] = 'A whole number of days, e.g. 3';
  });
  const promptContext: CampaignContext = {
    productId: d.productId || null,
    tone: d.tone,
    goal: d.goal,
    callToAction: d.callToAction,
    personaId: d.personaId,
    stageName: d.stageName,
  };
  const candidate = {
    name: d.name,
    promptContext,
    sendCapPerMinute: Number(d.sendCapPerMinute),
    steps: d.steps.map((s, i) => ({
      ...(s.id ? { id: s.id } : {}),
      name: s.name,
      promptConfig: { instructions: s.instructions, tone: s.tone || null },
      // The first step goes out when the campaign runs.
      delayDays: i === 0 ? 0 : Number(s.delayDays),
    })),
  };
  const parsed = CampaignInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      if (!errors[key]) errors[key] = issue.message;
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { input: null, errors };
  return { input: parsed.data, errors: null };
}

/** The server's 400 field problems ("data.steps.0.name") keyed like toInput's. */
export function serverErrors(error: ApiError): SettingsErrors {
  const out: SettingsErrors = {};
  for (const f of error.fields) {
    const key = f.path
      .replace(/^data[.[]?/, '')
      .replace(/\[(\d+)\]/g, '.$1')
      .replace(/^\./, '');
    if (!out[key]) out[key] = f.message;
  }
  return out;
}

/** The field ids of the form, in page order, for focusing the first problem. */
export function fieldId(key: string): string {
  return `campaign-${key.replace(/\./g, '-')}`;
}
