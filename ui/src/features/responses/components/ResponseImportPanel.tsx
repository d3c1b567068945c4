import { useRef, useState } from 'react';
import { Button } from '../../../shared/components/Button';
import { CsvFileField } from '../../../shared/components/CsvFileField';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { ProgressBar } from '../../../shared/components/ProgressBar';
import { splitCsv, type CsvChunks } from '../csv-chunks';
import { useChunkedImport, type ImportRun } from '../hooks/use-chunked-import';
import { RejectedRows } from './RejectedRows';

/** The most one file may hold: the server takes any number of chunks, but scoring 100,000 responses is the size analytics is measured at. */
export const MAX_IMPORT_ROWS = 100_000;

const n = (x: number) => x.toLocaleString('en');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

type Chosen = { name: string; chunks: CsvChunks };

/** "Imported 99,999 responses, 1 rejected", and how it ended when it did not run to the end. */
export function importSummary(run: ImportRun): string {
  const imported = `Imported ${plural(run.imported, 'response')}`;
  const rejected = run.rejected.length ? `, ${n(run.rejected.length)} rejected` : '';
  if (run.status === 'stopped') return `Stopped after ${n(run.done)} of ${n(run.total)} rows. ${imported}${rejected}; the rest of the file was not sent.`;
  if (run.status === 'failed') return `${imported}${rejected} from the first ${n(run.done)} of ${n(run.total)} rows; the rest was not imported.`;
  return `${imported}${rejected}.`;
}

/** Imports a CSV export of a survey: read in the browser, sent in chunks of 5,000 rows, with the rows it refused listed by line. */
export function ResponseImportPanel({ onClose }: { onClose: () => void }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const { run, start, stop, clear } = useChunkedImport();
  const busy = run?.status === 'running' || run?.status === 'stopping';

  async function readFile(file: File | undefined) {
    setFileError(null);
    setChosen(null);
    clear();
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setFileError(`Could not read “${file.name}”. Check that it is a CSV file and try again.`);
      return;
    }
    const chunks = splitCsv(text);
    if (chunks.rows === 0) setFileError(`“${file.name}” has no rows below its header row: there is nothing to import.`);
    else if (chunks.rows > MAX_IMPORT_ROWS)
      setFileError(`“${file.name}” has ${n(chunks.rows)} rows; at most ${n(MAX_IMPORT_ROWS)} can be imported at once. Split it into smaller files.`);
    else setChosen({ name: file.name, chunks });
  }

  function submit() {
    if (!chosen) {
      setFileError('Choose a CSV file first.');
      return;
    }
    void start(chosen.chunks);
    setChosen(null);
    if (fileRef.current) fileRef.current.value = '';
  }

  return (
    <section className="panel response-import" aria-labelledby="response-import-title" data-testid="response-import">
      <div className="panel__head">
        <h2 className="panel__title" id="response-import-title">
          Import survey responses from a CSV file
        </h2>
        <Button variant="ghost" size="sm" onClick={onClose} disabled={busy}>
          Close
        </Button>
      </div>
      <div className="csv-import__body">
        <div className="note">
          <p className="note__title">Columns it reads</p>
          <p>
            A header row, then one response per line, as Google Forms, Typeform, SurveyMonkey or a CRM export it. Columns are matched by their header:{' '}
            <code className="mono">email</code>, <code className="mono">name</code>, <code className="mono">consent</code>, <code className="mono">age</code>,{' '}
            <code className="mono">location</code>, <code className="mono">occupation</code>, <code className="mono">gender</code>,{' '}
            <code className="mono">goals</code>, <code className="mono">frustrations</code>, <code className="mono">satisfaction</code> (1–5),{' '}
            <code className="mono">nps</code> (0–10), <code className="mono">trust</code> (1–5), <code className="mono">effort</code> (1–7),{' '}
            <code className="mono">submitted at</code>, and common names for each (“Job title”, “Pain points”, “How likely are you to recommend…”). Several
            goals or frustrations in one cell are separated by <code className="mono">;</code>, <code className="mono">|</code> or line breaks. Any other column
            is kept with the response as it is. Up to {n(MAX_IMPORT_ROWS)} rows.
          </p>
        </div>

        <CsvFileField id="response-import-file" testId="response-import-file" inputRef={fileRef} disabled={busy} onFile={(file) => void readFile(file)}>
          {chosen ? (
            <p className="field__hint" data-testid="response-import-rows">
              {plural(chosen.chunks.rows, 'row')} in {chosen.name}
              {chosen.chunks.chunks.length > 1 ? `, sent in ${n(chosen.chunks.chunks.length)} parts` : ''}.
            </p>
          ) : null}
          {fileError ? (
            <p className="field__error" role="alert">
              {fileError}
            </p>
          ) : null}
        </CsvFileField>

        <div className="editor__actions">
          <Button variant="primary" onClick={submit} busy={busy} disabled={!chosen && !busy} data-testid="response-import-submit">
            Import responses
          </Button>
        </div>

        {busy && run ? (
          <ProgressBar
            label={run.status === 'stopping' ? 'Stopping after this part…' : 'Importing responses…'}
            value={{ done: run.done, total: run.total }}
            status={`${n(run.done)} of ${n(run.total)} rows`}
            name={`Importing responses: ${n(run.done)} of ${n(run.total)} rows`}
            testId="response-import-progress"
          >
            <div className="response-import__stop">
              <Button size="sm" onClick={stop} disabled={run.status === 'stopping'} data-testid="response-import-stop">
                Stop
              </Button>
            </div>
          </ProgressBar>
        ) : null}
        {run && !busy ? <ImportResult run={run} /> : null}
      </div>
    </section>
  );
}

function ImportResult({ run }: { run: ImportRun }) {
  const tone = run.status === 'failed' ? 'error' : run.rejected.length || run.status === 'stopped' ? 'warning' : 'success';
  return (
    <div className="csv-import__result">
      <ErrorBanner tone={tone} testId="response-import-result" message={importSummary(run)} />
      {run.error ? <ErrorBanner title="The import failed." message={run.error.message} testId="response-import-error" /> : null}
      {run.rejected.length ? <RejectedRows rows={run.rejected} /> : null}
    </div>
  );
}
