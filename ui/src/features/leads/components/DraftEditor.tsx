import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import type { EmailDraft, Lead } from '../api/leads';
import type { EmailDraftEditor } from '../hooks/use-email-draft';
import { PersonalDetails } from './PersonalDetails';

/** The written draft: subject and body to edit, what to check, and Accept. */
export function DraftEditor({ draft, editor, lead }: { draft: EmailDraft; editor: EmailDraftEditor; lead: Lead }) {
  const { subject, body, accept, accepted, edited, unresolved, acceptedCurrent, acceptFieldErrors, fieldError } = editor;
  return (
    <section className="panel draft__editor" aria-label="Draft email" data-testid="draft-editor">
      <div className="draft__editor-head">
        <h2 className="panel__title">Draft</h2>
        <span className="muted small">
          Tone: {draft.tone}
          {edited ? ' · edited by you' : ''}
        </span>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="draft-subject">
          Subject
        </label>
        <input
          id="draft-subject"
          className={`input${fieldError('subject') ? ' input--invalid' : ''}`}
          data-testid="draft-subject"
          value={editor.subject}
          maxLength={200}
          onChange={(e) => editor.setSubject(e.target.value)}
        />
        {fieldError('subject') ? <p className="field__error">{fieldError('subject')}</p> : null}
      </div>
      <div className="field">
        <label className="field__label" htmlFor="draft-body">
          Body
        </label>
        <textarea
          id="draft-body"
          className={`input draft__body${fieldError('body') ? ' input--invalid' : ''}`}
          data-testid="draft-body"
          rows={12}
          value={editor.body}
          onChange={(e) => editor.setBody(e.target.value)}
        />
        {fieldError('body') ? <p className="field__error">{fieldError('body')}</p> : null}
      </div>

      {unresolved.length ? (
        <ErrorBanner
          tone="warning"
          testId="draft-unresolved"
          title="Placeholders left in the text."
          message={`Replace ${unresolved.join(', ')} before accepting: an email is never sent with a placeholder in it.`}
        />
      ) : null}

      {draft.warnings.length ? (
        <div className="note" data-testid="draft-warnings">
          <p className="note__title">Check before you accept</p>
          <ul>
            {draft.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <PersonalDetails draft={draft} edited={edited} />

      {draft.stage ? (
        <p className="muted small" data-testid="draft-stage">
          Buying stage: <strong>{draft.stage.name}</strong>
          {draft.stage.keyMessage ? ` — key message: ${draft.stage.keyMessage}` : ''}
        </p>
      ) : null}

      {accept.isError && !acceptFieldErrors.length ? (
        <ErrorBanner title="Not accepted." message={accept.error.message} onDismiss={() => accept.reset()} />
      ) : null}
      {acceptedCurrent ? (
        <ErrorBanner
          tone="success"
          testId="draft-accepted"
          message={`Accepted — this draft will be used when a campaign sends to ${lead.name} (as the campaign's first email).`}
        />
      ) : accepted ? (
        <p className="muted small">You changed the text after accepting it. Accept again to use this version.</p>
      ) : null}

      <div className="editor__actions draft__actions">
        <Button
          variant="primary"
          onClick={editor.acceptDraft}
          busy={accept.isPending}
          disabled={unresolved.length > 0 || !subject.trim() || !body.trim() || acceptedCurrent}
          data-testid="draft-accept"
          title={unresolved.length ? `Replace ${unresolved.join(', ')} first` : undefined}
        >
          {acceptedCurrent ? 'Accepted' : 'Accept'}
        </Button>
        {unresolved.length ? <span className="muted small">Replace {unresolved.join(', ')} to accept.</span> : null}
        {edited ? (
          <Button variant="ghost" onClick={editor.undoEdits}>
            Undo my edits
          </Button>
        ) : null}
      </div>
    </section>
  );
}
