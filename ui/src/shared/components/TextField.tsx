import type { ReactNode } from 'react';

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  /** Shows a character count once the text gets near this limit. */
  maxLength?: number;
  testId?: string;
  type?: 'text' | 'email';
  mono?: boolean;
  disabled?: boolean;
  /** Shown beside the label. */
  aside?: ReactNode;
};

/** A labelled text input or textarea with a hint, an error and (near the limit) a character count. */
export function TextField({
  id,
  label,
  value,
  onChange,
  onBlur,
  error,
  hint,
  required,
  multiline,
  rows = 3,
  placeholder,
  maxLength,
  testId,
  type = 'text',
  mono,
  disabled,
  aside,
}: Props) {
  const errorId = `${id}-error`;
  const common = {
    id,
    name: id,
    value,
    placeholder,
    disabled,
    'data-testid': testId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'aria-required': required || undefined,
    onBlur,
    className: ['input', mono ? 'input--mono' : '', error ? 'input--invalid' : ''].join(' ').trim(),
  };
  const nearLimit = maxLength !== undefined && value.length > maxLength * 0.8;
  return (
    <div className="field">
      <div className="field__head">
        <label htmlFor={id} className="field__label">
          {label}
          {required ? (
            <span className="field__required" title="Required">
              {' '}
              *<span className="sr-only"> (required)</span>
            </span>
          ) : null}
        </label>
        {aside}
      </div>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && !error ? <p className="field__hint">{hint}</p> : null}
      {nearLimit ? (
        <p className={`field__hint${value.length > maxLength! ? ' field__error' : ''}`}>
          {value.length.toLocaleString()} / {maxLength!.toLocaleString()} characters
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
