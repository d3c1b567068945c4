import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Button } from '../../../shared/components/Button';
import { useLeadDrafts, type Lead } from '../api/leads';
import { useDraftOptions } from '../hooks/use-draft-options';
import { useDraftStream } from '../hooks/use-draft-stream';
import { useEmailDraft } from '../hooks/use-email-draft';
import { AcceptedDrafts } from './AcceptedDrafts';
import { DraftControls } from './DraftControls';
import { DraftEditor } from './DraftEditor';
import { StreamingPreview } from './StreamingPreview';

/** The email preview: choose a tone (and a product), stream a draft, edit it, accept it. */
export function EmailTab({ lead }: { lead: Lead }) {
  const options = useDraftOptions();
  const stream = useDraftStream();
  const editor = useEmailDraft(lead.id, options.tone);
  const history = useLeadDrafts(lead.id);
  const { draft, edited } = editor;
  const streaming = stream.streaming;

  function generate() {
    const tone = options.checkedTone();
    if (tone === null) return;
    void stream.start({ leadId: lead.id, tone, productId: options.productId || null, instructions: options.instructions.trim() }, editor.replaceWith);
    editor.accept.reset();
  }

  return (
    <div className="draft" data-testid="lead-email">
      <DraftControls options={options} streaming={streaming} hasDraft={draft !== null} onGenerate={generate} onStop={stream.stop} />
      {draft && edited && !streaming ? <p className="muted small draft__replace-note">Regenerating replaces your edits below.</p> : null}

      {lead.personaStatus !== 'ready' ? (
        <p className="note" data-testid="draft-persona-note">
          {lead.personaStatus === 'pending'
            ? `${lead.name}'s persona is still being generated. A draft waits for it, so the first one takes a little longer.`
            : `${lead.name}'s persona could not be generated. Generating an email tries again first; if that fails, retry from the Persona tab.`}
        </p>
      ) : null}
      {!lead.email ? (
        <p className="note">{lead.name} has no email address yet. You can draft and accept an email, but a campaign cannot send it until you add one.</p>
      ) : null}
      {lead.suppressed ? <ErrorBanner tone="warning" message={`${lead.email} unsubscribed. Campaigns will not send to this address.`} /> : null}

      {stream.run.status === 'error' ? (
        <ErrorBanner
          title="The email could not be written."
          message={stream.run.error.message}
          testId="draft-error"
          actions={<Button onClick={generate}>Try again</Button>}
          onDismiss={stream.dismissError}
        />
      ) : null}

      {stream.run.status === 'streaming' ? <StreamingPreview soFar={stream.run.soFar} /> : null}

      {!streaming && draft ? <DraftEditor draft={draft} editor={editor} lead={lead} /> : null}

      {!streaming && !draft && stream.run.status !== 'error' ? (
        <div className="draft__empty">
          <p>
            Choose a tone and press <strong>Generate email</strong>. The draft is written from {lead.name}'s details and persona; you can edit it, try another
            tone, and accept the one a campaign should send.
          </p>
        </div>
      ) : null}

      <AcceptedDrafts drafts={history.data} error={history.error} onRetry={() => void history.refetch()} leadName={lead.name} />
    </div>
  );
}
