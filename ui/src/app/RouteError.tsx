import { Link, useRouteError } from 'react-router';
import { EmptyState } from '../shared/components/EmptyState';
import { paths } from '../shared/paths';

export function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      action={
        <Link to={paths.wizard} className="btn btn--primary">
          Go to the wizard
        </Link>
      }
    />
  );
}

/** Last resort for a render error: say what happened and offer a way back. */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <main className="main">
      <EmptyState
        title="Something went wrong"
        action={
          <a href={paths.wizard} className="btn btn--primary">
            Reload the app
          </a>
        }
      >
        <p>{message}</p>
      </EmptyState>
    </main>
  );
}
