import { useParams } from 'react-router';
import { Loading } from '../../../shared/components/EmptyState';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { useSavedPersona } from '../api/builder';
import { Builder } from './Builder';
import { paths } from '../../../shared/paths';

/** /personas/builder (new) and /personas/builder/:personaId (edit a saved persona). */
export function BuilderPage() {
  const { personaId } = useParams();
  const saved = useSavedPersona(personaId);

  if (!personaId) return <Builder key="new" existing={null} />;
  if (saved.isPending) return <Loading label="Loading persona…" />;
  if (saved.isError) {
    return (
      <LoadFailure
        error={saved.error}
        what="persona"
        back={{ to: paths.personaBuilder, label: 'Generate a new persona' }}
        onRetry={() => void saved.refetch()}
      />
    );
  }
  return <Builder key={personaId} existing={saved.data.persona} onReloadLatest={() => saved.refetch().then((r) => r.data?.persona ?? null)} />;
}
