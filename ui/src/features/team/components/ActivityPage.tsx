import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime, formatRelative } from '../../../shared/format';
import { useMe } from '../../../shared/session/session';
import { useAudit, type AuditEvent } from '../api/team';

/** /settings/activity — the workspace's audit log (owners): who did what, newest first. */
export function ActivityPage() {
  const me = useMe();
  const isOwner = me.data?.workspace?.role === 'owner';
  return (
    <div className="page page--narrow has-code" data-testid="activity-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Activity</h1>
          <p className="muted">
            Who did what in this workspace: campaign approvals and sends, deletions, suppressions, members and invitations, roles, API tokens, the model
            provider. Newest first.
          </p>
        </div>
      </div>
      {me.isPending ? <Loading /> : isOwner ? <ActivityLog /> : <EmptyState title="Only owners see the activity log">{null}</EmptyState>}
    </div>
  );
}

const ACTOR_KIND: Record<string, string> = { token: 'API token', system: 'personaflow' };

function ActivityLog() {
  const audit = useAudit();
  if (audit.isPending) return <Loading label="Loading activity…" />;
  if (audit.isError)
    return (
      <ErrorBanner
        title="Could not load the activity."
        message={audit.error.message}
        actions={<Button onClick={() => void audit.refetch()}>Try again</Button>}
      />
    );
  const events = audit.data.pages.flat();
  if (events.length === 0)
    return (
      <EmptyState title="Nothing yet">
        <p>Invitations, role changes, API tokens and model provider switches show up here.</p>
      </EmptyState>
    );
  return (
    <section className="panel">
      <ol className="activity" data-testid="activity-list">
        {events.map((e) => (
          <ActivityRow key={e.id} event={e} />
        ))}
      </ol>
      {audit.hasNextPage ? (
        <div className="activity__more">
          <Button onClick={() => void audit.fetchNextPage()} busy={audit.isFetchingNextPage} data-testid="activity-older">
            Load older
          </Button>
        </div>
      ) : (
        <p className="muted small activity__end">That is everything.</p>
      )}
    </section>
  );
}

function ActivityRow({ event }: { event: AuditEvent }) {
  const kind = ACTOR_KIND[event.actor.kind];
  return (
    <li className="activity__row" data-testid="activity-row" data-action={event.action}>
      <time className="activity__when muted small" dateTime={event.at} title={formatDateTime(event.at)}>
        {formatRelative(event.at)}
      </time>
      <div className="activity__what">
        <span className="activity__summary">{event.summary}</span>
        <span className="muted small">
          {event.actor.name}
          {kind ? ` (${kind})` : ''} · <code>{event.action}</code>
        </span>
      </div>
    </li>
  );
}
