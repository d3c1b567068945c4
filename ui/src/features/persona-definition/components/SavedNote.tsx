import { Link } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { paths } from '../../../shared/paths';

export function SavedNote({ id, version, onStartNew }: { id: string; version?: number | undefined; onStartNew: () => void }) {
  return (
    <div className="banner banner--success" role="status">
      <div className="banner__body">
        <strong className="banner__title">Persona saved to your library{version ? ` (version ${version})` : ''}.</strong>
        <span className="banner__message">
          <Link to={paths.persona(id)} data-testid="saved-persona-link">
            Open the saved persona →
          </Link>
        </span>
      </div>
      <div className="banner__actions">
        <Button size="sm" onClick={onStartNew}>
          Start another persona
        </Button>
      </div>
    </div>
  );
}
