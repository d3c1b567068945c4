import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { paths } from '../../../shared/paths';
import { useMe } from '../../../shared/session/session';

/** /settings/data — the workspace's records, all of them, as one JSON file (owners). */
export function DataPage() {
  const me = useMe();
  const isOwner = me.data?.workspace?.role === 'owner';
  return (
    <div className="page page--narrow" data-testid="data-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Your data</h1>
          <p className="muted">
            Download every record of {me.data?.workspace ? `“${me.data.workspace.name}”` : 'this workspace'} as one JSON file: personas and their versions,
            buying-process maps, products, company profile, contacts and briefs, leads, campaigns, runs, the email log and suppressions, usage and the activity
            log. API token secrets are never in it.
          </p>
        </div>
      </div>
      {me.isPending ? (
        <Loading />
      ) : isOwner ? (
        <p>
          {/* A plain link: the browser downloads the file itself, signed in with its own cookie. */}
          <a className="btn btn--primary" href={paths.workspaceExport} download data-testid="workspace-export">
            Download the workspace (JSON)
          </a>
        </p>
      ) : (
        <EmptyState title="Only owners export the workspace">{null}</EmptyState>
      )}
    </div>
  );
}
