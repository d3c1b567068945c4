import { useState } from 'react';
import { prettyJson } from '../json';

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

const humanKey = (key: string) => key.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');

/**
 * A JSON record (e.g. an Apollo-style enrichment) as a readable key/value tree. Empty values are
 * left out (such records are mostly nulls) and counted; the raw JSON is one click away.
 */
export function JsonTree({ value, testId }: { value: Record<string, unknown>; testId?: string }) {
  const [raw, setRaw] = useState(false);
  return (
    <div className="json" data-testid={testId}>
      {raw ? <pre className="pasted pasted--json">{prettyJson(value)}</pre> : <Node value={value} depth={0} />}
      <button type="button" className="linkish small" onClick={() => setRaw((r) => !r)} aria-pressed={raw}>
        {raw ? 'Show as a list' : 'Show raw JSON'}
      </button>
    </div>
  );
}

function Node({ value, depth }: { value: unknown; depth: number }) {
  if (Array.isArray(value)) {
    const items = value.filter((v) => !isEmpty(v));
    if (items.every((v) => typeof v !== 'object')) return <span>{items.map(String).join(', ')}</span>;
    return (
      <ol className="json__list">
        {items.map((item, i) => (
          <li key={i}>
            <Node value={item} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const shown = entries.filter(([, v]) => !isEmpty(v));
    const hidden = entries.length - shown.length;
    if (depth > 4) return <code className="json__code">{JSON.stringify(value)}</code>;
    return (
      <>
        <dl className={`json__obj${depth ? ' json__obj--nested' : ''}`}>
          {shown.map(([k, v]) => (
            <div key={k} className="json__row">
              <dt title={k}>{humanKey(k)}</dt>
              <dd>
                <Node value={v} depth={depth + 1} />
              </dd>
            </div>
          ))}
        </dl>
        {hidden ? (
          <p className="muted small">
            {hidden} empty field{hidden === 1 ? '' : 's'} not shown.
          </p>
        ) : null}
      </>
    );
  }
  if (typeof value === 'string' && /^https?:\/\/\S+$/.test(value)) {
    return (
      <a href={value} target="_blank" rel="noreferrer noopener">
        {value}
      </a>
    );
  }
  return <span>{String(value)}</span>;
}
