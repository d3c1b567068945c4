import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDate } from '../../../shared/format';
import { paths, signInPath } from '../../../shared/paths';
import { useAcceptInvitation, useInvitation, useMe, useSignOut } from '../../../shared/session/session';
import { AuthCard } from './AuthCard';

const STATUS_TEXT = {
  accepted: 'This invitation has already been accepted.',
  canceled: 'This invitation was canceled. Ask the workspace owner for a new link.',
  expired: 'This invitation has expired. Ask the workspace owner for a new link.',
} as const;

/** /invite/:id — who invited you where; sign in or create an account, then Accept. */
export function InvitePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const invitation = useInvitation(id);
  const me = useMe();
  const accept = useAcceptInvitation();
  const signOut = useSignOut();
  const here = paths.invitation(id);

  if (invitation.isPending || me.isPending) return <Loading label="Loading the invitation…" />;
  if (invitation.isError) {
    return (
      <AuthCard title="Invitation" testId="invite-page">
        <ErrorBanner testId="invite-error" message={invitation.error.status === 400 ? 'Invitations exist in team mode only.' : invitation.error.message} />
      </AuthCard>
    );
  }
  const inv = invitation.data;
  const signedIn = me.data?.mode === 'team' && !me.error ? me.data.user : null;
  const sameEmail = signedIn ? signedIn.email.toLowerCase() === inv.email.toLowerCase() : false;
  const signUpLink = `${paths.signUp}?${new URLSearchParams({ invitation: inv.id, email: inv.email, returnTo: here })}`;

  return (
    <AuthCard title={`Join ${inv.workspaceName}`} testId="invite-page">
      <p className="auth__lead" data-testid="invite-summary">
        <strong>{inv.inviterName}</strong> invited you to <strong>{inv.workspaceName}</strong> as {inv.role === 'owner' ? 'an owner' : 'a member'}.
      </p>
      <p className="muted small">
        For {inv.email}
        {inv.status === 'pending' ? ` · valid until ${formatDate(inv.expiresAt)}` : ''}
      </p>
      {inv.status !== 'pending' ? (
        <ErrorBanner tone="warning" testId="invite-status" message={STATUS_TEXT[inv.status]} />
      ) : !signedIn ? (
        <div className="auth__choices">
          <Link to={signUpLink} className="btn btn--primary" data-testid="invite-sign-up">
            Create an account
          </Link>
          <Link to={signInPath(here, inv.email)} className="btn btn--secondary" data-testid="invite-sign-in">
            I have an account: sign in
          </Link>
        </div>
      ) : !sameEmail ? (
        <>
          <ErrorBanner
            tone="warning"
            testId="invite-wrong-account"
            message={`You are signed in as ${signedIn.email}. This invitation is for ${inv.email}: sign out, then open the link again.`}
          />
          <div className="auth__choices">
            <Button
              busy={signOut.isPending}
              onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate(here, { replace: true }) })}
              data-testid="invite-sign-out"
            >
              Sign out
            </Button>
          </div>
        </>
      ) : (
        <>
          {accept.isError ? <ErrorBanner testId="invite-accept-error" message={accept.error.message} /> : null}
          <p className="muted small">Signed in as {signedIn.name}.</p>
          <div className="auth__choices">
            <Button
              variant="primary"
              busy={accept.isPending}
              onClick={() => accept.mutate(inv.id, { onSuccess: () => navigate('/', { replace: true }) })}
              data-testid="invite-accept"
            >
              Accept and open {inv.workspaceName}
            </Button>
          </div>
        </>
      )}
    </AuthCard>
  );
}
