import { Link } from 'react-router';
import { DEFAULT_SEND_CAP_PER_MINUTE, type Campaign } from '@schemas/campaign.js';
import { SUGGESTED_TONES } from '@schemas/email.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { products, sortProducts } from '../../../shared/catalog/products';
import { linkWithReturn } from '../../../shared/return-to';
import { useCampaignSettingsDraft } from '../hooks/use-campaign-settings-draft';
import { fieldId } from '../settings-form';
import { capitalize, withCurrent } from '../tone-options';
import { StepEditor } from './StepEditor';
import { paths } from '../../../shared/paths';

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
  const { draft, version, errors, saved, dirty, save, set, setStep, moveStep, removeStep, addStep, submit, reload, discard } = useCampaignSettingsDraft({
    campaign,
    onDirtyChange,
    onReload,
  });
  const productList = products.useList();
  const productOptions = sortProducts(productList.data);

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
              <Link to={linkWithReturn(paths.newProduct, paths.campaign(campaign.id))} className="small">
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

/** A 409 on a stale expectedVersion (rather than, say, removing a step that already sent). */
const isStale = (details: unknown) => typeof details === 'object' && details !== null && 'currentVersion' in details;

/** Error keys the form shows beside a field; anything else goes in the banner. */
const PLACED =
  /^(name|sendCapPerMinute|steps|promptContext\.(productId|tone|goal|callToAction)|steps\.\d+\.(name|delayDays|id|promptConfig\.(instructions|tone)))$/;
