import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { paths } from '../../../shared/paths';
import { useCreateWorkspace, useMe, useSignOut } from '../../../shared/session/session';
import { AuthCard } from './AuthCard';

function CreateWorkspaceForm() {
  const navigate = useNavigate();
  const create = useCreateWorkspace();
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const error = tried && !name.trim() ? 'A name is required' : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!name.trim()) return;
    // The server makes you its owner and switches you to it; everything reloads in it.
    create.mutate(name.trim(), { onSuccess: () => navigate('/', { replace: true }) });
  }

  return (
    <form className="auth__form" onSubmit={submit} noValidate>
      {create.isError ? <ErrorBanner testId="workspace-create-error" message={create.error.message} /> : null}
      <TextField
        id="workspace-name"
        testId="workspace-name"
        label="Workspace name"
        value={name}
        onChange={setName}
        error={error}
        placeholder="e.g. Acme sales"
        hint="You will be its owner: you invite people and manage its API tokens."
      />
      <Button type="submit" variant="primary" busy={create.isPending} data-testid="workspace-create">
        Create workspace
      </Button>
    </form>
  );
}

/** Signed in, but in no workspace (left the last one, or removed): say so, offer a new one. */
export function NoWorkspacePage() {
  const me = useMe();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const name = me.data?.mode === 'team' ? me.data.user.name : '';
  return (
    <AuthCard
      title="You are not in a workspace"
      testId="no-workspace-page"
      intro={
        <>
          <p>
            {name ? `${name}, you` : 'You'} are signed in but not a member of any workspace yet. Open an invitation link a workspace owner sent you, or start
            your own workspace.
          </p>
        </>
      }
      footer={
        <Button
          variant="ghost"
          size="sm"
          busy={signOut.isPending}
          onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate(paths.signIn, { replace: true }) })}
        >
          Sign out
        </Button>
      }
    >
      <CreateWorkspaceForm />
    </AuthCard>
  );
}

/** /workspaces/new — another workspace (from the account menu). */
export function NewWorkspacePage() {
  return (
    <div className="page page--narrow" data-testid="new-workspace-page">
      <p className="crumbs">
        <Link to="/">← Back</Link>
      </p>
      <div className="page__head">
        <div>
          <h1 className="page-title">New workspace</h1>
          <p className="muted">
            A workspace has its own personas, products, contacts, leads and campaigns. You can switch between yours from the menu with your name.
          </p>
        </div>
      </div>
      <div className="panel">
        <CreateWorkspaceForm />
      </div>
    </div>
  );
}
