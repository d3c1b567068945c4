import { Link, useParams } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { useSavedPersona } from '../api/builder';
import { Builder } from './Builder';

/** /personas/builder (new) and /personas/builder/:personaId (edit a saved persona). */
export function BuilderPage() {
  const { personaId } = useParams();
  const saved = useSavedPersona(personaId);

  if (!personaId) return <Builder key="new" existing={null} />;
  if (saved.isPending) return <Loading label="Loading persona…" />;
  if (saved.isError) {
    if (saved.error.isNotFound) {
      return (
        <EmptyState
          title="Persona not found"
          action={
            <Link to="/personas/builder" className="btn btn--primary">
              Generate a new persona
            </Link>
          }
        >
          <p>It may have been deleted.</p>
        </EmptyState>
      );
    }
    return (
      <ErrorBanner
        title="Could not load this persona."
        message={saved.error.message}
        actions={<Button onClick={() => void saved.refetch()}>Try again</Button>}
      />
    );
  }
  return <Builder key={personaId} existing={saved.data.persona} onReloadLatest={() => saved.refetch().then((r) => r.data?.persona ?? null)} />;
}
