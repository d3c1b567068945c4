import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { toApiError } from '../api/errors';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { TrashIcon } from '../components/TrashIcon';
import { formatRelative } from '../format';
import type { AnyTurnOutput } from './flow-client';
import { useDeleteSession, useRecentSessions, type WizardSessionSummary } from './sessions';
import type { WizardFlow } from './wizard-flow';

export type RecentSessionsProps<O extends AnyTurnOutput> = {
  flow: WizardFlow<O>;
  currentId: string;
  onDeleted: (id: string) => void;
  /** Where a session opens, e.g. id => `/wizard/${id}`. */
  sessionPath: (id: string) => string;
  /** A phase name as a person reads it. */
  phaseLabel: (phase: string) => string;
  /** The title of a session that has none yet, e.g. "Untitled persona". */
  untitled: string;
  /** What deleting keeps or loses, shown in the confirmation. */
  deleteNote?: ReactNode;
};

/** A small dropdown of a flow's recent sessions to reopen or delete. */
export function RecentSessions<O extends AnyTurnOutput>({ flow, currentId, onDeleted, sessionPath, phaseLabel, untitled, deleteNote }: RecentSessionsProps<O>) {
  const sessions = useRecentSessions(flow.name);
  const remove = useDeleteSession(flow);
  const [toDelete, setToDelete] = useState<WizardSessionSummary | null>(null);
  const list = sessions.data ?? [];
  const menu = useRef<HTMLDetailsElement>(null);

  return (
    <details className="recent" ref={menu}>
      <summary className="btn btn--ghost">Recent sessions{sessions.data ? ` (${list.length})` : ''}</summary>
      <div className="recent__menu">
        {sessions.isPending ? <p className="muted">Loading…</p> : null}
        {sessions.isError ? <p className="field__error">{toApiError(sessions.error).message}</p> : null}
        {sessions.data && list.length === 0 ? <p className="muted">No sessions yet.</p> : null}
        <ul className="recent__list">
          {list.map((s) => (
            <li key={s.id} className={`recent__item${s.id === currentId ? ' recent__item--current' : ''}`}>
              <Link
                to={sessionPath(s.id)}
                className="recent__open"
                aria-current={s.id === currentId ? 'page' : undefined}
                onClick={() => menu.current?.removeAttribute('open')}
              >
                <span className="recent__title">{s.title || untitled}</span>
                <span className="recent__meta">
                  {phaseLabel(s.phase)} · {formatRelative(s.updatedAt)}
                  {s.id === currentId ? ' · open now' : ''}
                </span>
              </Link>
              <button type="button" className="icon-btn" aria-label={`Delete session ${s.title || untitled}`} onClick={() => setToDelete(s)}>
                <TrashIcon />
              </button>
            </li>
          ))}
        </ul>
      </div>
      <ConfirmDialog
        open={toDelete !== null}
        title="Delete this session?"
        confirmLabel="Delete session"
        busy={remove.isPending}
        onCancel={() => {
          remove.reset();
          setToDelete(null);
        }}
        onConfirm={() =>
          toDelete &&
          remove.mutate(toDelete.id, {
            onSuccess: () => {
              onDeleted(toDelete.id);
              setToDelete(null);
            },
          })
        }
      >
        <p>
          “{toDelete?.title || untitled}” and its chat history will be deleted.{deleteNote ? <> {deleteNote}</> : null}
        </p>
        {remove.isError ? <p className="field__error">{toApiError(remove.error).message}</p> : null}
      </ConfirmDialog>
    </details>
  );
}
