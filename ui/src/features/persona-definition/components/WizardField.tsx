import { useEffect, useRef, useState } from 'react';
import type { PersonaField } from '@schemas/persona.js';
import type { FieldOrigin } from '@schemas/wizard.js';
import { FieldBadge } from '../../../shared/components/FieldBadge';
import { checkField, sameValue, toInputText } from '../../../shared/persona/fields';
import { PersonaFieldInput } from '../../../shared/persona/PersonaFieldInput';

type Props = {
  field: PersonaField;
  stored: unknown;
  origin: FieldOrigin | undefined;
  serverError?: string | undefined;
  /** Sends the new value (null clears); resolves true when the server took it. */
  onCommit: (field: PersonaField, value: string | string[] | null) => Promise<boolean>;
};

/**
 * A form field that follows the session's state while the person is not editing it, and sends
 * its value when they leave it (validated first with the shared Zod schema).
 */
export function WizardField({ field, stored, origin, serverError, onCommit }: Props) {
  const storedText = toInputText(stored);
  const [draft, setDraft] = useState(storedText);
  const [error, setError] = useState<string | undefined>();
  // While true the draft is the person's, and new server values do not overwrite it.
  const editing = useRef(false);

  useEffect(() => {
    if (!editing.current) setDraft(storedText);
  }, [storedText]);

  async function commit() {
    if (sameValue(field, draft, stored)) {
      editing.current = false;
      setError(undefined);
      setDraft(storedText);
      return;
    }
    const check = checkField(field, draft);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setError(undefined);
    const ok = await onCommit(field, check.value);
    if (ok) editing.current = false;
  }

  const filled = storedText.trim().length > 0;
  const unconfirmed = (origin?.source === 'model' || origin?.source === 'memory') && !origin.confirmed;
  return (
    <PersonaFieldInput
      field={field}
      value={draft}
      onChange={(text) => {
        editing.current = true;
        setDraft(text);
        if (error && checkField(field, text).ok) setError(undefined);
      }}
      onBlur={() => void commit()}
      error={error ?? serverError}
      tone={unconfirmed && filled ? 'suggested' : undefined}
      badge={origin && filled ? <FieldBadge origin={origin} testId={`origin-${field}`} /> : null}
    />
  );
}
