import { Link } from 'react-router';
import type { PersonaDraft, SavedPersona, PersonaField } from '@schemas/persona.js';
import { ConflictChoice, personaConflictOf } from '../../../shared/persona/ConflictChoice';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { fieldLabel } from '../../../shared/persona/fields';
import type { Inputs } from '../builder-state';
import type { SaveStep } from '../hooks/use-persona-builder';
import { paths } from '../../../shared/paths';

const STEP_LABEL: Record<SaveStep, string> = {
  product: 'Adding the product…',
  persona: 'Saving the persona…',
  fits: 'Finding product fits…',
};

/** Below the persona form: what stops saving, what saving also does, and Save. */
export function SaveFooter({
  existing,
  inputs,
  invalid,
  guesses,
  saving,
  saveError,
  addedProduct,
  generating,
  onSave,
  onLoadLatest,
  onDismissError,
  mine,
  onResolve,
}: {
  existing: SavedPersona | null;
  inputs: Inputs;
  /** Fields with a problem, in form order. */
  invalid: PersonaField[];
  /** The model's guesses still to confirm or edit: saving waits for them (the wizard's rule too). */
  guesses: PersonaField[];
  saving: SaveStep | null;
  saveError: ApiError | null;
  addedProduct: string | null;
  generating: boolean;
  onSave(): void;
  onLoadLatest(): void;
  onDismissError(): void;
  /** The form's values, to set beside the library's after a conflict. */
  mine: PersonaDraft | null;
  /** Saves the copy chosen field by field, based on the library's version. */
  onResolve(data: PersonaDraft, libraryVersion: number): void;
}) {
  const conflict = personaConflictOf(saveError);
  const describingWithSave = inputs.productMode === 'describe' && inputs.saveProduct && inputs.productName.trim();
  return (
    <div className="builder__save">
      {invalid.length && !saveError ? (
        <ErrorBanner message={`Fix ${invalid.length === 1 ? 'this field' : 'these fields'} before saving: ${invalid.map(fieldLabel).join(', ')}.`} />
      ) : null}
      {guesses.length && !invalid.length && !saveError ? (
        <ErrorBanner
          tone="warning"
          testId="builder-guesses"
          title="Check the model's guesses first."
          message={`Confirm or edit ${guesses.length === 1 ? 'this field' : 'these fields'} before saving: ${guesses.map(fieldLabel).join(', ')}. Nothing you gave states ${guesses.length === 1 ? 'it' : 'them'}.`}
        />
      ) : null}
      {conflict && mine ? (
        <ConflictChoice
          key={conflict.libraryVersion}
          what="this persona"
          mine={mine}
          conflict={conflict}
          busy={saving !== null}
          onResolve={(chosen) => onResolve(chosen, conflict.libraryVersion)}
          onCancel={onDismissError}
        />
      ) : saveError?.isConflict ? (
        <ErrorBanner
          tone="warning"
          title="Someone saved a newer version of this persona."
          message={saveError.message}
          actions={<Button onClick={onLoadLatest}>Load the latest (discards your edits)</Button>}
        />
      ) : saveError ? (
        <ErrorBanner
          testId="builder-save-error"
          title="Not saved."
          message={`${saveError.message}${addedProduct ? ` (“${addedProduct}” was added to your products.)` : ''} Your form is kept: try again.`}
          onDismiss={onDismissError}
        />
      ) : null}
      {describingWithSave ? (
        <p className="muted small">Saving also adds “{inputs.productName.trim()}” to your products and checks that the persona fits it.</p>
      ) : null}
      <div className="editor__actions">
        <Button variant="primary" onClick={onSave} busy={saving !== null} disabled={generating} data-testid="builder-save">
          {saving ? STEP_LABEL[saving] : existing ? 'Save changes' : 'Save persona'}
        </Button>
        {existing ? (
          <Link to={paths.persona(existing.id)} className="btn btn--ghost">
            Cancel
          </Link>
        ) : null}
      </div>
    </div>
  );
}
