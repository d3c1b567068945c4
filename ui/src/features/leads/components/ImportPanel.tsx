import { useRef, useState } from 'react';
import { CSV_MAX_ROWS } from '@schemas/lead.js';
import { Button } from '../../../shared/components/Button';
import { CsvFileField } from '../../../shared/components/CsvFileField';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { ProgressBar } from '../../../shared/components/ProgressBar';
import { useImportLeads, type LeadImportResult } from '../api/leads';

const EXAMPLE = `name,position,requirement,linkedin_url,website_url,email
Dana Whitfield,VP of Sales,Shorter ramp-up for new reps,https://www.linkedin.com/in/dana-whitfield,,dana@northwind.example`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The result line, e.g. "Imported 2 leads, 1 rejected". */
export function importSummary(r: LeadImportResult): string {
  const imported = `Imported ${plural(r.imported.length, 'lead')}`;
  return r.rejected.length ? `${imported}, ${r.rejected.length} rejected` : imported;
}

/** Import leads from CSV: choose a file or paste the text; the rows that could not be imported are listed with the reason. */
export function ImportPanel({ onClose }: { onClose: () => void }) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<LeadImportResult | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const importLeads = useImportLeads();

  const rows = csv.trim() ? csv.trim().split(/\r?\n/).length - 1 : 0;

  async function readFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    try {
      const text = await file.text();
      setCsv(text);
      setFileName(file.name);
      setResult(null);
      importLeads.reset();
    } catch {
      setFileError(`Could not read “${file.name}”. Try pasting its text instead.`);
    }
  }

  function submit() {
    if (!csv.trim()) {
      setFileError('Choose a CSV file or paste its text first.');
      return;
    }
    setResult(null);
    importLeads.mutate(csv, {
      onSuccess: (r) => {
        setResult(r);
        setCsv('');
        setFileName(null);
        if (fileRef.current) fileRef.current.value = '';
      },
    });
  }

  return (
    <section className="panel lead-import" aria-labelledby="lead-import-title" data-testid="lead-import">
      <div className="panel__head">
        <h2 className="panel__title" id="lead-import-title">
          Import leads from a CSV file
        </h2>
        <Button variant="ghost" size="sm" onClick={onClose}>
          Close
        </Button>
      </div>
      <div className="csv-import__body">
        <div className="note">
          <p className="note__title">Expected columns</p>
          <p>
            A header row, then one lead per line: <code className="mono">name</code>, <code className="mono">position</code>,{' '}
            <code className="mono">requirement</code>, <code className="mono">linkedin_url</code>, <code className="mono">website_url</code>,{' '}
            <code className="mono">email</code>. Any order; each lead needs a name and a LinkedIn or website URL. Rows with an invalid email, or an email
            another lead already has, are left out and listed below. Up to {CSV_MAX_ROWS.toLocaleString()} rows.
          </p>
        </div>

        <CsvFileField id="lead-import-file" testId="lead-import-file" inputRef={fileRef} onFile={(file) => void readFile(file)} />

        <div className="field">
          <div className="field__head">
            <label className="field__label" htmlFor="lead-import-csv">
              {fileName ? `Contents of ${fileName}` : 'Or paste the CSV text'}
            </label>
            {!csv ? (
              <button type="button" className="linkish small" onClick={() => setCsv(EXAMPLE)}>
                Insert an example
              </button>
            ) : null}
          </div>
          <textarea
            id="lead-import-csv"
            className="input input--mono"
            rows={6}
            value={csv}
            placeholder={EXAMPLE}
            spellCheck={false}
            data-testid="lead-import-csv"
            onChange={(e) => {
              setCsv(e.target.value);
              setFileError(null);
              if (importLeads.isError) importLeads.reset();
            }}
          />
          {rows > 0 ? <p className="field__hint">{plural(rows, 'row')} below the header.</p> : null}
          {fileError ? (
            <p className="field__error" role="alert">
              {fileError}
            </p>
          ) : null}
        </div>

        {importLeads.isError ? (
          <ErrorBanner
            title="The import failed."
            message={
              importLeads.error.status === 413
                ? `${importLeads.error.message} Split the file into smaller parts and import them one after another.`
                : importLeads.error.message
            }
            onDismiss={() => importLeads.reset()}
          />
        ) : null}

        <div className="editor__actions">
          <Button variant="primary" onClick={submit} busy={importLeads.isPending} data-testid="lead-import-submit">
            Import leads
          </Button>
        </div>

        {importLeads.isPending ? <ProgressBar label={`Importing ${plural(rows, 'row')}…`} name="Importing leads" testId="lead-import-progress" /> : null}
        {result ? <ImportResult result={result} /> : null}
      </div>
    </section>
  );
}

function ImportResult({ result }: { result: LeadImportResult }) {
  const ok = result.rejected.length === 0;
  return (
    <div className="csv-import__result">
      <ErrorBanner tone={ok ? 'success' : result.imported.length ? 'warning' : 'error'} testId="lead-import-result" message={importSummary(result)} />
      {result.imported.length ? <p className="muted small">Their personas are being generated now; the list below updates by itself.</p> : null}
      {result.rejected.length ? (
        <div className="table-wrap lead-import__table">
          <table className="data-table">
            <caption className="sr-only">Rows that were not imported</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Why it was not imported</th>
              </tr>
            </thead>
            <tbody>
              {result.rejected.map((r) => (
                <tr key={`${r.row}-${r.email}`} data-testid="lead-import-rejected" data-row={r.row}>
                  <td className="lead-import__line">{r.row}</td>
                  <td>{r.name || <span className="muted">—</span>}</td>
                  <td>{r.email || <span className="muted">—</span>}</td>
                  <td className="lead-import__reason">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
