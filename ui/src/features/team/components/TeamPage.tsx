import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { CopyButton } from '../../../shared/components/CopyButton';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { formatDate } from '../../../shared/format';
import { useMe, type Role } from '../../../shared/session/session';
import { useCancelInvitation, useInvite, useMembers, useRemoveMember, useSetRole, type Invitation, type Member } from '../api/team';
import { TeamOnly } from './TeamOnly';

/** /settings/team — the workspace's members; owners change roles, remove people and invite. */
export function TeamPage() {
  const me = useMe();
  const workspace = me.data?.workspace;
  return (
    <div className="page page--narrow has-code" data-testid="team-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Team</h1>
          <p className="muted">
            The people in {workspace ? <strong>{workspace.name}</strong> : 'this workspace'}. Owners invite people, change roles and manage API tokens; members
            use everything else.
          </p>
        </div>
      </div>
      <TeamOnly what="Teams">
        <Team />
      </TeamOnly>
    </div>
  );
}

function Team() {
  const me = useMe();
  const members = useMembers();
  const isOwner = me.data?.workspace?.role === 'owner';
  const myId = me.data?.mode === 'team' ? me.data.user.id : null;

  if (members.isPending) return <Loading label="Loading the team…" />;
  if (members.isError)
    return (
      <ErrorBanner
        title="Could not load the team."
        message={members.error.message}
        actions={<Button onClick={() => void members.refetch()}>Try again</Button>}
      />
    );
  const owners = members.data.members.filter((m) => m.role === 'owner').length;

  return (
    <>
      {isOwner ? <InviteForm /> : null}
      {isOwner && members.data.invitations.length > 0 ? <PendingInvitations invitations={members.data.invitations} /> : null}
      <section className="panel" aria-labelledby="members-title">
        <div className="panel__head">
          <h2 className="panel__title" id="members-title">
            Members ({members.data.members.length})
          </h2>
        </div>
        <ul className="team__list" data-testid="member-list">
          {members.data.members.map((m) => (
            <MemberRow key={m.userId} member={m} isOwner={isOwner} isMe={m.userId === myId} lastOwner={m.role === 'owner' && owners === 1} />
          ))}
        </ul>
      </section>
    </>
  );
}

function MemberRow({ member, isOwner, isMe, lastOwner }: { member: Member; isOwner: boolean; isMe: boolean; lastOwner: boolean }) {
  const setRole = useSetRole();
  const remove = useRemoveMember();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const error = setRole.error ?? remove.error;
  const canRemove = (isOwner || isMe) && !lastOwner;

  return (
    <li className="team__row" data-testid="member-row" data-email={member.email}>
      <div className="team__who">
        <span className="team__name">
          {member.name}
          {isMe ? <span className="muted"> (you)</span> : null}
        </span>
        <span className="team__meta muted small">
          {member.email} · joined {formatDate(member.joinedAt)}
        </span>
        {error ? <span className="field__error">{error.message}</span> : null}
      </div>
      <div className="team__actions">
        {isOwner ? (
          <select
            className="input input--compact"
            aria-label={`Role of ${member.name}`}
            data-testid="member-role"
            value={member.role}
            disabled={setRole.isPending || lastOwner}
            title={lastOwner ? 'A workspace needs at least one owner' : undefined}
            onChange={(e) => setRole.mutate({ userId: member.userId, role: e.target.value as Role })}
          >
            <option value="owner">Owner</option>
            <option value="member">Member</option>
          </select>
        ) : (
          <span className={`badge${member.role === 'owner' ? ' badge--info' : ''}`}>{member.role === 'owner' ? 'Owner' : 'Member'}</span>
        )}
        {canRemove ? (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} data-testid="member-remove">
            {isMe ? 'Leave' : 'Remove'}
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title={isMe ? 'Leave this workspace?' : `Remove ${member.name}?`}
        confirmLabel={isMe ? 'Leave' : 'Remove'}
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate(member.userId, {
            onSuccess: () => {
              setConfirming(false);
              // Leaving: the next page load puts you in another workspace (or says you have none).
              if (isMe) navigate('/', { replace: true });
            },
            onError: () => setConfirming(false),
          })
        }
      >
        <p>
          {isMe
            ? 'You lose access to everything in this workspace. An owner can invite you again.'
            : `${member.name} loses access to this workspace, and the API tokens they made here stop working.`}
        </p>
      </ConfirmDialog>
    </li>
  );
}

function InviteForm() {
  const invite = useInvite();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [created, setCreated] = useState<Invitation | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim()) return;
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (r) => {
          setCreated(r.invitation);
          setEmail('');
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="invite-title">
      <div className="panel__head">
        <h2 className="panel__title" id="invite-title">
          Invite someone
        </h2>
      </div>
      <form className="team__invite" onSubmit={submit} noValidate>
        <TextField id="invite-email" testId="invite-email" label="Email" type="email" value={email} onChange={setEmail} placeholder="name@company.com" />
        <div className="field">
          <label className="field__label" htmlFor="invite-role">
            Role
          </label>
          <select id="invite-role" className="input" data-testid="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="member">Member</option>
            <option value="owner">Owner</option>
          </select>
        </div>
        <Button type="submit" variant="primary" busy={invite.isPending} disabled={!email.trim()} data-testid="invite-submit">
          Create invitation link
        </Button>
      </form>
      {invite.isError ? <ErrorBanner testId="invite-create-error" message={invite.error.message} /> : null}
      {created ? (
        <div className="team__created" data-testid="invite-created" role="status">
          <p>
            <strong>Invitation link for {created.email}.</strong> personaflow does not send email: send this link to them yourself.
          </p>
          <LinkBox link={created.link} testId="invite-created-link" copyTestId="invite-created-copy" />
        </div>
      ) : null}
    </section>
  );
}

function LinkBox({ link, testId, copyTestId }: { link: string; testId: string; copyTestId: string }) {
  return (
    <div className="copybox">
      <code className="copybox__text" data-testid={testId}>
        {link}
      </code>
      <CopyButton text={link} label="Copy link" testId={copyTestId} />
    </div>
  );
}

function PendingInvitations({ invitations }: { invitations: Invitation[] }) {
  const cancel = useCancelInvitation();
  return (
    <section className="panel" aria-labelledby="pending-title">
      <div className="panel__head">
        <h2 className="panel__title" id="pending-title">
          Pending invitations ({invitations.length})
        </h2>
        <p className="panel__hint">Not sent by email: send each link to the person it is for. A link works once, until it expires.</p>
      </div>
      {cancel.isError ? <ErrorBanner message={cancel.error.message} /> : null}
      <ul className="team__list" data-testid="invitation-list">
        {invitations.map((inv) => (
          <li key={inv.id} className="team__row team__row--stack" data-testid="invitation-row" data-email={inv.email}>
            <div className="team__who">
              <span className="team__name">{inv.email}</span>
              <span className="team__meta muted small">
                {inv.role === 'owner' ? 'Owner' : 'Member'} · expires {formatDate(inv.expiresAt)}
              </span>
            </div>
            <div className="team__linkrow">
              <LinkBox link={inv.link} testId="invitation-link" copyTestId="invitation-copy" />
              <Button
                size="sm"
                variant="ghost"
                busy={cancel.isPending && cancel.variables === inv.id}
                onClick={() => cancel.mutate(inv.id)}
                data-testid="invitation-cancel"
              >
                Cancel
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
