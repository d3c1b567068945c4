import type { ReactNode, Ref } from 'react';

/** A CSV import panel's file input; `children` is what the panel says under it (the rows read, a file error). */
export function CsvFileField({
  id,
  testId,
  inputRef,
  disabled,
  onFile,
  children,
}: {
  id: string;
  testId: string;
  inputRef: Ref<HTMLInputElement>;
  disabled?: boolean;
  onFile: (file: File | undefined) => void;
  children?: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        CSV file
      </label>
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept=".csv,text/csv,text/plain"
        className="csv-import__file"
        data-testid={testId}
        disabled={disabled}
        onChange={(e) => onFile(e.target.files?.[0])}
      />
      {children}
    </div>
  );
}
