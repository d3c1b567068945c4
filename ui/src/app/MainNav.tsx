import { NavLink } from 'react-router';
import { useMe } from '../shared/session/session';
import { HeaderMenu } from './HeaderMenu';
import { NAV_GROUPS, SETTINGS_ITEMS, useCurrentNavItem, type NavItem } from './navigation';
import { useHeaderMenu } from './use-menu-dismiss';

/** The settings a person may open: team pages in team mode only, owner pages for owners. */
function useSettingsItems(): NavItem[] {
  const me = useMe();
  return SETTINGS_ITEMS.filter((s) => (!s.team || me.data?.mode === 'team') && (!s.owner || me.data?.workspace?.role === 'owner'));
}

/** Wide screens: the groups in one line, a group of several pages as a dropdown. */
export function MainNav() {
  const current = useCurrentNavItem();
  return (
    <nav className="nav" aria-label="Main">
      {NAV_GROUPS.map((group) =>
        group.items.length > 1 ? (
          <HeaderMenu key={group.label} label={group.label} testId={group.testId} items={group.items} />
        ) : (
          <NavLink
            key={group.label}
            to={group.items[0]!.to}
            className={() => `nav__link${current === group.items[0] ? ' active' : ''}`}
            data-testid={group.items[0]!.testId}
            title={group.items[0]!.hint}
          >
            {group.label}
          </NavLink>
        ),
      )}
    </nav>
  );
}

export function SettingsMenu() {
  const items = useSettingsItems();
  return <HeaderMenu label="Settings" testId="nav-settings" items={items} icon={<GearIcon />} align="right" pill />;
}

/** Phones: one "Menu" button; every group and setting in a sheet under the header. */
export function PhoneMenu() {
  const settings = useSettingsItems();
  const { ref, open, close, toggle } = useHeaderMenu<HTMLDivElement>('.phone-menu__toggle');
  const current = useCurrentNavItem();
  const groups = [...NAV_GROUPS, { label: 'Settings', testId: 'phone-settings', items: settings }];

  return (
    <div className="phone-menu" ref={ref}>
      <button type="button" className="nav__link phone-menu__toggle" aria-expanded={open} aria-controls="phone-menu" data-testid="phone-menu" onClick={toggle}>
        <span className="phone-menu__bars" aria-hidden="true" />
        Menu
      </button>
      <nav id="phone-menu" className="phone-menu__sheet" aria-label="Main" hidden={!open}>
        {groups.map((group) => (
          <section key={group.label} className="phone-menu__group">
            <h2 className="phone-menu__heading">{group.label}</h2>
            {group.items.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end
                className={() => `phone-menu__item${item === current ? ' active' : ''}`}
                aria-current={item === current ? 'page' : undefined}
                onClick={close}
              >
                {item.label}
                <span className="settings__hint">{item.hint}</span>
              </NavLink>
            ))}
          </section>
        ))}
      </nav>
    </div>
  );
}

function GearIcon() {
  return (
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
  );
}
