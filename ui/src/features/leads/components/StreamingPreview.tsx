import type { DraftSoFar } from '../api/leads';

/** The draft as it is being written, with a caret at the end. */
export function StreamingPreview({ soFar }: { soFar: DraftSoFar }) {
  const started = soFar.subject || soFar.body;
  return (
    <section className="panel draft__stream" aria-live="polite" aria-busy="true" data-testid="draft-streaming">
      <p className="draft__stream-status">
        <span className="spinner" aria-hidden="true" />
        {started ? 'Writing the email…' : 'Reading their persona and starting the draft…'}
      </p>
      <p className="draft__stream-subject">
        <span className="field__label">Subject</span> {soFar.subject || <span className="muted">…</span>}
      </p>
      <div className="draft__stream-body prewrap">
        {soFar.body}
        <span className="draft__caret" aria-hidden="true" />
      </div>
    </section>
  );
}
