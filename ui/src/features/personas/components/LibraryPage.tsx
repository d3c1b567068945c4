import { useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { SavedPersona } from '@schemas/persona.js';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Button } from '../../../shared/components/Button';
import { usePersonas } from '../api/personas';
import { PersonaCard } from './PersonaCard';
import { paths } from '../../../shared/paths';
import { ListControls, ListNoMatch, ListPager } from '../../../shared/components/ListControls';
import { useListQuery } from '../../../shared/hooks/use-list-query';
import type { ListSpec } from '../../../shared/hooks/list-query';

const LIBRARY_LIST: ListSpec<SavedPersona> = {
  searchFields: (p) => [p.data.personName, p.data.title, p.data.industry],
  filterValue: (p) => p.data.industry,
  sorts: { name: (p) => p.data.personName, updated: (p) => p.updatedAt },
  defaultSort: { key: 'updated', dir: 'desc' },
};
const LIBRARY_SORTS = [
  { value: '-updated', label: 'Last updated' },
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
];
const NO_PERSONAS: SavedPersona[] = [];

/** /personas — every saved persona, newest first, to search, filter by industry and sort. */
export function LibraryPage() {
  const personas = usePersonas();
  const location = useLocation();
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const all = personas.data ?? NO_PERSONAS;
  const list = useListQuery(all, LIBRARY_LIST);
  const industries = useMemo(
    () => [...new Set(all.map((p) => p.data.industry).filter(Boolean))].sort((a, b) => a.localeCompare(b)).map((i) => ({ value: i, label: i })),
    [all],
  );

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
      {personas.data && all.length === 0 ? (
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
      {all.length ? (
        <section aria-label="Saved personas">
          <ListControls
            list={list}
            name="library"
            searchLabel="Search personas"
            searchPlaceholder="Name, title or industry"
            filter={{ label: 'Industry', allLabel: 'All industries', options: industries }}
            sorts={LIBRARY_SORTS}
          />
          {list.rows.length ? (
            <ul className="cards">
              {list.rows.map((p) => (
                <li key={p.id}>
                  <PersonaCard persona={p} />
                </li>
              ))}
            </ul>
          ) : (
            <ListNoMatch list={list} total={all.length} noun={['persona', 'personas']} filterText={`in ${list.query.filter}`} name="library" />
          )}
          <div className="list-foot">
            <ListPager list={list} noun={['persona', 'personas']} name="library" />
          </div>
        </section>
      ) : null}
    </div>
  );
}
