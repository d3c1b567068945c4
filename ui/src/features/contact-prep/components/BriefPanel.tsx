import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../../../shared/api/errors';
import { products, sortProducts } from '../../../shared/catalog/products';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime, formatRelative } from '../../../shared/format';
import { useBriefHistory, useRestoreBrief, type ContactAnalysis, type PrepAction, type TurnOutput } from '../api/contact-prep';
import { BriefView } from './BriefView';
import { paths } from '../../../shared/paths';

type Props = {
  contactId: string;
  output: TurnOutput;
  busy: boolean;
  saving: boolean;
  running: PrepAction | null;
  /** The last failed product change or regeneration (the brief shown stays as it was). */
  error: ApiError | null;
  onDismissError: () => void;
  onProduct: (productId: string | null) => void;
  onRegenerate: () => Promise<boolean>;
};

/** The right panel: product, version and Regenerate on top, the brief (current or an earlier version) below. */
export function BriefPanel({ contactId, output, busy, saving, running, error, onDismissError, onProduct, onRegenerate }: Props) {
  const { state } = output;
  const current = state.analysis;
  const history = useBriefHistory(contactId);
  const restore = useRestoreBrief(contactId, output.sessionId);
  const [restored, setRestored] = useState<{ from: number; to: number } | null>(null);
  const productList = products.useList();
  const items = sortProducts(productList.data);
  const [viewing, setViewing] = useState<number | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  // A new current version replaces whatever older one was open (adjusted during render, not in an effect).
  const [seenCurrentId, setSeenCurrentId] = useState(current?.id);
  if (current?.id !== seenCurrentId) {
    setSeenCurrentId(current?.id);
    setViewing(null);
  }
  // (In braces: scrollTo returns a promise in recent Chromium, which an effect must not return.)
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 });
  }, [viewing, current?.id]);

  const versions = mergeVersions(history.data, current);
  const shown = viewing !== null && viewing !== current?.version ? (versions.find((v) => v.version === viewing) ?? current) : current;
  const isOld = Boolean(shown && current && shown.id !== current.id);

  const productName = (id: string | null) =>
    id === null ? null : (items.find((p) => p.id === id)?.name ?? (productList.isPending ? '…' : 'a product no longer in your list'));
  const productChanged = current !== null && state.productId !== current.productId;
  const generating = running === 'generate';

  return (
    <section className="panel brief" aria-label="Meeting brief" aria-busy={generating}>
      <div className="panel__head">
        <h2 className="panel__title">Meeting brief</h2>
        <span className="panel__hint" aria-live="polite">
          {saving ? 'Saving the product…' : shown ? <>Written {formatRelative(shown.createdAt)}</> : null}
        </span>
        {/* Narrow screens: the chat sits below the brief. */}
        <button
          type="button"
          className="linkish small brief__to-chat"
          onClick={() => document.getElementById('prep-chat')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
        >
          Ask a follow-up question ↓
        </button>
      </div>

      <div className="brief__controls">
        <div className="field brief__control">
          <label className="field__label" htmlFor="prep-product">
            Product to pitch
          </label>
          <select
            id="prep-product"
            className="input"
            data-testid="prep-product-select"
            value={state.productId ?? ''}
            disabled={busy || productList.isPending}
            onChange={(e) => onProduct(e.target.value || null)}
          >
            <option value="">{productList.isPending ? 'Loading products…' : 'No product'}</option>
            {state.productId && productList.data && !items.some((p) => p.id === state.productId) ? (
              <option value={state.productId}>(a product no longer in your list)</option>
            ) : null}
            {items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {productList.data && items.length === 0 ? (
            <span className="field__hint">
              No products yet. <Link to={paths.newProduct}>Add one</Link> to tailor the brief to it.
            </span>
          ) : null}
        </div>

        <div className="field brief__control" data-testid="prep-history" data-count={versions.length}>
          <label className="field__label" htmlFor="prep-version">
            Version
          </label>
          {versions.length > 1 ? (
            <select
              id="prep-version"
              className="input"
              data-testid="prep-version-select"
              value={shown?.version ?? ''}
              onChange={(e) => setViewing(Number(e.target.value))}
            >
              {versions.map((v) => (
                <option key={v.id} value={v.version}>
                  {versionLabel(v, current, productName(v.productId))}
                </option>
              ))}
            </select>
          ) : (
            <span className="brief__only" id="prep-version">
              {current ? `Version ${current.version} · the only one so far` : 'No brief yet'}
            </span>
          )}
        </div>

        <div className="brief__control brief__control--button">
          <Button
            variant={current ? 'secondary' : 'primary'}
            data-testid="prep-regenerate"
            busy={generating}
            disabled={busy}
            onClick={() => void onRegenerate()}
            title="Write a new version from their current data (earlier versions are kept)"
          >
            {generating ? 'Writing…' : current ? '↻ Regenerate' : 'Write the brief'}
          </Button>
        </div>
      </div>

      {productChanged && !generating ? (
        <div className="callout brief__product-note" data-testid="prep-product-changed">
          <span>
            This brief was written{' '}
            {current?.productId ? (
              <>
                for <strong>{productName(current.productId)}</strong>
              </>
            ) : (
              'without a product'
            )}
            .{' '}
            {state.productId ? (
              <>
                Regenerate it to pitch <strong>{productName(state.productId)}</strong>?
              </>
            ) : (
              'Regenerate it without a product?'
            )}
          </span>
          <div className="callout__actions">
            <Button variant="primary" size="sm" disabled={busy} onClick={() => void onRegenerate()} data-testid="prep-regenerate-product">
              Regenerate with this product
            </Button>
          </div>
        </div>
      ) : null}

      {generating ? (
        <ErrorBanner tone="info" message="Writing a new version of the brief… the current one stays until it is ready." testId="prep-generating" />
      ) : null}
      {error ? (
        <ErrorBanner
          title={error.status >= 500 ? 'The brief could not be written.' : undefined}
          message={error.status >= 500 && current ? `${error.message} The previous brief is kept below.` : error.message}
          onDismiss={onDismissError}
          testId="prep-error"
        />
      ) : null}
      {isOld && shown && current ? (
        <ErrorBanner
          tone="warning"
          message={`Version ${shown.version}, written ${formatDateTime(shown.createdAt)}: read-only. The chat answers from the current version (${current.version}). Restoring makes it the current brief again, as version ${Math.max(...versions.map((v) => v.version)) + 1}; nothing is lost.`}
          testId="prep-old-version"
          actions={
            <>
              <Button
                size="sm"
                variant="primary"
                busy={restore.isPending}
                disabled={busy}
                onClick={() =>
                  restore.mutate(shown.version, {
                    onSuccess: (r) => {
                      setViewing(null);
                      setRestored({ from: shown.version, to: r.analysis.version });
                    },
                  })
                }
                data-testid="prep-restore-version"
              >
                Restore this version
              </Button>
              <Button size="sm" onClick={() => setViewing(null)} data-testid="prep-back-to-current">
                Back to current
              </Button>
            </>
          }
        />
      ) : null}
      {restore.error ? <ErrorBanner title="Not restored." message={restore.error.message} onDismiss={() => restore.reset()} /> : null}
      {restored && !isOld ? (
        <ErrorBanner
          tone="success"
          testId="prep-restored"
          message={`Restored version ${restored.from} as version ${restored.to}: the chat now answers from it.`}
          onDismiss={() => setRestored(null)}
        />
      ) : null}

      <div className={`brief__body${generating ? ' brief__body--stale' : ''}`} ref={bodyRef}>
        {shown ? (
          <BriefView analysis={shown} current={!isOld} productName={productName(shown.productId)} />
        ) : (
          <div className="builder__placeholder">
            <p>No brief yet. Write one to see who they are, how to speak with them and what to ask.</p>
          </div>
        )}
      </div>
    </section>
  );
}

/** History from the server plus the session's current brief (which may be newer than the last fetch). */
function mergeVersions(history: ContactAnalysis[] | undefined, current: ContactAnalysis | null): ContactAnalysis[] {
  const list = [...(history ?? [])];
  if (current && !list.some((v) => v.id === current.id)) list.push(current);
  return list.sort((a, b) => b.version - a.version);
}

function versionLabel(v: ContactAnalysis, current: ContactAnalysis | null, product: string | null) {
  const parts = [`v${v.version}${current?.id === v.id ? ' (current)' : ''}`, formatRelative(v.createdAt)];
  if (v.restoredFrom) parts.push(`restored from v${v.restoredFrom}`);
  if (product) parts.push(product);
  return parts.join(' · ');
}

/** While the first brief is written. */
export function BriefPlaceholder({ name }: { name: string | undefined }) {
  return (
    <div className="brief__loading" role="status" data-testid="prep-loading">
      <p className="brief__loading-title">
        <span className="spinner" aria-hidden="true" />
        Writing the brief{name ? ` for ${name}` : ''}…
      </p>
      <p className="muted small">Reading what you saved about them, matching your personas and buying-process maps.</p>
      <div className="skeleton" aria-hidden="true">
        <span style={{ width: '40%' }} />
        <span style={{ width: '92%' }} />
        <span style={{ width: '85%' }} />
        <span style={{ width: '30%', marginTop: 12 }} />
        <span style={{ width: '75%' }} />
        <span style={{ width: '68%' }} />
      </div>
    </div>
  );
}
