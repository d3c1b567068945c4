import { lazy, Suspense } from 'react';

// react-markdown and its parser are loaded only when a summary is shown.
const Markdown = lazy(() => import('./Markdown').then((m) => ({ default: m.Markdown })));

export function LazyMarkdown({ text, testId }: { text: string; testId?: string }) {
  return (
    <Suspense
      fallback={
        <div className="markdown markdown--plain" data-testid={testId}>
          {text}
        </div>
      }
    >
      <Markdown text={text} {...(testId ? { testId } : {})} />
    </Suspense>
  );
}
