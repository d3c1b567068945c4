import { Link, useNavigate } from 'react-router';
import { paths } from '../shared/paths';
import { useHeaderMenu } from './use-menu-dismiss';
import { useMe, useSignOut, useSwitchWorkspace } from '../shared/session/session';

/**
 * Team mode: the signed-in person's name and workspace, with a menu to switch workspace, create
 * one, or sign out. Local mode shows nothing (one user, no sign-in).
 */
export function AccountMenu() {
  const me = useMe();
  const navigate = useNavigate();
  const switchTo = useSwitchWorkspace();
  const signOut = useSignOut();
  const { ref, open, close, toggle } = useHeaderMenu<HTMLDivElement>('.account__toggle');

  if (me.data?.mode !== 'team') return null;
  const { user, workspace, workspaces } = me.data;

  return (
    <div className="account" ref={ref}>
      <button
        type="button"
        className="nav__link nav__link--small account__toggle"
        aria-expanded={open}
        aria-controls="account-menu"
        data-testid="account-menu"
        title={workspace ? `${user.name} · ${workspace.name}` : user.name}
        onClick={toggle}
      >
        <span className="account__avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="account__names">
          <span className="account__name" data-testid="account-name">
            {user.name}
          </span>
          {workspace ? (
            <span className="account__workspace" data-testid="account-workspace">
              {workspace.name}
            </span>
          ) : null}
        </span>
        <span className="settings__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id="account-menu" className="settings__menu account__menu" hidden={!open}>
        <div className="account__who">
          <span className="settings__label">{user.name}</span>
          <span className="settings__hint">{user.email}</span>
        </div>
        <p className="account__heading">Workspaces</p>
        <ul className="account__workspaces" data-testid="workspace-list" aria-label="Workspaces">
          {workspaces.map((w) => {
            const current = w.id === workspace?.id;
            return (
              <li key={w.id}>
                <button
                  type="button"
                  className={`settings__item account__ws${current ? ' active' : ''}`}
                  aria-current={current || undefined}
                  data-testid="workspace-option"
                  data-current={current || undefined}
                  disabled={switchTo.isPending}
                  onClick={() => {
                    if (current) return close();
                    // Everything reloads in the other workspace; the page you were on may not exist there.
                    switchTo.mutate(w.id, { onSuccess: () => navigate('/', { replace: true }) });
                  }}
                >
                  <span className="account__check" aria-hidden="true">
                    {current ? '✓' : ''}
                  </span>
                  <span className="account__wsname">
                    <span className="settings__label">{w.name}</span>
                    <span className="settings__hint">{w.role === 'owner' ? 'Owner' : 'Member'}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {switchTo.isError ? <p className="field__error account__error">{switchTo.error.message}</p> : null}
        <Link to={paths.newWorkspace} className="settings__item" data-testid="workspace-new" onClick={close}>
          <span className="settings__label">Create workspace</span>
        </Link>
        <hr className="account__sep" />
        <button
          type="button"
          className="settings__item account__signout"
          data-testid="sign-out"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate(paths.signIn, { replace: true }) })}
        >
          <span className="settings__label">Sign out</span>
        </button>
      </div>
    </div>
  );
}

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}
