import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useAppConfig } from '../shared/api/config';
import { Loading } from '../shared/components/EmptyState';

export function Layout() {
  return (
    <div className="app">
      <header className="header">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          personaflow
        </Link>
        <nav className="nav" aria-label="Main">
          <NavLink to="/wizard" className="nav__link">
            Wizard
          </NavLink>
          <NavLink to="/personas" className="nav__link">
            Library
          </NavLink>
          <NavLink to="/buying-process" className="nav__link">
            Buying process
          </NavLink>
          <NavLink to="/products" className="nav__link">
            Products
          </NavLink>
          <NavLink to="/contacts" className="nav__link">
            Contacts
          </NavLink>
        </nav>
        <ProviderLabel />
        <NavLink to="/settings/company" className="nav__link nav__link--small" data-testid="nav-company" title="Your company profile">
          <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M3 21h18M5 21V7l7-4 7 4v14M9 21v-6h6v6M9 10h.01M15 10h.01" />
          </svg>
          Company
        </NavLink>
      </header>
      <main className="main">
        {/* Pages are loaded on first visit (see router.tsx). */}
        <Suspense
          fallback={
            <div className="route-loading">
              <Loading label="Loading…" />
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

/** Says plainly which generator answers: the offline rule-based one, or the configured AI provider. */
function ProviderLabel() {
  const config = useAppConfig();
  if (config.isPending) return <span className="provider" aria-hidden="true" />;
  if (config.isError) {
    return (
      <span className="provider provider--unknown" data-testid="provider-label" title={config.error.message}>
        Provider unknown (server not reachable)
      </span>
    );
  }
  const c = config.data;
  if (c.offline) {
    return (
      <span className="provider provider--offline" data-testid="provider-label" data-offline="true" title={c.label}>
        Offline generator (rule-based, no AI provider configured)
      </span>
    );
  }
  return (
    <span className="provider" data-testid="provider-label" data-offline="false" title={`${c.provider} · ${c.model}`}>
      {c.label || `${c.provider} · ${c.model}`}
    </span>
  );
}
