// A save refused because the library copy moved on (409, details.reason 'library_changed'): the
// library's value beside the person's, field by field; they choose, then save on the new version.
// Used by the persona wizard and the persona builder.
import { useId, useState } from 'react';
import { PERSONA_FIELDS, type PersonaDraft, type PersonaField, type SavedPersona } from '@schemas/persona.js';
import type { ApiError } from '../api/errors';
import { Button } from '../components/Button';
import { fieldLabel } from './fields';
import './conflict-choice.css';

export type PersonaConflict = { libraryVersion: number; baseVersion: number | null; library: SavedPersona; base: PersonaDraft | null };

/** The library's copy out of a 409, when the error is a library conflict about a persona. */
export function personaConflictOf(error: ApiError | null | undefined): PersonaConflict | null {
  const d =
    error?.status === 409
      ? (error.details as { reason?: string; kind?: string; currentVersion?: number; baseVersion?: number | null; current?: SavedPersona; base?: PersonaDraft })
      : null;
  if (!d || d.reason !== 'library_changed' || d.kind !== 'persona' || !d.current || typeof d.currentVersion !== 'number') return null;
  return { libraryVersion: d.currentVersion, baseVersion: d.baseVersion ?? null, library: d.current, base: d.base ?? null };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
type Side = 'mine' | 'library';

/** Which side changed a field since the base version: that side is the likely choice (null: both did, or no base). */
export function changedBy(field: PersonaField, mine: PersonaDraft, library: PersonaDraft, base: PersonaDraft | null): Side | null {
  if (!base) return null;
  if (same(mine[field], base[field])) return 'library';
  if (same(library[field], base[field])) return 'mine';
  return null;
}

/** The fields whose values differ between the two copies, in form order. */
export const differingFields = (mine: PersonaDraft, library: PersonaDraft): PersonaField[] => PERSONA_FIELDS.filter((f) => !same(mine[f], library[f]));

export function ConflictChoice({
  what,
  mine,
  conflict,
  busy,
  onResolve,
  onCancel,
}: {
  /** Names the record in the heading, e.g. "this persona". */
  what: string;
  mine: PersonaDraft;
  conflict: PersonaConflict;
  busy: boolean;
  /** The chosen copy (every field), and the fields that take the library's value. */
  onResolve(chosen: PersonaDraft, fromLibrary: PersonaField[]): void;
  onCancel?: () => void;
}) {
  const library = conflict.library.data as PersonaDraft;
  const fields = differingFields(mine, library);
  // A field only one side changed since the base version starts on that side's value; one both changed waits for a choice.
  const [choice, setChoice] = useState<Partial<Record<PersonaField, Side>>>(() =>
    Object.fromEntries(fields.map((f) => [f, changedBy(f, mine, library, conflict.base)]).filter(([, side]) => side)),
  );
  const name = useId();
  const chosen = (f: PersonaField): Side | undefined => choice[f];
  const undecided = fields.filter((f) => !chosen(f));

  function resolve(all?: Side) {
    const pick = (f: PersonaField): Side => all ?? chosen(f) ?? 'mine';
    const fromLibrary = fields.filter((f) => pick(f) === 'library');
    const merged: PersonaDraft = { ...mine };
    for (const f of fromLibrary) {
      if (library[f] === undefined) delete merged[f];
      else (merged as Record<string, unknown>)[f] = library[f];
    }
    onResolve(merged, fromLibrary);
  }

  return (
    <section className="conflict" aria-labelledby={`${name}-title`} data-testid="conflict-choice">
      <h2 className="conflict__title" id={`${name}-title`}>
        The library copy changed: choose what to keep
      </h2>
      <p className="conflict__intro">
        Someone saved {what} in the library (now version {conflict.libraryVersion}) after you started from{' '}
        {conflict.baseVersion ? `version ${conflict.baseVersion}` : 'an older version'}. Nothing was overwritten.{' '}
        {fields.length === 0
          ? 'Both copies hold the same values: save to continue.'
          : `${fields.length === 1 ? 'One field differs' : `${fields.length} fields differ`}; the other fields are the same in both.`}
      </p>
      {fields.length ? (
        <ol className="conflict__fields">
          {fields.map((f) => (
            <li key={f} className="conflict__field" data-testid={`conflict-field-${f}`}>
              <fieldset>
                <legend className="conflict__label">
                  {fieldLabel(f)}
                  <span className="conflict__who">{whoChanged(changedBy(f, mine, library, conflict.base), conflict.base !== null)}</span>
                </legend>
                <div className="conflict__options">
                  <Option
                    name={`${name}-${f}`}
                    side="library"
                    title={`Library (version ${conflict.libraryVersion})`}
                    value={library[f]}
                    checked={chosen(f) === 'library'}
                    onChoose={() => setChoice((c) => ({ ...c, [f]: 'library' }))}
                    testId={`conflict-keep-library-${f}`}
                  />
                  <Option
                    name={`${name}-${f}`}
                    side="mine"
                    title="Yours"
                    value={mine[f]}
                    checked={chosen(f) === 'mine'}
                    onChoose={() => setChoice((c) => ({ ...c, [f]: 'mine' }))}
                    testId={`conflict-keep-mine-${f}`}
                  />
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="conflict__actions">
        <Button variant="primary" busy={busy} onClick={() => resolve()} data-testid="conflict-save" disabled={busy || undecided.length > 0}>
          Save with these choices
        </Button>
        {fields.length ? (
          <>
            <Button onClick={() => resolve('mine')} disabled={busy} data-testid="conflict-keep-all-mine">
              Keep all mine
            </Button>
            <Button onClick={() => resolve('library')} disabled={busy} data-testid="conflict-keep-all-library">
              Keep all library
            </Button>
          </>
        ) : null}
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel} disabled={busy}>
            Not now
          </Button>
        ) : null}
      </div>
      {undecided.length && fields.length ? (
        <p className="conflict__hint" aria-live="polite">
          Choose a value for {undecided.length === 1 ? 'one more field' : `${undecided.length} more fields`} ({undecided.map(fieldLabel).join(', ')}), or keep
          all of one side.
        </p>
      ) : null}
    </section>
  );
}

function whoChanged(side: Side | null, known: boolean): string {
  if (!known) return '';
  if (side === 'library') return 'changed in the library';
  if (side === 'mine') return 'changed by you';
  return 'changed on both sides: choose';
}

function Option({
  name,
  side,
  title,
  value,
  checked,
  onChoose,
  testId,
}: {
  name: string;
  side: Side;
  title: string;
  value: unknown;
  checked: boolean;
  onChoose(): void;
  testId: string;
}) {
  return (
    <label className={`conflict__option conflict__option--${side}${checked ? ' conflict__option--chosen' : ''}`}>
      <span className="conflict__option-head">
        <input type="radio" name={name} checked={checked} onChange={onChoose} data-testid={testId} />
        <span className="conflict__side">{title}</span>
      </span>
      <ValueView value={value} />
    </label>
  );
}

function ValueView({ value }: { value: unknown }) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <span className="conflict__value muted">(empty)</span>;
  }
  if (Array.isArray(value)) {
    return (
      <ul className="conflict__value conflict__list">
        {value.map((v, i) => (
          <li key={i}>{String(v)}</li>
        ))}
      </ul>
    );
  }
  return <span className="conflict__value">{String(value)}</span>;
}
