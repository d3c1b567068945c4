import { useState, type ReactNode } from 'react';

/** A collapsible section (<details>) that opens by itself when `openWhen` turns true (e.g. an error inside). */
export function Fold({
  summary,
  initiallyOpen = false,
  openWhen = false,
  className,
  testId,
  children,
}: {
  summary: ReactNode;
  initiallyOpen?: boolean;
  openWhen?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(initiallyOpen || openWhen);
  // Opens when openWhen turns true (adjusted during render, not in an effect).
  const [seenOpenWhen, setSeenOpenWhen] = useState(openWhen);
  if (openWhen !== seenOpenWhen) {
    setSeenOpenWhen(openWhen);
    if (openWhen) setOpen(true);
  }
  return (
    <details className={['fold', className ?? ''].join(' ').trim()} open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={testId}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
