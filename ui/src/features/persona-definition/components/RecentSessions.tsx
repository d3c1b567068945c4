import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { PERSONA_PHASE_LABELS, PersonaPhaseSchema } from '../../../../../schemas/persona-definition.js';
import { toApiError } from '../../../shared/api/errors';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { formatRelative } from '../../../shared/format';
import { useDeleteSession, useRecentSessions, type WizardSessionSummary } from '../api/sessions';

const phaseLabel = (phase: string) => {
  const p = PersonaPhaseSchema.safeParse(phase);
  return p.success ? PERSONA_PHASE_LABELS[p.data] : phase;
};

/** A small dropdown of recent wizard sessions to reopen or delete. */
export function RecentSessions({ currentId, onDeleted }: { currentId: string; onDeleted: (id: string) => void }) {
  const sessions = useRecentSessions();
  const remove = useDeleteSession();
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
                to={`/wizard/${s.id}`}
                className="recent__open"
                aria-current={s.id === currentId ? 'page' : undefined}
                onClick={() => menu.current?.removeAttribute('open')}
              >
                <span className="recent__title">{s.title || 'Untitled persona'}</span>
                <span className="recent__meta">
                  {phaseLabel(s.phase)} · {formatRelative(s.updatedAt)}
                  {s.id === currentId ? ' · open now' : ''}
                </span>
              </Link>
              <button type="button" className="icon-btn" aria-label={`Delete session ${s.title || 'Untitled persona'}`} onClick={() => setToDelete(s)}>
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
          “{toDelete?.title || 'Untitled persona'}” and its chat history will be deleted. A persona already saved to the library
          stays there.
        </p>
        {remove.isError ? <p className="field__error">{toApiError(remove.error).message}</p> : null}
      </ConfirmDialog>
    </details>
  );
}

function TrashIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6" />
    </svg>
  );
}
