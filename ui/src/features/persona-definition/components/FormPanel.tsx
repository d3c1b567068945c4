import { useEffect, useRef } from 'react';
import { PERSONA_FIELDS, type PersonaField } from '@schemas/persona.js';
import type { PersonaDefinitionAction } from '@schemas/persona-definition.js';
import type { ApiError } from '../../../shared/api/errors';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { FIELD_GROUPS, fieldErrorsFromProblems, fieldLabel } from '../../../shared/persona/fields';
import type { TurnOutput } from '../api/persona-definition-flow';
import { SavedNote } from './SavedNote';
import { WizardActions } from './WizardActions';
import { WizardField } from './WizardField';

type Props = {
  output: TurnOutput;
  busy: boolean;
  saving: boolean;
  running: PersonaDefinitionAction | null;
  /** The last failed form edit or action, if any. */
  error: ApiError | null;
  onDismissError: () => void;
  onPatch: (field: PersonaField, value: string | string[] | null) => Promise<boolean>;
  onAction: (action: PersonaDefinitionAction) => void;
  onStartNew: () => void;
};

export function FormPanel({ output, busy, saving, running, error, onDismissError, onPatch, onAction, onStartNew }: Props) {
  const { state, phase } = output;
  const serverErrors = error && error.status === 400 ? fieldErrorsFromProblems(error.fields) : {};
  const unconfirmed = Object.values(state.origins).some((o) => o && (o.source === 'model' || o.source === 'memory') && !o.confirmed);
  const groupsRef = useRef<HTMLDivElement>(null);

  // When the phase moves to another topic, bring its fields into view inside the form's own
  // scroll area (wide screens); the page itself is never scrolled away from the chat.
  useEffect(() => {
    const box = groupsRef.current;
    const group = box?.querySelector<HTMLElement>('.group--current');
    if (!box || box.scrollHeight <= box.clientHeight) return;
    const top = group ? group.offsetTop - box.offsetTop - 6 : 0;
    box.scrollTo({ top: phase === 'review' || phase === 'saved' ? 0 : top, behavior: 'smooth' });
  }, [phase]);

  const missing = output.missing.filter((f): f is PersonaField => (PERSONA_FIELDS as readonly string[]).includes(f));

  return (
    <section className="panel form" aria-label="Persona form">
      <div className="panel__head">
        <h2 className="panel__title">Persona</h2>
        <span className="panel__hint" aria-live="polite">
          {saving ? (
            'Saving your edit…'
          ) : (
            <>
              <span className="field__required">*</span> required to save · edits are sent when you leave a field
            </>
          )}
        </span>
      </div>

      {phase === 'saved' && state.savedPersonaId ? <SavedNote id={state.savedPersonaId} version={state.savedPersonaVersion} onStartNew={onStartNew} /> : null}

      {phase === 'review' ? (
        missing.length ? (
          <ErrorBanner tone="warning" title="Almost there." message={`Still needed before saving: ${missing.map((f) => fieldLabel(f)).join(', ')}.`} />
        ) : (
          <ErrorBanner tone="info" message="Everything required is filled in. Check the fields, then save the persona." />
        )
      ) : null}

      <div className="form__groups" ref={groupsRef}>
        {FIELD_GROUPS.map((group) => (
          <fieldset key={group.topic} className={`group${group.topic === phase ? ' group--current' : ''}`}>
            <legend className="group__legend">
              {group.label}
              {group.topic === phase ? <span className="group__now">now</span> : null}
            </legend>
            {group.fields.map((field) => (
              <WizardField
                key={field}
                field={field}
                stored={state.persona[field]}
                origin={state.origins[field]}
                serverError={serverErrors[field]}
                onCommit={onPatch}
              />
            ))}
          </fieldset>
        ))}
      </div>

      {error && !Object.keys(serverErrors).length && !error.isConflict ? (
        <ErrorBanner message={error.message} onDismiss={onDismissError} testId="form-error" />
      ) : null}

      <WizardActions phase={phase} busy={busy} canUndo={output.canUndo} hasUnconfirmed={unconfirmed} running={running} onAction={onAction} />
    </section>
  );
}
