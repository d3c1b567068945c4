import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Button } from '../../../shared/components/Button';
import { usePersonas } from '../api/personas';
import { PersonaCard } from './PersonaCard';
import { paths } from '../../../shared/paths';

/** /personas — every saved persona, newest first. */
export function LibraryPage() {
  const personas = usePersonas();
  const location = useLocation();
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const list = [...(personas.data ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Library</h1>
          <p className="muted">Saved personas. Open one to edit it, see its history or export it.</p>
        </div>
        <div className="toolbar">
          <Link to={paths.personaBuilder} className="btn btn--primary" data-testid="library-generate">
            Generate persona
          </Link>
          <Link to={paths.newWizard} className="btn btn--secondary">
            New in the wizard
          </Link>
        </div>
      </div>
      {notice ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(undefined)} /> : null}
      {personas.isPending ? <Loading label="Loading personas…" /> : null}
      {personas.isError ? (
        <ErrorBanner
          title="Could not load the library."
          message={personas.error.message}
          actions={<Button onClick={() => void personas.refetch()}>Try again</Button>}
        />
      ) : null}
      {personas.data && list.length === 0 ? (
        <EmptyState
          title="No personas yet"
          action={
            <div className="toolbar toolbar--center">
              <Link to={paths.personaBuilder} className="btn btn--primary">
                Generate a persona
              </Link>
              <Link to={paths.wizard} className="btn btn--secondary">
                Start the wizard
              </Link>
            </div>
          }
        >
          <p>Generate one from your product and a contact, or describe a buyer in the wizard. Saved personas appear here.</p>
        </EmptyState>
      ) : null}
      {list.length ? (
        <ul className="cards">
          {list.map((p) => (
            <li key={p.id}>
              <PersonaCard persona={p} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
