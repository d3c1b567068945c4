import ReactMarkdown from 'react-markdown';

/** Model-written Markdown, rendered without raw HTML (react-markdown drops it by default). */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="markdown" data-testid={testId}>
      <ReactMarkdown
        components={{
          // Links open elsewhere and carry no referrer: the text came from a model.
          a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
