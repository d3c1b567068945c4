import { useState } from 'react';
import { KNOWN_MEMORY_KEYS, MAX_MEMORY_VALUE, MemoryKeySchema, MemoryValueSchema, type MemoryFact } from '@schemas/memory.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { usePutFact } from '../api/memory';

const OTHER = '';

type Props = { facts: MemoryFact[]; onDone: () => void; onReload: () => void };

/** A new fact: one of the keys flows know about that is not remembered yet, or a key of the person's own. */
export function AddFactForm({ facts, onDone, onReload }: Props) {
  const taken = new Set(facts.map((f) => f.key));
  const free = Object.entries(KNOWN_MEMORY_KEYS).filter(([key]) => !taken.has(key));
  const [choice, setChoice] = useState(free[0]?.[0] ?? OTHER);
  const [ownKey, setOwnKey] = useState('');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<{ key?: string | undefined; value?: string | undefined }>({});
  const put = usePutFact();

  function submit() {
    const key = MemoryKeySchema.safeParse(choice === OTHER ? ownKey : choice);
    const parsedValue = MemoryValueSchema.safeParse(value);
    const next = {
      key: key.success ? (taken.has(key.data) ? 'This key is already remembered: edit it in the list instead' : undefined) : key.error.issues[0]?.message,
      value: parsedValue.success ? undefined : parsedValue.error.issues[0]?.message,
    };
    setErrors(next);
    if (next.key || next.value || !key.success || !parsedValue.success) {
      document.getElementById(next.key && choice === OTHER ? 'memory-new-key' : next.value ? 'memory-new-value' : 'memory-new-choice')?.focus();
      return;
    }
    put.mutate(
      { key: key.data, value: parsedValue.data, expectedVersion: 0 },
      {
        onSuccess: onDone,
        onError: (e) => {
          if (e.status === 400)
            setErrors({
              key: e.fields.find((f) => f.path === 'key')?.message,
              value: e.fields.find((f) => f.path.endsWith('value'))?.message ?? e.message,
            });
        },
      },
    );
  }

  return (
    <form
      className="panel editor memory-add"
      data-testid="memory-add-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 className="panel__title">Add a fact</h2>
      <div className="field">
        <label className="field__label" htmlFor="memory-new-choice">
          What it is about
        </label>
        <select
          id="memory-new-choice"
          className="input"
          data-testid="memory-new-choice"
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value);
            setErrors({});
          }}
        >
          {free.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
          <option value={OTHER}>Something else…</option>
        </select>
        {choice !== OTHER && errors.key ? (
          <p className="field__error" role="alert">
            {errors.key}
          </p>
        ) : null}
      </div>
      {choice === OTHER ? (
        <TextField
          id="memory-new-key"
          testId="memory-new-key"
          label="Key"
          required
          mono
          placeholder="e.g. pricing.model"
          maxLength={80}
          hint="Lowercase letters, digits and . _ - — a name flows and API scripts can use."
          value={ownKey}
          error={errors.key}
          onChange={(v) => {
            setOwnKey(v);
            setErrors((e) => ({ ...e, key: undefined }));
          }}
        />
      ) : null}
      <TextField
        id="memory-new-value"
        testId="memory-new-value"
        label="The fact"
        required
        multiline
        rows={3}
        placeholder="e.g. Shipwise — route planning for independent couriers"
        maxLength={MAX_MEMORY_VALUE}
        value={value}
        error={errors.value}
        onChange={(v) => {
          setValue(v);
          setErrors((e) => ({ ...e, value: undefined }));
        }}
      />
      {put.error?.isConflict ? (
        <ErrorBanner
          tone="warning"
          title="Someone remembered this meanwhile."
          message="This workspace already has a fact with this key. Reload to see it, then edit it there."
          actions={
            <Button size="sm" onClick={onReload} data-testid="memory-reload">
              Reload
            </Button>
          }
        />
      ) : put.error && put.error.status !== 400 ? (
        <ErrorBanner message={put.error.message} onDismiss={() => put.reset()} />
      ) : null}
      <div className="editor__actions">
        <Button type="submit" variant="primary" busy={put.isPending} data-testid="memory-add-save">
          Remember it
        </Button>
        <Button onClick={onDone} disabled={put.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
