import type { ReactNode } from 'react';
import { fieldLabel, fieldPlaceholder, isListField, isLongField, isRequiredField, type PersonaField } from './fields';

type Props = {
  field: PersonaField;
  value: string;
  onChange: (text: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  /** Shown beside the label, e.g. a provenance badge. */
  badge?: ReactNode;
  /** Tints the input: an unconfirmed suggestion, or a field still to fill in. */
  tone?: 'suggested' | 'missing' | undefined;
  /** Shown under the input, e.g. the words a generated value rests on. */
  caption?: ReactNode;
  disabled?: boolean;
};

/** One labelled persona field: text input, textarea, or a one-item-per-line list. */
export function PersonaFieldInput({ field, value, onChange, onBlur, error, badge, tone, caption, disabled }: Props) {
  const id = `field-${field}`;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: field,
    value,
    disabled,
    placeholder: fieldPlaceholder(field),
    'data-testid': id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    onBlur,
    className: ['input', tone ? `input--${tone}` : '', error ? 'input--invalid' : ''].join(' ').trim(),
  };
  const lines = value.split('\n').length;
  return (
    <div className="field">
      <div className="field__head">
        <label htmlFor={id} className="field__label">
          {fieldLabel(field)}
          {isRequiredField(field) ? (
            <span className="field__required" title="Required to save">
              {' '}
              *<span className="sr-only"> (required)</span>
            </span>
          ) : null}
        </label>
        {badge}
      </div>
      {isLongField(field) ? (
        <textarea {...common} rows={isListField(field) ? Math.max(3, lines + 1) : textRows(value)} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            // Enter commits a one-line field the same way leaving it does.
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) e.currentTarget.blur();
          }}
        />
      )}
      {caption}
      {isListField(field) && !error ? <p className="field__hint">One per line.</p> : null}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Rows for a free-text box: two, more as the text grows (about 70 characters a line), at most six. */
function textRows(value: string): number {
  const estimate = value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 70)), 0);
  return Math.min(6, Math.max(2, estimate));
}
