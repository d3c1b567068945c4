import { Suspense, useState, type ComponentType } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { DetailTabs, type DetailTab } from './DetailTabs';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { formatDateTime } from '../../../shared/format';
import { exportUrl, useDeletePersona, usePersona, useRestorePersona } from '../api/personas';
import { PersonaEditor } from './PersonaEditor';
import { PersonaView } from './PersonaView';
import { ProductFitsSection } from './ProductFitsSection';
import { VersionHistory } from './VersionHistory';
import { paths } from '../../../shared/paths';
import type { PersonaVersion } from '@schemas/persona.js';
import { OutputFeedback } from '../../../shared/feedback/OutputFeedback';

/**
 * /personas/:id — read, edit, export, delete, and the version history; ?tab=analytics shows the
 * Analytics tab, which the router hands in (features do not import each other).
 */
export function DetailPage({ analyticsTab: AnalyticsTab }: { analyticsTab?: ComponentType<{ personaId: string }> }) {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: DetailTab = AnalyticsTab && params.get('tab') === 'analytics' ? 'analytics' : 'persona';
  const selectTab = (next: DetailTab) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next === 'analytics') q.set('tab', 'analytics');
        else for (const key of ['tab', 'days']) q.delete(key);
        return q;
      },
      { replace: true },
    );
  const navigate = useNavigate();
  const detail = usePersona(id);
  const remove = useDeletePersona();
  const restore = useRestorePersona(id);
  const [restored, setRestored] = useState<{ from: number; to: number } | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  // What the builder says after a save (e.g. "Saved. It fits one product.").
  const location = useLocation();
  const [arrival, setArrival] = useState(location.state as { notice?: string; tone?: 'success' | 'warning' } | null);

  if (detail.isPending) return <Loading label="Loading persona…" />;
  if (detail.isError) {
    return (
      <LoadFailure error={detail.error} what="persona" back={{ to: paths.personas, label: 'Back to the library' }} onRetry={() => void detail.refetch()} />
    );
  }

  const { persona, versions } = detail.data;
  const { data } = persona;
  return (
    <div className="page detail">
      <p className="crumbs">
        <Link to={paths.personas}>← Library</Link>
      </p>
      <div className="page__head">
        <div>
          <h1 className="page-title">{data.personName}</h1>
          <p className="muted">
            {[data.title, data.industry, data.companySize].filter(Boolean).join(' · ')}
            <br />
            Version {persona.version} · updated {formatDateTime(persona.updatedAt)}
          </p>
        </div>
        {!editing && tab === 'persona' ? (
          <div className="toolbar">
            <Button variant="primary" onClick={() => setEditing(true)} data-testid="persona-edit">
              Edit
            </Button>
            <Link to={paths.personaInBuilder(id)} className="btn btn--secondary" data-testid="persona-edit-builder">
              Edit in builder
            </Link>
            <a className="btn btn--secondary" href={exportUrl(id, 'md')} download data-testid="persona-export-md">
              Export Markdown
            </a>
            <a className="btn btn--secondary" href={exportUrl(id, 'json')} download data-testid="persona-export-json">
              Export JSON
            </a>
            <Button variant="danger" onClick={() => setConfirming(true)} data-testid="persona-delete">
              Delete
            </Button>
          </div>
        ) : null}
      </div>

      {arrival?.notice && !editing ? (
        <ErrorBanner tone={arrival.tone ?? 'success'} message={arrival.notice} onDismiss={() => setArrival(null)} testId="persona-notice" />
      ) : null}

      {saved && !editing ? <ErrorBanner tone="success" message={`Saved as version ${saved}.`} onDismiss={() => setSaved(null)} /> : null}
      {restored && !editing ? (
        <ErrorBanner
          tone="success"
          testId="persona-restored"
          message={`Restored version ${restored.from} as version ${restored.to}. The versions in between are still in the history.`}
          onDismiss={() => setRestored(null)}
        />
      ) : null}
      {restore.error ? (
        <ErrorBanner
          tone={restore.error.isConflict ? 'warning' : 'error'}
          title="Not restored."
          message={
            restore.error.isConflict
              ? 'This persona changed meanwhile: the page now shows the latest versions. Restore again if you still want to.'
              : restore.error.message
          }
          onDismiss={() => restore.reset()}
        />
      ) : null}

      {AnalyticsTab && !editing ? <DetailTabs tab={tab} onSelect={selectTab} name={data.personName} /> : null}
      {AnalyticsTab && tab === 'analytics' ? (
        <div role="tabpanel" id="persona-panel-analytics" aria-labelledby="persona-tab-analytics">
          <Suspense fallback={<Loading label="Loading analytics…" />}>
            <AnalyticsTab personaId={id} />
          </Suspense>
        </div>
      ) : null}

      {!editing && tab === 'persona' ? <ProductFitsSection personaId={id} /> : null}

      {/* Stays mounted on the Analytics tab, so coming back finds it as it was. */}
      <div
        className="detail__body"
        hidden={tab !== 'persona'}
        id="persona-panel-persona"
        role={AnalyticsTab ? 'tabpanel' : undefined}
        aria-labelledby={AnalyticsTab && !editing ? 'persona-tab-persona' : undefined}
      >
        <div className="panel">
          {editing ? (
            <PersonaEditor
              id={id}
              data={data}
              version={persona.version}
              onSaved={(version) => {
                setEditing(false);
                setSaved(version);
              }}
              onCancel={() => setEditing(false)}
              onReloadLatest={() => detail.refetch()}
            />
          ) : (
            <>
              <PersonaView data={data} evidence={persona.evidence} fromWizard={createdBy(versions) === 'wizard'} />
              <OutputFeedback target={{ kind: 'persona', id }} question="Is this persona accurate and useful?" />
            </>
          )}
        </div>
        <VersionHistory
          versions={versions}
          restoring={restore.isPending ? (restore.variables?.version ?? null) : null}
          onRestore={
            editing
              ? undefined
              : (version) =>
                  restore.mutate(
                    { version, expectedVersion: persona.version },
                    {
                      onSuccess: (r) => {
                        setSaved(null);
                        setArrival(null);
                        setRestored({ from: version, to: r.persona.version });
                      },
                    },
                  )
          }
        />
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Delete “${data.personName}”?`}
        confirmLabel="Delete persona"
        confirmTestId="confirm-delete"
        busy={remove.isPending}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(id, {
            onSuccess: () => navigate(paths.personas, { replace: true, state: { notice: `Deleted “${data.personName}”.` } }),
          })
        }
      >
        <p>The persona and all its versions are deleted. This cannot be undone.</p>
        {remove.isError ? <p className="field__error">{remove.error.message}</p> : null}
      </ConfirmDialog>
    </div>
  );
}

/** How the persona was first made (its first version's source): its evidence speaks of that. */
function createdBy(versions: readonly PersonaVersion[]): PersonaVersion['source'] | undefined {
  return versions.reduce<PersonaVersion | undefined>((first, v) => (!first || v.version < first.version ? v : first), undefined)?.source;
}
