import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button } from '../components/Button';
import { Loading } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import type { AnyTurnOutput } from './flow-client';
import { RecentSessions, type RecentSessionsProps } from './RecentSessions';
import { paths } from '../paths';
import { lastSessionStore } from './sessions';
import { useWizardSession } from './use-wizard-session';
import type { WizardFlow } from './wizard-flow';

type Props<O extends AnyTurnOutput> = {
  flow: WizardFlow<O>;
  sessionId: string;
  title: string;
  /** The page that starts a new session. */
  newPath: string;
  sessionPath: (id: string) => string;
  newButton: { label: string; testId: string };
  recent: Pick<RecentSessionsProps<O>, 'phaseLabel' | 'untitled' | 'deleteNote'>;
  /** Shown after a new session replaced one that no longer exists. */
  goneNotice: string;
  /** Remember this session as the browser's last one of the flow. */
  rememberLast?: boolean;
  className?: string;
  /** The session's chat and form, given its current state. */
  children: (output: O, startNew: () => void) => ReactNode;
};

/**
 * The frame of a wizard page at /…/:sessionId: resumes the session from the server by id,
 * shows the toolbar (title, recent sessions, new), replaces a deleted session with a new one.
 */
export function WizardShell<O extends AnyTurnOutput>({
  flow,
  sessionId,
  title,
  newPath,
  sessionPath,
  newButton,
  recent,
  goneNotice,
  rememberLast = true,
  className,
  children,
}: Props<O>) {
  const navigate = useNavigate();
  const location = useLocation();
  const session = useWizardSession(flow, sessionId);
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const last = lastSessionStore(flow.name);

  // A new navigation state brings its notice (adjusted during render, not in an effect).
  const [seenState, setSeenState] = useState(location.state);
  if (location.state !== seenState) {
    setSeenState(location.state);
    setNotice((location.state as { notice?: string } | null)?.notice);
  }

  useEffect(() => {
    if (session.data && rememberLast) lastSessionStore(flow.name).set(sessionId);
  }, [session.data, sessionId, flow.name, rememberLast]);

  // A deleted (or malformed) session: start a fresh one and say so.
  const gone = session.error && (session.error.status === 404 || session.error.status === 400);
  useEffect(() => {
    if (!gone) return;
    lastSessionStore(flow.name).clear(sessionId);
    navigate(newPath, { replace: true, state: { notice: goneNotice } });
  }, [gone, sessionId, navigate, flow.name, newPath, goneNotice]);

  const startNew = () => navigate(newPath);
  const toolbar = (
    <div className="wizard__toolbar">
      <h1 className="page-title">{title}</h1>
      <div className="wizard__tools">
        {session.data ? (
          <Link className="btn btn--ghost" to={paths.sessionTranscript(sessionId)} data-testid="session-transcript">
            Transcript
          </Link>
        ) : null}
        <RecentSessions
          flow={flow}
          currentId={sessionId}
          sessionPath={sessionPath}
          {...recent}
          onDeleted={(id) => {
            last.clear(id);
            if (id === sessionId) startNew();
          }}
        />
        <Button variant="secondary" onClick={startNew} data-testid={newButton.testId}>
          {newButton.label}
        </Button>
      </div>
    </div>
  );

  return (
    <div className={['wizard', className ?? ''].join(' ').trim()}>
      {toolbar}
      {notice ? <ErrorBanner tone="info" message={notice} onDismiss={() => setNotice(undefined)} testId="wizard-notice" /> : null}
      {session.data ? (
        <Fragment key={sessionId}>{children(session.data, startNew)}</Fragment>
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
