import { Suspense, useCallback, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useAppConfig } from '../shared/api/config';
import { Loading } from '../shared/components/EmptyState';
import { paths } from '../shared/paths';
import { useMenuDismiss } from './use-menu-dismiss';
import { useMe } from '../shared/session/session';
import { AccountMenu } from './AccountMenu';

export function Layout() {
  return (
    <div className="app">
      <header className="header">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          personaflow
        </Link>
        <nav className="nav" aria-label="Main">
          <NavLink to={paths.wizard} className="nav__link">
            Wizard
          </NavLink>
          <NavLink to={paths.personas} className="nav__link">
            Library
          </NavLink>
          <NavLink to={paths.buyingProcessMaps} className="nav__link">
            Buying process
          </NavLink>
          <NavLink to={paths.products} className="nav__link">
            Products
          </NavLink>
          <NavLink to={paths.contacts} className="nav__link">
            Contacts
          </NavLink>
          <NavLink to={paths.leads} className="nav__link">
            Leads
          </NavLink>
          <NavLink to={paths.campaigns} className="nav__link">
            Campaigns
          </NavLink>
          <NavLink to={paths.outbox} className="nav__link">
            Outbox
          </NavLink>
        </nav>
        <ProviderLabel />
        <SettingsMenu />
        <AccountMenu />
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

type SettingsItem = { to: string; label: string; hint: string; testId: string; team?: true; owner?: true };
const SETTINGS: SettingsItem[] = [
  { to: paths.companySettings, label: 'Company', hint: 'Your company profile', testId: 'nav-company' },
  { to: paths.modelSettings, label: 'Model provider', hint: 'Which AI model answers', testId: 'nav-provider' },
  { to: paths.usage, label: 'Usage', hint: 'Model calls and estimated cost', testId: 'nav-usage' },
  { to: paths.teamSettings, label: 'Team', hint: 'Members and invitations', testId: 'nav-team', team: true },
  { to: paths.tokenSettings, label: 'API tokens', hint: 'For scripts and the Genkit client', testId: 'nav-tokens', team: true },
  { to: paths.activity, label: 'Activity', hint: 'Who did what in this workspace', testId: 'nav-activity', owner: true },
  { to: paths.dataSettings, label: 'Your data', hint: 'Export every record of this workspace', testId: 'nav-data', owner: true },
];

/**
 * A small "Settings" menu: company, model provider, usage; in team mode also the team and API
 * tokens, and for owners the activity log. Closes on navigation, Escape or a click outside.
 */
function SettingsMenu() {
  const { pathname } = useLocation();
  const me = useMe();
  const items = SETTINGS.filter((s) => (!s.team || me.data?.mode === 'team') && (!s.owner || me.data?.workspace?.role === 'owner'));
  // Open on the page it was opened on: navigating anywhere closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = useCallback(
    (value: boolean | ((o: boolean) => boolean)) => setOpenOn((prev) => ((typeof value === 'function' ? value(prev === pathname) : value) ? pathname : null)),
    [pathname],
  );
  const ref = useRef<HTMLDivElement>(null);
  const current = items.some((s) => pathname.startsWith(s.to));

  const close = useCallback(() => setOpen(false), [setOpen]);
  useMenuDismiss(ref, open, close, '.settings__toggle');

  return (
    <div className="settings" ref={ref}>
      <button
        type="button"
        className={`nav__link nav__link--small settings__toggle${current ? ' active' : ''}`}
        aria-expanded={open}
        aria-controls="settings-menu"
        data-testid="nav-settings"
        onClick={() => setOpen((o) => !o)}
      >
        <svg
          width="14"
          height="14"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
        >
          <circle cx="12" cy="12" r="3" />
          <path d="M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.65 1.65 0 0 0 4.68 15a1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.65 1.65 0 0 0 9 4.68a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.65 1.65 0 0 0 19.4 9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z" />
        </svg>
        Settings
        <span className="settings__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <nav id="settings-menu" className="settings__menu" aria-label="Settings" hidden={!open}>
        {items.map((s) => (
          <NavLink key={s.to} to={s.to} className="settings__item" data-testid={s.testId} onClick={() => setOpen(false)}>
            <span className="settings__label">{s.label}</span>
            <span className="settings__hint">{s.hint}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
