import { useState } from 'react';
import type { EmailDraft } from '@schemas/email.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';

/** One sample's subject and body, editable before approval; saving keeps the fix for that lead's send. */
export function SampleEditor({
  sample,
  saving,
  error,
  onSave,
  onCancel,
}: {
  sample: EmailDraft;
  saving: boolean;
  error: ApiError | null;
  onSave(subject: string, body: string): void;
  onCancel(): void;
}) {
  const [subject, setSubject] = useState(sample.subject);
  const [body, setBody] = useState(sample.body);
  const ids = { subject: `sample-subject-${sample.leadId}`, body: `sample-body-${sample.leadId}` };
  return (
    <form
      className="cmp-sample-editor"
      data-testid="approval-sample-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(subject, body);
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={ids.subject}>
          Subject
        </label>
        <input
          id={ids.subject}
          className="input"
          data-testid="approval-sample-subject-input"
          value={subject}
          maxLength={200}
          onChange={(e) => setSubject(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.body}>
          Body
        </label>
        <textarea
          id={ids.body}
          className="input cmp-sample-editor__body"
          data-testid="approval-sample-body-input"
          value={body}
          rows={Math.min(20, Math.max(8, body.split('\n').length + 1))}
          onChange={(e) => setBody(e.target.value)}
        />
      </div>
      {error ? <ErrorBanner title="Not saved." message={error.message} /> : null}
      <div className="cmp-sample-editor__actions">
        <Button type="submit" variant="primary" busy={saving} disabled={saving || !subject.trim() || !body.trim()} data-testid="approval-sample-save">
          Save this email
        </Button>
        <Button type="button" onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
