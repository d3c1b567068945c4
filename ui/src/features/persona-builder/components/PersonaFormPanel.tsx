import { forwardRef, type ReactNode } from 'react';
import { PERSONA_FIELDS, type PersonaField } from '@schemas/persona.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { EvidenceBadge, EvidenceQuote } from '../../../shared/persona/EvidenceBadge';
import { checkField, FIELD_GROUPS, fieldLabel } from '../../../shared/persona/fields';
import { PersonaFieldInput } from '../../../shared/persona/PersonaFieldInput';
import { badgeFor, type FormState } from '../builder-state';
import { SurveyEvidence } from './SurveyEvidence';

type Props = {
  form: FormState | null;
  errors: Partial<Record<PersonaField, string>>;
  onText: (field: PersonaField, text: string) => void;
  onError: (field: PersonaField, message: string | undefined) => void;
  onBlank: () => void;
  /** Keeps the model's guesses for these fields as they are. */
  onConfirm: (fields: PersonaField[]) => void;
  /** The save area: notes, errors and the buttons. */
  footer: ReactNode;
  generating: boolean;
};

/** The right side of the builder: the persona's fields, each saying what its value rests on. */
export const PersonaFormPanel = forwardRef<HTMLElement, Props>(function PersonaFormPanel(
  { form, errors, onText, onError, onBlank, onConfirm, footer, generating },
  ref,
) {
  if (!form) {
    return (
      <section className="panel builder__form builder__form--empty" aria-label="Persona" ref={ref}>
        <div className="panel__head">
          <h2 className="panel__title">2 · Check, edit, save</h2>
        </div>
        <div className="builder__placeholder">
          {generating ? (
            <p className="loading">
              <span className="spinner" aria-hidden="true" /> Generating the persona…
            </p>
          ) : (
            <>
              <p>
                Press <strong>Generate persona</strong> and the form fills in here. Every field says what it rests on (the contact, your description, the
                product…) or that it is the model's guess, so you know what to check before saving.
              </p>
              <Button variant="ghost" onClick={onBlank} data-testid="builder-blank">
                Or start from a blank form
              </Button>
            </>
          )}
        </div>
      </section>
    );
  }

  const badges = Object.fromEntries(PERSONA_FIELDS.map((f) => [f, badgeFor(form, f)]));
  const guesses = PERSONA_FIELDS.filter((f) => badges[f]?.source === 'inference');
  const missing = form.missing.filter((f) => !form.texts[f].trim());

  return (
    <section className="panel builder__form" aria-label="Persona" ref={ref} aria-busy={generating}>
      <div className="panel__head">
        <h2 className="panel__title">2 · Check, edit, save</h2>
        <span className="panel__hint">
          <span className="field__required">*</span> required to save
        </span>
      </div>

      {form.origin === 'generated' ? (
        <p className="builder__summary small" data-testid="builder-summary">
          {guesses.length ? (
            <>
              <span className="badge badge--warning">
                {guesses.length} model's guess{guesses.length === 1 ? '' : 'es'}
              </span>{' '}
              Check the amber fields: nothing you gave states them. Confirm or edit each before saving. The other badges name the input each value comes from.{' '}
              <Button size="sm" variant="ghost" onClick={() => onConfirm(guesses)} data-testid="builder-confirm-all">
                Confirm all guesses
              </Button>
            </>
          ) : (
            'Every field rests on something you gave: its badge says what.'
          )}
        </p>
      ) : null}

      {form.origin === 'survey' && form.survey ? <SurveyEvidence group={form.survey} /> : null}

      {form.warnings.length ? (
        <div className="note" data-testid="builder-warnings" role="status">
          <p className="note__title">Worth a look</p>
          <ul>
            {form.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {missing.length ? (
        <ErrorBanner
          tone="warning"
          testId="builder-missing"
          title="Complete the highlighted fields."
          message={`${form.origin === 'imported' ? 'The old format had no' : 'Nothing you gave states their'} ${missing.map((f) => fieldLabel(f).toLowerCase()).join(', ')}.`}
        />
      ) : null}

      <div className="builder__groups">
        {FIELD_GROUPS.map((group) => (
          <fieldset key={group.topic} className="group">
            <legend className="group__legend">{group.label}</legend>
            {group.fields.map((field) => {
              const badge = badges[field];
              const isMissing = form.missing.includes(field) && !form.texts[field].trim();
              return (
                <PersonaFieldInput
                  key={field}
                  field={field}
                  value={form.texts[field]}
                  error={errors[field]}
                  tone={isMissing ? 'missing' : badge?.source === 'inference' ? 'suggested' : undefined}
                  badge={
                    badge ? (
                      <span className="field__badges">
                        <EvidenceBadge source={badge.source} quote={badge.evidence?.quote} testId={`evidence-${field}`} />
                        {badge.source === 'inference' ? (
                          <button
                            type="button"
                            className="badge badge--button badge--confirm"
                            onClick={() => onConfirm([field])}
                            aria-label={`Keep the guessed ${fieldLabel(field).toLowerCase()} as it is`}
                            data-testid={`confirm-${field}`}
                          >
                            ✓ Confirm
                          </button>
                        ) : null}
                      </span>
                    ) : isMissing ? (
                      <span className="badge badge--missing" data-testid={`missing-${field}`}>
                        to fill in
                      </span>
                    ) : null
                  }
                  caption={badge && badge.source !== 'edited' ? <EvidenceQuote evidence={badge.evidence} value={form.texts[field]} /> : null}
                  onChange={(text) => {
                    onText(field, text);
                    if (errors[field] && checkField(field, text).ok) onError(field, undefined);
                  }}
                  onBlur={() => {
                    const check = checkField(field, form.texts[field]);
                    onError(field, check.ok ? undefined : check.message);
                  }}
                />
              );
            })}
          </fieldset>
        ))}
      </div>
      {footer}
    </section>
  );
});
