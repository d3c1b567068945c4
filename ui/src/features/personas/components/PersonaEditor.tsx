import { useState } from 'react';
import { PERSONA_FIELDS, PersonaSchema, type Persona, type PersonaDraft, type PersonaField } from '@schemas/persona.js';
import { ConflictChoice, personaConflictOf } from '../../../shared/persona/ConflictChoice';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { checkField, FIELD_GROUPS, fieldErrorsFromProblems, fieldLabel, fromInputText, toInputText } from '../../../shared/persona/fields';
import { PersonaFieldInput } from '../../../shared/persona/PersonaFieldInput';
import { useUpdatePersona } from '../api/personas';

type Drafts = Record<PersonaField, string>;
type Errors = Partial<Record<PersonaField, string>>;

const toDrafts = (data: PersonaDraft) => Object.fromEntries(PERSONA_FIELDS.map((f) => [f, toInputText(data[f])])) as Drafts;

function toPersona(drafts: Drafts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of PERSONA_FIELDS) {
    const value = fromInputText(f, drafts[f]);
    if (value !== null) out[f] = value;
  }
  return out;
}

/** Moves focus (and the page) to the first field with an error, in form order. */
function focusFirst(errors: Errors) {
  const first = FIELD_GROUPS.flatMap((g) => g.fields).find((f) => errors[f]);
  if (first) document.getElementById(`field-${first}`)?.focus();
}

type Props = {
  id: string;
  data: Persona;
  version: number;
  onSaved: (version: number) => void;
  onCancel: () => void;
  onReloadLatest: () => Promise<unknown>;
};

/** Edits a saved persona: the same fields and Zod schema as the wizard; PUT with expectedVersion. */
export function PersonaEditor({ id, data, version, onSaved, onCancel, onReloadLatest }: Props) {
  const [drafts, setDrafts] = useState<Drafts>(() => toDrafts(data));
  const [errors, setErrors] = useState<Errors>({});
  const update = useUpdatePersona(id);
  // The version these edits are based on: a newer library copy arriving meanwhile never replaces them silently.
  const [base, setBase] = useState(version);
  const libraryConflict = personaConflictOf(update.error);

  function save(resolved?: { data: PersonaDraft; version: number }) {
    if (resolved) {
      setDrafts(toDrafts(resolved.data));
      setBase(resolved.version);
    }
    const parsed = PersonaSchema.safeParse(resolved ? resolved.data : toPersona(drafts));
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as PersonaField;
        if (!next[field]) next[field] = issue.message === 'Required' ? 'Required' : issue.message;
      }
      setErrors(next);
      focusFirst(next);
      return;
    }
    setErrors({});
    update.mutate(
      { data: parsed.data, expectedVersion: resolved?.version ?? base },
      {
        onSuccess: (res) => onSaved(res.persona.version),
        onError: (error) => {
          if (error.status === 400) {
            const next = fieldErrorsFromProblems(error.fields);
            setErrors(next);
            focusFirst(next);
          }
        },
      },
    );
  }

  const conflict = update.error?.isConflict;
  const invalid = PERSONA_FIELDS.filter((f) => errors[f]);
  return (
    <form
      className="editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      noValidate
    >
      {FIELD_GROUPS.map((group) => (
        <fieldset key={group.topic} className="group">
          <legend className="group__legend">{group.label}</legend>
          {group.fields.map((field) => (
            <PersonaFieldInput
              key={field}
              field={field}
              value={drafts[field]}
              error={errors[field]}
              onChange={(text) => {
                setDrafts((d) => ({ ...d, [field]: text }));
                if (errors[field] && checkField(field, text).ok) setErrors((e) => ({ ...e, [field]: undefined }));
              }}
              onBlur={() => {
                const check = checkField(field, drafts[field]);
                setErrors((e) => ({ ...e, [field]: check.ok ? undefined : check.message }));
              }}
            />
          ))}
        </fieldset>
      ))}
      {invalid.length && !update.error ? (
        <ErrorBanner message={`Fix ${invalid.length === 1 ? 'this field' : 'these fields'} before saving: ${invalid.map(fieldLabel).join(', ')}.`} />
      ) : null}
      {libraryConflict ? (
        <ConflictChoice
          key={libraryConflict.libraryVersion}
          what="this persona"
          mine={toPersona(drafts) as PersonaDraft}
          conflict={libraryConflict}
          busy={update.isPending}
          onResolve={(chosen) => save({ data: chosen, version: libraryConflict.libraryVersion })}
          onCancel={() => update.reset()}
        />
      ) : conflict ? (
        <ErrorBanner
          tone="warning"
          title="Someone saved a newer version of this persona."
          message={update.error?.message}
          actions={
            <Button
              onClick={async () => {
                await onReloadLatest();
                update.reset();
              }}
            >
              Load the latest (discards your edits)
            </Button>
          }
        />
      ) : update.error ? (
        <ErrorBanner message={update.error.message} onDismiss={() => update.reset()} />
      ) : null}
      <div className="editor__actions">
        <Button type="submit" variant="primary" busy={update.isPending} data-testid="persona-save">
          Save changes
        </Button>
        <Button onClick={onCancel} disabled={update.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
