import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { PersonaField } from '../../../../../schemas/persona.js';
import type { PersonaDefinitionAction } from '../../../../../schemas/persona-definition.js';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import type { TurnOutput } from '../api/persona-definition-flow';
import { lastSession } from '../api/sessions';
import { useWizardSession, useWizardTurns } from '../api/use-wizard-session';
import { ChatPanel } from './ChatPanel';
import { FormPanel } from './FormPanel';
import { PhaseStepper } from './PhaseStepper';
import { RecentSessions } from './RecentSessions';

/** /wizard/:sessionId — resumes the session from the server and shows chat + form. */
export function WizardPage() {
  const { sessionId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useWizardSession(sessionId);
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);

  useEffect(() => setNotice((location.state as { notice?: string } | null)?.notice), [location.state]);

  useEffect(() => {
    if (session.data) lastSession.set(sessionId);
  }, [session.data, sessionId]);

  // A deleted (or malformed) session: start a fresh one and say so.
  const gone = session.error && (session.error.status === 404 || session.error.status === 400);
  useEffect(() => {
    if (!gone) return;
    lastSession.clear(sessionId);
    navigate('/wizard/new', {
      replace: true,
      state: { notice: 'That wizard session no longer exists (it may have been deleted), so a new one was started.' },
    });
  }, [gone, sessionId, navigate]);

  const startNew = () => navigate('/wizard/new');
  const toolbar = (
    <div className="wizard__toolbar">
      <h1 className="page-title">Define a persona</h1>
      <div className="wizard__tools">
        <RecentSessions
          currentId={sessionId}
          onDeleted={(id) => {
            lastSession.clear(id);
            if (id === sessionId) startNew();
          }}
        />
        <Button variant="secondary" onClick={startNew} data-testid="new-persona">
          + New persona
        </Button>
      </div>
    </div>
  );

  return (
    <div className="wizard">
      {toolbar}
      {notice ? <ErrorBanner tone="info" message={notice} onDismiss={() => setNotice(undefined)} testId="wizard-notice" /> : null}
      {session.data ? (
        <WizardSession key={sessionId} sessionId={sessionId} output={session.data} onStartNew={startNew} />
      ) : session.isError && !gone ? (
        <ErrorBanner
          title="Could not load this session."
          message={session.error.message}
          actions={<Button onClick={() => void session.refetch()}>Try again</Button>}
        />
      ) : (
        <Loading label="Loading your session…" />
      )}
    </div>
  );
}

function WizardSession({ sessionId, output, onStartNew }: { sessionId: string; output: TurnOutput; onStartNew: () => void }) {
  const turns = useWizardTurns(sessionId);
  const [running, setRunning] = useState<PersonaDefinitionAction | null>(null);
  const failure = turns.failure;
  const conflictRef = useRef<HTMLDivElement>(null);

  // On a narrow screen the banner sits above the fold: bring it into view.
  useEffect(() => {
    if (turns.conflict) conflictRef.current?.scrollIntoView({ block: 'nearest' });
  }, [turns.conflict]);

  const onAction = async (action: PersonaDefinitionAction) => {
    setRunning(action);
    await turns.act(action);
    setRunning(null);
  };
  const onPatch = async (field: PersonaField, value: string | string[] | null) =>
    (await turns.patch({ [field]: value })) !== null;

  return (
    <>
      {turns.conflict ? (
        <div ref={conflictRef}>
          <ErrorBanner
            tone="warning"
            title="This session changed in another tab."
            message={failure?.error.message ?? 'Reload to see the latest state, then carry on.'}
            testId="conflict-banner"
            actions={
              <Button variant="primary" onClick={() => void turns.reload()} data-testid="conflict-reload">
                Reload
              </Button>
            }
          />
        </div>
      ) : null}
      <PhaseStepper phase={output.phase} />
      <div className="wizard__panels">
        <ChatPanel
          messages={output.state.messages}
          live={turns.live}
          busy={turns.busy}
          error={failure?.kind === 'chat' && !failure.error.isConflict ? failure.error : null}
          onDismissError={turns.clearFailure}
          onSend={async (text) => (await turns.send(text)) !== null}
        />
        <FormPanel
          output={output}
          busy={turns.busy}
          saving={turns.saving}
          running={running}
          error={failure && failure.kind !== 'chat' ? failure.error : null}
          onDismissError={turns.clearFailure}
          onPatch={onPatch}
          onAction={(a) => void onAction(a)}
          onStartNew={onStartNew}
        />
      </div>
    </>
  );
}
