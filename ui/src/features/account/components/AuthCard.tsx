import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The frame of the pages seen before the app: brand on top, one card in the middle. */
export function AuthCard({
  title,
  intro,
  children,
  footer,
  testId,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="auth" data-testid={testId}>
      <Link to="/" className="brand auth__brand">
        <span className="brand__mark" aria-hidden="true" />
        personaflow
      </Link>
      <main className="auth__card panel">
        <h1 className="auth__title">{title}</h1>
        {intro ? <div className="auth__intro muted">{intro}</div> : null}
        {children}
      </main>
      {footer ? <div className="auth__footer">{footer}</div> : null}
    </div>
  );
}
