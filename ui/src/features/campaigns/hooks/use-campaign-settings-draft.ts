// The campaign settings form's state: the draft being edited, the version it was loaded at, its
// errors, and saving with that version. The form (SettingsPanel) only renders what this returns.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Campaign } from '@schemas/campaign.js';
import { useSaveCampaign } from '../api/campaigns';
import { comparable, draftOf, fieldId, newStep, serverErrors, toInput, type SettingsDraft, type SettingsErrors, type StepDraft } from '../settings-form';

export function useCampaignSettingsDraft({
  campaign,
  onDirtyChange,
  onReload,
}: {
  campaign: Campaign;
  onDirtyChange(dirty: boolean): void;
  /** Fetches the latest campaign from the server. */
  onReload(): Promise<Campaign | undefined>;
}) {
  const [base, setBase] = useState(() => draftOf(campaign));
  const [draft, setDraft] = useState(base);
  const [version, setVersion] = useState(campaign.version);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [saved, setSaved] = useState(false);
  const [seenCampaign, setSeenCampaign] = useState(campaign);
  const save = useSaveCampaign(campaign.id);
  const dirty = comparable(draft) !== comparable(base);
  const [params, setParams] = useSearchParams();

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // The campaign changed on the server (leads added, a run, another tab): a change that leaves
  // the settings as they were only moves the version; new settings replace an unedited form.
  if (seenCampaign !== campaign) {
    setSeenCampaign(campaign);
    const fresh = draftOf(campaign);
    if (comparable(fresh) === comparable(base)) {
      setVersion(campaign.version);
    } else if (!dirty) {
      setBase(fresh);
      setDraft(fresh);
      setVersion(campaign.version);
    }
  }

  // Back from "Add a product" (the product builder adds ?productId=…): pick it.
  const returnedProduct = params.get('productId');
  useEffect(() => {
    if (!returnedProduct) return;
    // A one-time hand-off through the URL (an external system): taken once, then removed from it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setDraft((d) => ({ ...d, productId: returnedProduct }));
    setParams(
      (p) => {
        p.delete('productId');
        return p;
      },
      { replace: true },
    );
  }, [returnedProduct, setParams]);

  function set<K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K], errorKey: string = key) {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
    if (errors[errorKey]) setErrors(({ [errorKey]: _gone, ...rest }) => rest);
  }

  function setStep(index: number, patch: Partial<StepDraft>) {
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
    setSaved(false);
    const keys = Object.keys(patch).map((k) => `steps.${index}.${k === 'instructions' || k === 'tone' ? `promptConfig.${k}` : k}`);
    if (keys.some((k) => errors[k])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  }

  function moveStep(index: number, by: -1 | 1) {
    setDraft((d) => {
      const steps = [...d.steps];
      const [step] = steps.splice(index, 1);
      steps.splice(index + by, 0, step!);
      return { ...d, steps: fixFirstDelay(steps) };
    });
    setErrors({});
    setSaved(false);
  }

  function removeStep(index: number) {
    setDraft((d) => ({ ...d, steps: fixFirstDelay(d.steps.filter((_, i) => i !== index)) }));
    setErrors({});
    setSaved(false);
  }

  function addStep() {
    setDraft((d) => ({ ...d, steps: [...d.steps, newStep(d.steps.length)] }));
    setSaved(false);
  }

  function submit() {
    const result = toInput(draft);
    if (result.errors) {
      setErrors(result.errors);
      focusFirst(result.errors);
      return;
    }
    save.mutate(
      { data: result.input, expectedVersion: version },
      {
        onSuccess: (c) => {
          resetTo(c);
          setSaved(true);
        },
        onError: (error) => {
          if (error.status === 400) {
            const e = serverErrors(error);
            setErrors(e);
            focusFirst(e);
          }
        },
      },
    );
  }

  function resetTo(c: Campaign) {
    const fresh = draftOf(c);
    setBase(fresh);
    setDraft(fresh);
    setVersion(c.version);
    setErrors({});
    save.reset();
  }

  async function reload() {
    const latest = await onReload();
    resetTo(latest ?? campaign);
  }

  function discard() {
    setDraft(base);
    setErrors({});
    save.reset();
  }

  return { draft, version, errors, saved, dirty, save, set, setStep, moveStep, removeStep, addStep, submit, reload, discard };
}

/** The first step always goes out on the run: its delay is 0. */
function fixFirstDelay(steps: StepDraft[]): StepDraft[] {
  return steps.map((s, i) => (i === 0 && s.delayDays !== '0' ? { ...s, delayDays: '0' } : s));
}

function focusFirst(errors: SettingsErrors) {
  for (const el of document.querySelectorAll<HTMLElement>('.cmp-settings [id]')) {
    const key = Object.keys(errors).find((k) => fieldId(k) === el.id);
    if (key) {
      el.focus();
      return;
    }
  }
}
