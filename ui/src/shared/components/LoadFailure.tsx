import { Link } from 'react-router';
import type { ApiError } from '../api/errors';
import { Button } from './Button';
import { EmptyState } from './EmptyState';
import { ErrorBanner } from './ErrorBanner';

/** What a page shows when its record could not be loaded: gone (404, with a way back) or failed (retry). */
export function LoadFailure({
  error,
  what,
  back,
  onRetry,
}: {
  error: ApiError;
  /** e.g. "persona", "map" — used as "Persona not found" / "Could not load this persona." */
  what: string;
  back: { to: string; label: string };
  onRetry(): void;
}) {
  if (error.isNotFound) {
    return (
      <EmptyState
        title={`${what[0]!.toUpperCase()}${what.slice(1)} not found`}
        action={
          <Link to={back.to} className="btn btn--primary">
            {back.label}
          </Link>
        }
      >
        <p>It may have been deleted.</p>
      </EmptyState>
    );
  }
  return <ErrorBanner title={`Could not load this ${what}.`} message={error.message} actions={<Button onClick={onRetry}>Try again</Button>} />;
}
