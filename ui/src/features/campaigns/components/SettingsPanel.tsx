import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DEFAULT_SEND_CAP_PER_MINUTE, type Campaign } from '@schemas/campaign.js';
import { SUGGESTED_TONES } from '@schemas/email.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { TrashIcon } from '../../../shared/components/TrashIcon';
import { products, sortProducts } from '../../../shared/catalog/products';
import { linkWithReturn } from '../../../shared/return-to';
import { useSaveCampaign } from '../api/campaigns';
import {
  comparable,
  draftOf,
  fieldId,
  newStep,
  serverErrors,
  toInput,
  type SettingsDraft,
  type SettingsErrors,
  type StepDraft,
} from '../settings-form';

const MAX_STEPS = 10;

/**
 * The campaign's settings: its name, what the emails are about (product, tone, goal, call to
 * action), the send cap and the sequence of steps. Saved with the version it was loaded at.
 */
export function SettingsPanel({
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
  const save = useSaveCampaign(campaign.id);
  const dirty = comparable(draft) !== comparable(base);
  const [params, setParams] = useSearchParams();

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // The campaign changed on the server (leads added, a run, another tab): a change that leaves
  // the settings as they were only moves the version; new settings replace an unedited form.
  useEffect(() => {
    const fresh = draftOf(campaign);
    if (comparable(fresh) === comparable(base)) {
      setVersion(campaign.version);
    } else if (!dirty) {
      setBase(fresh);
      setDraft(fresh);
      setVersion(campaign.version);
    }
    // Only when the campaign itself changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaign]);

  // Back from "Add a product" (the product builder adds ?productId=…): pick it.
  const returnedProduct = params.get('productId');
  useEffect(() => {
    if (!returnedProduct) return;
    setDraft((d) => ({ ...d, productId: returnedProduct }));
    setParams((p) => {
      p.delete('productId');
      return p;
    }, { replace: true });
  }, [returnedProduct, setParams]);

  const productList = products.useList();
  const productOptions = sortProducts(productList.data);

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

  const err = (key: string) => errors[key];
  const stepsError = errors.steps;
  const unplaced = Object.keys(errors).filter((k) => !PLACED.test(k));
  const toneOptions = withCurrent(SUGGESTED_TONES, draft.tone);

  return (
    <form
      className="panel cmp-settings"
      noValidate
      data-testid="campaign-settings"
      aria-labelledby="campaign-settings-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="panel__head">
        <h2 className="panel__title" id="campaign-settings-title">
          Settings
        </h2>
        <span className="panel__hint">{dirty ? 'Unsaved changes' : `Version ${version}`}</span>
      </div>

      <div className="cmp-settings__body">
        <TextField
          id={fieldId('name')}
          testId="campaign-settings-name"
          label="Campaign name"
          required
          value={draft.name}
          onChange={(v) => set('name', v)}
          error={err('name')}
          maxLength={160}
        />

        <fieldset className="group">
          <legend className="group__legend">What the emails are about</legend>
          <div className="field">
            <div className="field__head">
              <label className="field__label" htmlFor={fieldId('promptContext.productId')}>
                Product
              </label>
              <Link to={linkWithReturn('/products/builder', `/campaigns/${campaign.id}`)} className="small">
                + Add a product
              </Link>
            </div>
            <select
              id={fieldId('promptContext.productId')}
              className="input"
              data-testid="campaign-product"
              value={draft.productId}
              onChange={(e) => set('productId', e.target.value, 'promptContext.productId')}
              aria-invalid={err('promptContext.productId') ? true : undefined}
            >
              <option value="">{productList.isPending ? 'Loading products…' : 'No product — the emails stay general'}</option>
              {draft.productId && !productOptions.some((p) => p.id === draft.productId) && !productList.isPending ? (
                <option value={draft.productId}>A product that no longer exists</option>
              ) : null}
              {productOptions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {productList.isError ? <p className="field__error">Could not load your products: {productList.error.message}</p> : null}
            {err('promptContext.productId') ? <p className="field__error">{err('promptContext.productId')}</p> : null}
          </div>

          <div className="field">
            <label className="field__label" htmlFor={fieldId('promptContext.tone')}>
              Tone
            </label>
            <select
              id={fieldId('promptContext.tone')}
              className="input"
              data-testid="campaign-tone"
              value={draft.tone}
              onChange={(e) => set('tone', e.target.value, 'promptContext.tone')}
            >
              {toneOptions.map((t) => (
                <option key={t} value={t}>
                  {capitalize(t)}
                </option>
              ))}
            </select>
            {err('promptContext.tone') ? <p className="field__error">{err('promptContext.tone')}</p> : null}
          </div>

          <TextField
            id={fieldId('promptContext.goal')}
            testId="campaign-goal"
            label="Goal"
            multiline
            rows={2}
            value={draft.goal}
            onChange={(v) => set('goal', v, 'promptContext.goal')}
            error={err('promptContext.goal')}
            placeholder="e.g. book a 20-minute demo"
            maxLength={1000}
          />
          <TextField
            id={fieldId('promptContext.callToAction')}
            testId="campaign-cta"
            label="Call to action"
            value={draft.callToAction}
            onChange={(v) => set('callToAction', v, 'promptContext.callToAction')}
            error={err('promptContext.callToAction')}
            placeholder="e.g. Reply with a time that suits you"
            maxLength={300}
          />
        </fieldset>

        <div className="field cmp-settings__cap">
          <label className="field__label" htmlFor={fieldId('sendCapPerMinute')}>
            Send cap
          </label>
          <div className="cmp-inline">
            <input
              id={fieldId('sendCapPerMinute')}
              className="input cmp-number"
              data-testid="campaign-cap"
              type="number"
              inputMode="numeric"
              min={1}
              max={10000}
              value={draft.sendCapPerMinute}
              onChange={(e) => set('sendCapPerMinute', e.target.value)}
              aria-invalid={err('sendCapPerMinute') ? true : undefined}
              aria-describedby={`${fieldId('sendCapPerMinute')}-hint`}
            />
            <span className="muted small">emails per minute at most</span>
          </div>
          {err('sendCapPerMinute') ? (
            <p className="field__error" role="alert">
              {err('sendCapPerMinute')}
            </p>
          ) : (
            <p className="field__hint" id={`${fieldId('sendCapPerMinute')}-hint`}>
              Keeps your sending reputation safe. Default {DEFAULT_SEND_CAP_PER_MINUTE}.
            </p>
          )}
        </div>

        <fieldset className="group cmp-steps" data-testid="campaign-steps">
          <legend className="group__legend">Sequence</legend>
          <p className="muted small">Each lead gets the steps in order. A run sends the next step that is due.</p>
          <ol className="cmp-steps__list">
            {draft.steps.map((step, i) => (
              <StepEditor
                key={step.key}
                step={step}
                index={i}
                count={draft.steps.length}
                campaignTone={draft.tone}
                errors={errors}
                onChange={(patch) => setStep(i, patch)}
                onMove={(by) => moveStep(i, by)}
                onRemove={() => removeStep(i)}
              />
            ))}
          </ol>
          {stepsError ? <p className="field__error">{stepsError}</p> : null}
          <Button size="sm" onClick={addStep} disabled={draft.steps.length >= MAX_STEPS} data-testid="campaign-step-add" className="cmp-steps__add">
            + Add a step
          </Button>
          {draft.steps.length >= MAX_STEPS ? <p className="field__hint">At most {MAX_STEPS} steps.</p> : null}
        </fieldset>
      </div>

      {save.error?.isConflict && isStale(save.error.details) ? (
        <ErrorBanner
          tone="warning"
          title="Not saved: this campaign was changed elsewhere — reload."
          message="Reloading shows the latest settings and discards your edits here, so note anything you want to keep."
          testId="campaign-conflict"
          actions={
            <Button onClick={() => void reload()} data-testid="campaign-reload">
              Reload
            </Button>
          }
        />
      ) : save.error && (save.error.status !== 400 || unplaced.length || !Object.keys(errors).length) ? (
        <ErrorBanner
          title="Not saved."
          message={unplaced.length ? unplaced.map((k) => `${k}: ${errors[k]}`).join('\n') : save.error.message}
          onDismiss={() => save.reset()}
        />
      ) : null}

      <div className="editor__actions cmp-settings__actions">
        <Button type="submit" variant="primary" busy={save.isPending} disabled={!dirty && !save.isError} data-testid="campaign-save">
          Save settings
        </Button>
        {dirty ? (
          <Button variant="ghost" onClick={discard} disabled={save.isPending}>
            Discard changes
          </Button>
        ) : null}
        {saved && !dirty ? (
          <span className="ok-text small" role="status">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}

function StepEditor({
  step,
  index,
  count,
  campaignTone,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepDraft;
  index: number;
  count: number;
  campaignTone: string;
  errors: SettingsErrors;
  onChange(patch: Partial<StepDraft>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const key = (k: string) => `steps.${index}.${k}`;
  const err = (k: string) => errors[key(k)];
  const toneOptions = withCurrent(SUGGESTED_TONES, step.tone || campaignTone);
  const label = step.name.trim() || `Step ${index + 1}`;
  return (
    <li className="cmp-step" data-testid="campaign-step">
      <div className="cmp-step__head">
        <span className="cmp-step__num" aria-hidden="true">
          {index + 1}
        </span>
        <span className="cmp-step__when">
          {index === 0 ? 'Sent when you run the campaign' : `${Number(step.delayDays) || 0} day${Number(step.delayDays) === 1 ? '' : 's'} after step ${index}`}
        </span>
        <span className="cmp-step__tools">
          <button type="button" className="icon-btn icon-btn--plain" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move “${label}” up`} title="Move up">
            ↑
          </button>
          <button
            type="button"
            className="icon-btn icon-btn--plain"
            onClick={() => onMove(1)}
            disabled={index === count - 1}
            aria-label={`Move “${label}” down`}
            title="Move down"
          >
            ↓
          </button>
          <button
            type="button"
            className="icon-btn"
            onClick={onRemove}
            disabled={count === 1}
            aria-label={`Remove “${label}”`}
            title={count === 1 ? 'A campaign needs at least one step' : 'Remove this step'}
            data-testid="campaign-step-remove"
          >
            <TrashIcon />
          </button>
        </span>
      </div>
      <div className="cmp-step__fields">
        <TextField
          id={fieldId(key('name'))}
          testId="campaign-step-name"
          label="Step name"
          required
          value={step.name}
          onChange={(v) => onChange({ name: v })}
          error={err('name')}
          maxLength={120}
        />
        <TextField
          id={fieldId(key('promptConfig.instructions'))}
          testId="campaign-step-instructions"
          label="Instructions for this email"
          multiline
          rows={2}
          value={step.instructions}
          onChange={(v) => onChange({ instructions: v })}
          error={err('promptConfig.instructions')}
          placeholder={index === 0 ? 'e.g. introduce us, mention one of their pains, ask for a call' : 'e.g. short follow-up, one question'}
          maxLength={2000}
        />
        <div className="cmp-step__row">
          <div className="field">
            <label className="field__label" htmlFor={fieldId(key('promptConfig.tone'))}>
              Tone
            </label>
            <select
              id={fieldId(key('promptConfig.tone'))}
              className="input"
              data-testid="campaign-step-tone"
              value={step.tone}
              onChange={(e) => onChange({ tone: e.target.value })}
            >
              <option value="">As the campaign ({campaignTone})</option>
              {toneOptions.map((t) => (
                <option key={t} value={t}>
                  {capitalize(t)}
                </option>
              ))}
            </select>
            {err('promptConfig.tone') ? <p className="field__error">{err('promptConfig.tone')}</p> : null}
          </div>
          <div className="field">
            <label className="field__label" htmlFor={fieldId(key('delayDays'))}>
              Delay
            </label>
            {index === 0 ? (
              <p className="cmp-step__first muted small" id={fieldId(key('delayDays'))}>
                None: the first step
              </p>
            ) : (
              <div className="cmp-inline">
                <input
                  id={fieldId(key('delayDays'))}
                  className="input cmp-number"
                  data-testid="campaign-step-delay"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={90}
                  value={step.delayDays}
                  onChange={(e) => onChange({ delayDays: e.target.value })}
                  aria-invalid={err('delayDays') ? true : undefined}
                />
                <span className="muted small">days later</span>
              </div>
            )}
            {err('delayDays') ? (
              <p className="field__error" role="alert">
                {err('delayDays')}
              </p>
            ) : null}
          </div>
        </div>
        {err('id') ? <p className="field__error">{err('id')}</p> : null}
      </div>
    </li>
  );
}

/** A 409 on a stale expectedVersion (rather than, say, removing a step that already sent). */
const isStale = (details: unknown) => typeof details === 'object' && details !== null && 'currentVersion' in details;

/** The first step always goes out on the run: its delay is 0. */
function fixFirstDelay(steps: StepDraft[]): StepDraft[] {
  return steps.map((s, i) => (i === 0 && s.delayDays !== '0' ? { ...s, delayDays: '0' } : s));
}

/** Error keys the form shows beside a field; anything else goes in the banner. */
const PLACED = /^(name|sendCapPerMinute|steps|promptContext\.(productId|tone|goal|callToAction)|steps\.\d+\.(name|delayDays|id|promptConfig\.(instructions|tone)))$/;

function withCurrent(options: readonly string[], current: string): string[] {
  return current && !options.includes(current) ? [...options, current] : [...options];
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function focusFirst(errors: SettingsErrors) {
  for (const el of document.querySelectorAll<HTMLElement>('.cmp-settings [id]')) {
    const key = Object.keys(errors).find((k) => fieldId(k) === el.id);
    if (key) {
      el.focus();
      return;
    }
  }
}
