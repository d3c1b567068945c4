import { useId, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useCurrentNavItem, type NavItem } from './navigation';
import { useHeaderMenu } from './use-menu-dismiss';

/**
 * A header dropdown of links (a navigation group, or Settings): opens on click or Enter, closes on
 * navigation, Escape or a click outside, and shows as current when the page is one of its links.
 */
export function HeaderMenu(props: { label: string; testId: string; items: NavItem[]; icon?: ReactNode; align?: 'left' | 'right'; pill?: boolean }) {
  const { ref, open, close, toggle } = useHeaderMenu<HTMLDivElement>('.header-menu__toggle');
  const menuId = useId();
  const current = useCurrentNavItem();
  const isCurrent = current !== undefined && props.items.includes(current);

  return (
    <div className="header-menu" ref={ref}>
      <button
        type="button"
        className={`nav__link${props.pill ? ' nav__link--small' : ''} header-menu__toggle${isCurrent ? ' active' : ''}`}
        aria-expanded={open}
        aria-controls={menuId}
        data-testid={props.testId}
        onClick={toggle}
      >
        {props.icon}
        {props.label}
        <span className="settings__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <nav id={menuId} className={`settings__menu header-menu__menu header-menu__menu--${props.align ?? 'left'}`} aria-label={props.label} hidden={!open}>
        {props.items.map((item) => (
          <NavLink
            key={item.to}
            to={item.to}
            end
            className={() => `settings__item${item === current ? ' active' : ''}`}
            aria-current={item === current ? 'page' : undefined}
            data-testid={item.testId}
            onClick={close}
          >
            <span className="settings__label">{item.label}</span>
            <span className="settings__hint">{item.hint}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
