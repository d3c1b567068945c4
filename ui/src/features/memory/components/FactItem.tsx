import { useState } from 'react';
import { MAX_MEMORY_VALUE, MemoryValueSchema, type MemoryFact } from '@schemas/memory.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { formatDate, formatRelative } from '../../../shared/format';
import { usePutFact } from '../api/memory';
import { confidenceText, provenance } from './provenance';

type Props = { fact: MemoryFact; myUserId: string | null; onReload: () => void; onDelete: (fact: MemoryFact) => void };

/** One remembered fact: its value, where it came from, and edit / confirm / delete in place. */
export function FactItem({ fact, myUserId, onReload, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(fact.value);
  const [error, setError] = useState<string | undefined>();
  const put = usePutFact();
  const id = `memory-${fact.key.replace(/[^a-z0-9]/g, '-')}`;
  const guess = fact.source === 'INFERRED';
  const sure = confidenceText(fact);

  function startEdit() {
    put.reset();
    setDraft(fact.value);
    setError(undefined);
    setEditing(true);
  }

  function save() {
    const parsed = MemoryValueSchema.safeParse(draft);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    put.mutate(
      { key: fact.key, value: parsed.data, expectedVersion: fact.version },
      {
        onSuccess: () => setEditing(false),
        onError: (e) => {
          if (e.status === 400) setError(e.fields[0]?.message ?? e.message);
        },
      },
    );
  }

  function reload() {
    put.reset();
    setEditing(false);
    onReload();
  }

  return (
    <li className="panel memory-fact" data-testid={`memory-fact-${fact.key}`} aria-labelledby={`${id}-label`}>
      <div className="memory-fact__head">
        <h2 className="memory-fact__label" id={`${id}-label`}>
          {fact.label}
        </h2>
        {fact.label !== fact.key ? <code className="memory-fact__key">{fact.key}</code> : null}
        {guess ? <span className="badge badge--warning">Guess</span> : null}
      </div>

      {editing ? (
        <form
          className="memory-fact__edit"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <TextField
            id={`${id}-value`}
            testId="memory-edit-value"
            label={`New value for ${fact.label}`}
            multiline
            rows={Math.min(8, Math.max(2, Math.ceil(draft.length / 70)))}
            value={draft}
            maxLength={MAX_MEMORY_VALUE}
            error={error}
            onChange={(v) => {
              setDraft(v);
              setError(undefined);
            }}
          />
          <div className="memory-fact__actions">
            <Button type="submit" variant="primary" size="sm" busy={put.isPending} data-testid="memory-edit-save">
              Save
            </Button>
            <Button size="sm" onClick={() => setEditing(false)} disabled={put.isPending}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <p className="memory-fact__value" data-testid="memory-fact-value">
          {fact.value}
        </p>
      )}

      <p className="memory-fact__meta muted small" data-testid="memory-fact-source">
        <span>{provenance(fact, myUserId)}</span>
        {sure ? <span>{sure}</span> : null}
        <span>Updated {formatRelative(fact.updatedAt)}</span>
        {fact.expiresAt ? <span>Kept until {formatDate(fact.expiresAt)}</span> : null}
      </p>

      {put.error?.isConflict ? (
        <ErrorBanner
          tone="warning"
          title="This fact was changed elsewhere."
          message={`${put.error.message} Reloading shows the latest (what you typed here is discarded).`}
          actions={
            <Button size="sm" onClick={reload} data-testid="memory-reload">
              Reload
            </Button>
          }
        />
      ) : put.error && put.error.status !== 400 ? (
        <ErrorBanner message={put.error.message} onDismiss={() => put.reset()} />
      ) : null}

      {editing ? null : (
        <div className="memory-fact__actions">
          {guess && fact.editable ? (
            <Button
              size="sm"
              variant="primary"
              busy={put.isPending}
              onClick={() => put.mutate({ key: fact.key, value: fact.value, expectedVersion: fact.version })}
              data-testid="memory-confirm"
              aria-label={`Confirm ${fact.label}`}
            >
              Confirm
            </Button>
          ) : null}
          {fact.editable ? (
            <Button size="sm" onClick={startEdit} data-testid="memory-edit" aria-label={`Edit ${fact.label}`}>
              Edit
            </Button>
          ) : (
            <span className="muted small">Kept by personaflow: it cannot be edited, only deleted.</span>
          )}
          <Button size="sm" variant="ghost" onClick={() => onDelete(fact)} data-testid="memory-delete" aria-label={`Delete ${fact.label}`}>
            Delete
          </Button>
        </div>
      )}
    </li>
  );
}
