import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useLocation } from 'react-router';

/**
 * A header menu closes on a pointer press outside it and on Escape (which returns focus to its
 * toggle, found by `toggleSelector` inside the menu).
 */
export function useMenuDismiss(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void, toggleSelector: string): void {
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        close();
        ref.current?.querySelector<HTMLButtonElement>(toggleSelector)?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [ref, open, close, toggleSelector]);
}

/**
 * A header menu's open state: open on the page it was opened on, so navigating anywhere closes it;
 * closed too by a press outside `ref`'s element or Escape (see useMenuDismiss).
 */
export function useHeaderMenu<T extends HTMLElement>(toggleSelector: string) {
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const ref = useRef<T>(null);
  const close = useCallback(() => setOpenOn(null), []);
  useMenuDismiss(ref, open, close, toggleSelector);
  return { ref, open, close, toggle: () => setOpenOn(open ? null : pathname) };
}
