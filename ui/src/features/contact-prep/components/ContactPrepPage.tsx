import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Contact } from '@schemas/contact.js';
import { toApiError, type ApiError } from '../../../shared/api/errors';
import { queryKeys } from '../../../shared/api/query-keys';
import { contacts } from '../../../shared/catalog/contacts';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { ChatPanel } from '../../../shared/wizard/ChatPanel';
import { ConflictBanner } from '../../../shared/wizard/ConflictBanner';
import { useWizardSession, useWizardTurns } from '../../../shared/wizard/use-wizard-session';
import { wizardKey } from '../../../shared/wizard/wizard-flow';
import { contactPrepFlow, usePrepSessionId, type PrepAction, type PrepPatch, type TurnOutput } from '../api/contact-prep';
import { BriefPanel, BriefPlaceholder } from './BriefPanel';
import { paths } from '../../../shared/paths';

const SUGGESTIONS = ['How do I open the call?', 'What if they say the budget is frozen?', 'What should I ask?'] as const;

/**
 * /contacts/:id/prep — meeting prep for a real contact: the brief on the right, follow-up
 * questions on the left. Resumes the contact's latest prep session; without one, starts a
 * session about the contact, which writes the first brief.
 */
export function ContactPrepPage() {
  const { id = '' } = useParams();
  const contact = contacts.useOne(id);
  const session = usePrepSessionId(id);
  const name = contact.data?.name;

  let body;
  if (session.isPending) body = <Loading label="Loading meeting prep…" />;
  else if (session.isError) {
    body = session.error.isNotFound ? (
      <EmptyState
        title="Contact not found"
        action={
          <Link to={paths.contacts} className="btn btn--primary">
            Back to contacts
          </Link>
        }
      >
        <p>It may have been deleted.</p>
      </EmptyState>
    ) : (
      <ErrorBanner
        title="Could not load the meeting prep."
        message={session.error.message}
        actions={<Button onClick={() => void session.refetch()}>Try again</Button>}
      />
    );
  } else if (session.data.sessionId) {
    body = <PrepSession key={session.data.sessionId} contactId={id} contactName={name} sessionId={session.data.sessionId} />;
  } else {
    body = <StartPrep key={id} contactId={id} contactName={name} />;
  }

  return (
    <div className="wizard prep">
      <div className="wizard__toolbar">
        <div className="prep__title">
          <p className="crumbs">
            <Link to={paths.contact(id)}>← {name ?? 'Contact'}</Link>
          </p>
          <h1 className="page-title">Prepare for a meeting{name ? ` with ${name}` : ''}</h1>
          <ContactLine contact={contact.data} />
        </div>
        {session.data?.sessionId ? (
          <Link className="btn btn--ghost" to={paths.sessionTranscript(session.data.sessionId)} data-testid="session-transcript">
            Transcript
          </Link>
        ) : null}
      </div>
      {body}
    </div>
  );
}

function ContactLine({ contact }: { contact: Contact | undefined }) {
  if (!contact) return null;
  const line = [contact.title, contact.company].filter(Boolean).join(' · ');
  return line ? <p className="muted small">{line}</p> : null;
}

/** The contact has no prep session yet: start one (which writes the first brief) and show it streaming. */
function StartPrep({ contactId, contactName }: { contactId: string; contactName: string | undefined }) {
  const qc = useQueryClient();
  const [reply, setReply] = useState('');
  const mutationKey = ['start-contact-prep', contactId];
  const start = useMutation<TurnOutput, ApiError>({
    mutationKey,
    mutationFn: () =>
      contactPrepFlow.client
        .runTurn({ patch: { contactId } }, (text) => setReply((r) => r + text))
        .catch((error: unknown) => {
          throw toApiError(error);
        }),
    // Runs even if this page was left meanwhile: the session is the contact's from now on.
    onSuccess: (output) => {
      qc.setQueryData(wizardKey(contactPrepFlow.name, output.sessionId), output);
      contactPrepFlow.onTurn?.(output, qc);
      void qc.invalidateQueries({ queryKey: queryKeys.sessions(contactPrepFlow.name) });
    },
  });
  const begun = useRef(false);
  // A start still running from an earlier visit of this page: wait for it instead of starting another.
  const runningElsewhere = useIsMutating({ mutationKey });

  const run = () => {
    setReply('');
    start.mutate();
  };

  useEffect(() => {
    if (begun.current || runningElsewhere > 0) return;
    if (qc.getQueryData<{ sessionId: string | null }>(queryKeys.contactPrepSession(contactId))?.sessionId) return;
    begun.current = true;
    // Opening the page starts the brief (a server request), once per visit.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    run();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per visit (after any earlier start settled)
  }, [runningElsewhere]);

  const failed = start.isError ? start.error : null;
  return (
    <div className="wizard__panels prep__panels">
      <div className="prep__chat" id="prep-chat">
        <ChatPanel
          messages={[]}
          live={failed ? null : { reply }}
          busy={!failed}
          error={null}
          onDismissError={() => undefined}
          onSend={async () => false}
          hint="Follow-up questions about this contact"
          emptyText="Once the brief is written, ask anything about how to approach them."
          disabledReason={failed ? 'The brief could not be written yet.' : 'Writing the brief first…'}
        />
      </div>
      <section className="panel brief" aria-label="Meeting brief" aria-busy={!failed}>
        <div className="panel__head">
          <h2 className="panel__title">Meeting brief</h2>
        </div>
        {failed ? (
          <ErrorBanner
            title="Could not write the brief."
            message={failed.message}
            testId="prep-error"
            actions={
              failed.status !== 404 ? (
                <Button variant="primary" onClick={run}>
                  Try again
                </Button>
              ) : null
            }
          />
        ) : (
          <BriefPlaceholder name={contactName} />
        )}
      </section>
    </div>
  );
}

/** The contact's prep session: resumed by id (the state may already be cached by the start). */
function PrepSession({ contactId, contactName, sessionId }: { contactId: string; contactName: string | undefined; sessionId: string }) {
  const qc = useQueryClient();
  const session = useWizardSession(contactPrepFlow, sessionId);

  // The session was deleted meanwhile: start a new one about the contact.
  const gone = session.error && (session.error.status === 404 || session.error.status === 400);
  useEffect(() => {
    if (gone) qc.setQueryData(queryKeys.contactPrepSession(contactId), { sessionId: null });
  }, [gone, qc, contactId]);

  if (session.data) return <PrepPanels contactId={contactId} contactName={contactName} sessionId={sessionId} output={session.data} />;
  if (session.isError && !gone) {
    return (
      <ErrorBanner
        title="Could not load the meeting prep."
        message={session.error.message}
        actions={<Button onClick={() => void session.refetch()}>Try again</Button>}
      />
    );
  }
  return <Loading label="Loading meeting prep…" />;
}

function PrepPanels({
  contactId,
  contactName,
  sessionId,
  output,
}: {
  contactId: string;
  contactName: string | undefined;
  sessionId: string;
  output: TurnOutput;
}) {
  const turns = useWizardTurns<PrepPatch, PrepAction, TurnOutput>(contactPrepFlow, sessionId);
  const [running, setRunning] = useState<PrepAction | null>(null);
  const failure = turns.failure;
  const { state } = output;
  const name = state.contactName ?? contactName ?? 'this contact';

  const onAction = async (action: PrepAction) => {
    setRunning(action);
    const out = await turns.act(action);
    setRunning(null);
    return out !== null;
  };

  const asked = new Set(state.messages.filter((m) => m.role === 'user').map((m) => m.text.trim().toLowerCase()));
  const suggestions = state.analysis ? SUGGESTIONS.filter((q) => !asked.has(q.toLowerCase())) : [];

  return (
    <>
      <ConflictBanner show={turns.conflict} message={failure?.error.message} onReload={() => void turns.reload()} />
      <div className="wizard__panels prep__panels">
        <div className="prep__chat" id="prep-chat">
          <ChatPanel
            messages={state.messages}
            history={{ sessionId: output.sessionId, messageCount: output.messageCount }}
            // A product change is a quiet form edit: no typing bubble for it.
            live={turns.live && turns.live.kind !== 'form' ? turns.live : null}
            busy={turns.busy}
            error={failure?.kind === 'chat' && !failure.error.isConflict ? failure.error : null}
            onDismissError={turns.clearFailure}
            onSend={async (text) => (await turns.send(text)) !== null}
            hint="Follow-up questions, answered from the brief"
            emptyText={`Ask anything about how to approach ${name}.`}
            suggestions={suggestions}
            disabledReason={state.analysis ? undefined : 'Write the brief first (Regenerate), then ask about it.'}
          />
        </div>
        <BriefPanel
          contactId={contactId}
          output={output}
          busy={turns.busy}
          saving={turns.saving}
          running={running}
          error={failure && failure.kind !== 'chat' && !failure.error.isConflict ? failure.error : null}
          onDismissError={turns.clearFailure}
          onProduct={(productId) => void turns.patch({ productId })}
          onRegenerate={() => onAction('generate')}
        />
      </div>
    </>
  );
}
