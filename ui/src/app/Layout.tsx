import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { useAppConfig } from '../shared/api/config';
import { Loading } from '../shared/components/EmptyState';
import { ToastProvider } from '../shared/toast/toast';
import { AccountMenu } from './AccountMenu';
import { MainNav, PhoneMenu, SettingsMenu } from './MainNav';

export function Layout() {
  return (
    <ToastProvider>
      <div className="app">
        <header className="header">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            personaflow
          </Link>
          <MainNav />
          <ProviderLabel />
          <SettingsMenu />
          <AccountMenu />
          <PhoneMenu />
        </header>
        <main className="main">
          <RouteOutlet />
        </main>
      </div>
    </ToastProvider>
  );
}

/** The page of the current route: pages are loaded on first visit (see router.tsx), with a loading note meanwhile. */
export function RouteOutlet() {
  return (
    <Suspense
      fallback={
        <div className="route-loading">
          <Loading label="Loading…" />
        </div>
      }
    >
      <Outlet />
    </Suspense>
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
        Offline generator<span className="provider__more"> (rule-based, no AI provider configured)</span>
      </span>
    );
  }
  return (
    <span className="provider" data-testid="provider-label" data-offline="false" title={`${c.provider} · ${c.model}`}>
      {c.label || `${c.provider} · ${c.model}`}
    </span>
  );
}
