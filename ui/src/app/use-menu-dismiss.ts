import { useEffect, type RefObject } from 'react';

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
