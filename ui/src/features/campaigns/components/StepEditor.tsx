import { SUGGESTED_TONES } from '@schemas/email.js';
import { TextField } from '../../../shared/components/TextField';
import { TrashIcon } from '../../../shared/components/TrashIcon';
import { fieldId, type SettingsErrors, type StepDraft } from '../settings-form';
import { capitalize, withCurrent } from '../tone-options';

/** One step of the campaign's sequence: its name, instructions, tone and delay, with move and remove. */
export function StepEditor({
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
          <button
            type="button"
            className="icon-btn icon-btn--plain"
            onClick={() => onMove(-1)}
            disabled={index === 0}
            aria-label={`Move “${label}” up`}
            title="Move up"
          >
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
