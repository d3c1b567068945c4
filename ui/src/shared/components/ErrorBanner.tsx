import type { ReactNode } from 'react';

type Props = {
  title?: string;
  message: ReactNode;
  /** Buttons such as Retry or Reload. */
  actions?: ReactNode;
  onDismiss?: () => void;
  tone?: 'error' | 'warning' | 'info' | 'success';
  testId?: string;
};

export function ErrorBanner({ title, message, actions, onDismiss, tone = 'error', testId }: Props) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      <div className="banner__body">
        {title ? <strong className="banner__title">{title}</strong> : null}
        <span className="banner__message">{message}</span>
      </div>
      {actions ? <div className="banner__actions">{actions}</div> : null}
      {onDismiss ? (
        <button type="button" className="banner__close" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      ) : null}
    </div>
  );
}
