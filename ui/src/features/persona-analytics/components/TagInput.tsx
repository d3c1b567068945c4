import { useState, type KeyboardEvent } from 'react';
import { addTags } from '../rules-form';

type Props = {
  id: string;
  label: string;
  hint: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  error?: string | undefined;
  /** Where the pending text goes when the form is saved: read it before saving. */
  pending: string;
  onPending: (text: string) => void;
  testId: string;
};

/** A list rule as tags: type and press Enter (or paste several lines); × or Backspace removes one. */
export function TagInput({ id, label, hint, tags, onChange, error, pending, onPending, testId }: Props) {
  const [announce, setAnnounce] = useState('');
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  function commit() {
    if (!pending.trim()) return;
    const next = addTags(tags, pending);
    if (next.length > tags.length) setAnnounce(`Added ${next.slice(tags.length).join(', ')}`);
    onChange(next);
    onPending('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Backspace' && !pending && tags.length) {
      setAnnounce(`Removed ${tags[tags.length - 1]}`);
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div className="field tag-field" data-testid={testId}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className={`tag-input${error ? ' tag-input--invalid' : ''}`}>
        <ul className="tag-input__tags" aria-label={`${label}: ${tags.length} value${tags.length === 1 ? '' : 's'}`}>
          {tags.map((tag, i) => (
            <li key={`${tag}-${i}`} className="tag" data-testid={`${testId}-tag`}>
              <span className="tag__text">{tag}</span>
              <button
                type="button"
                className="tag__remove"
                aria-label={`Remove ${tag}`}
                onClick={() => {
                  setAnnounce(`Removed ${tag}`);
                  onChange(tags.filter((_, j) => j !== i));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          className="tag-input__input"
          value={pending}
          placeholder={tags.length ? 'Add another…' : 'Type and press Enter'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : hintId}
          data-testid={`${testId}-input`}
          onChange={(e) => onPending(e.target.value)}
          onPaste={(e) => {
            // A paste of several lines (a column copied from a sheet) adds each line as a tag.
            const text = e.clipboardData.getData('text');
            if (!text.includes('\n')) return;
            e.preventDefault();
            onChange(addTags(tags, `${pending}${text}`));
            onPending('');
          }}
          onKeyDown={onKeyDown}
          onBlur={commit}
        />
      </div>
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <span className="sr-only" aria-live="polite">
        {announce}
      </span>
    </div>
  );
}
