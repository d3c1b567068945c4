// Toasts: a short note when background work finishes (a lead's persona is ready, a campaign run
// is done) — read out politely by screen readers, gone by itself after a while or with ×.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';

export type Toast = { id: number; text: string; link?: { to: string; label: string } };
type ToastApi = { show(toast: Omit<Toast, 'id'>): void };

const ToastContext = createContext<ToastApi>({ show: () => {} });
const SHOWN_MS = 8000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const api = useMemo<ToastApi>(
    () => ({
      show: (toast) => {
        const id = next.current++;
        setToasts((all) => [...all.slice(-2), { ...toast, id }]);
      },
    }),
    [],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
        {toasts.map((t) => (
          <ToastNote key={t.id} toast={t} onDismiss={() => dismiss(t.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastNote({ toast, onDismiss }: { toast: Toast; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [onDismiss]);
  return (
    <div className="toast" data-testid="toast">
      <span className="toast__text">{toast.text}</span>
      {toast.link ? (
        <Link to={toast.link.to} className="toast__link" onClick={onDismiss}>
          {toast.link.label}
        </Link>
      ) : null}
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

export const useToast = () => useContext(ToastContext);

/**
 * Shows a toast when a watched value changes from `from` to `to` while the page is open (not
 * for what was already finished when it loaded).
 */
export function useToastOnChange<T>(value: T | undefined, from: (v: T) => boolean, to: (v: T) => boolean, toast: (v: T) => Omit<Toast, 'id'>) {
  const { show } = useToast();
  const previous = useRef<T | undefined>(undefined);
  // The tests and the message are read as they are now; only a new value is a change.
  const rules = useRef({ from, to, toast });
  useLayoutEffect(() => {
    rules.current = { from, to, toast };
  });
  useEffect(() => {
    const before = previous.current;
    previous.current = value;
    const r = rules.current;
    if (before !== undefined && value !== undefined && r.from(before) && r.to(value)) show(r.toast(value));
  }, [value, show]);
}
