import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import type { WorkspaceRole } from '../../lib/scope.js';
import type { Database } from '../client.js';
import { rowsOf } from '../rows.js';
import { apiTokens, authSessions, DEFAULT_WORKSPACE_SLUG, instanceSecrets, users, workspaceInvitations, workspaceMembers, workspaces } from '../schema.js';

export type Membership = { workspaceId: string; name: string; role: WorkspaceRole };
export type Member = { userId: string; name: string; email: string; role: WorkspaceRole; joinedAt: string };
export type Invitation = { id: string; workspaceId: string; email: string; role: WorkspaceRole; status: string; expiresAt: string; createdAt: string };
export type ApiToken = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; createdBy: string; createdById: string };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const lower = (email: string) => email.trim().toLowerCase();

/** Team mode's people and who belongs where; every workspace-scoped call takes the workspace. */
export function accountQueries(db: Database) {
  // One member as the API shows them: the person and their role here.
  const memberColumns = { userId: users.id, name: users.name, email: users.email, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt };
  const membershipsOf = async ({ userId }: { userId: string }): Promise<Membership[]> =>
    db
      .select({ workspaceId: workspaces.id, name: workspaces.name, role: workspaceMembers.role })
      .from(workspaceMembers)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
      .where(eq(workspaceMembers.userId, userId))
      .orderBy(asc(workspaceMembers.createdAt));

  return {
    membershipsOf,

    /** The signing secret (or any other), made once and shared by every replica on this database. */
    async secret({ name }: { name: string }): Promise<string> {
      await db
        .insert(instanceSecrets)
        .values({ name, value: randomBytes(32).toString('base64url') })
        .onConflictDoNothing({ target: instanceSecrets.name });
      const [row] = await db.select({ value: instanceSecrets.value }).from(instanceSecrets).where(eq(instanceSecrets.name, name));
      return row!.value;
    },

    async userCount(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
      return row!.n;
    },

    /**
     * The first account owns the first workspace (local mode's, with whatever it holds); a later
     * account owns nothing until it is invited or creates a workspace. True when this one did.
     */
    async claimFirstWorkspace({ userId }: { userId: string }): Promise<boolean> {
      const rows = await db.execute<{ id: string }>(sql`
        insert into ${workspaceMembers} (workspace_id, user_id, role)
        select w.id, ${userId}, 'owner' from ${workspaces} w
        where w.slug = ${DEFAULT_WORKSPACE_SLUG} and not exists (select 1 from ${workspaceMembers} m where m.workspace_id = w.id)
        returning id`);
      return rowsOf(rows).length > 0;
    },

    async createWorkspace({ userId, name }: { userId: string; name: string }): Promise<Membership> {
      return db.transaction(async (tx) => {
        const slug = `${
          name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')
            .slice(0, 40) || 'workspace'
        }-${randomBytes(4).toString('hex')}`;
        const [w] = await tx.insert(workspaces).values({ slug, name }).returning({ id: workspaces.id });
        await tx.insert(workspaceMembers).values({ workspaceId: w!.id, userId, role: 'owner' });
        return { workspaceId: w!.id, name, role: 'owner' as const };
      });
    },

    async renameWorkspace({ workspaceId, name }: { workspaceId: string; name: string }): Promise<void> {
      await db.update(workspaces).set({ name }).where(eq(workspaces.id, workspaceId));
    },

    async setActiveWorkspace({ sessionId, workspaceId }: { sessionId: string; workspaceId: string }): Promise<void> {
      await db.update(authSessions).set({ activeWorkspaceId: workspaceId }).where(eq(authSessions.id, sessionId));
    },

    async members({ workspaceId }: { workspaceId: string }): Promise<Member[]> {
      const rows = await db
        .select(memberColumns)
        .from(workspaceMembers)
        .innerJoin(users, eq(users.id, workspaceMembers.userId))
        .where(eq(workspaceMembers.workspaceId, workspaceId))
        .orderBy(asc(workspaceMembers.createdAt));
      return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }));
    },

    /** Changes a member's role; the last owner cannot stop being one (409). */
    async setRole({ workspaceId, userId, role }: { workspaceId: string; userId: string; role: WorkspaceRole }): Promise<Member> {
      return db.transaction(async (tx) => {
        const owners = await tx
          .select({ userId: workspaceMembers.userId })
          .from(workspaceMembers)
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'owner')))
          .for('update');
        if (role !== 'owner' && owners.length === 1 && owners[0]!.userId === userId)
          throw new AppError('conflict', 'This is the only owner of the workspace: make someone else an owner first.');
        const [row] = await tx
          .update(workspaceMembers)
          .set({ role })
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
          .returning({ userId: workspaceMembers.userId });
        if (!row) throw notFound('Member');
        const [m] = await tx
          .select(memberColumns)
          .from(workspaceMembers)
          .innerJoin(users, eq(users.id, workspaceMembers.userId))
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
        return { ...m!, joinedAt: m!.joinedAt.toISOString() };
      });
    },

    /** Removes a member (and the API tokens they made here); never the last owner (409). */
    async removeMember({ workspaceId, userId }: { workspaceId: string; userId: string }): Promise<Member> {
      return db.transaction(async (tx) => {
        const all = await tx
          .select(memberColumns)
          .from(workspaceMembers)
          .innerJoin(users, eq(users.id, workspaceMembers.userId))
          .where(eq(workspaceMembers.workspaceId, workspaceId))
          .for('update', { of: workspaceMembers });
        const member = all.find((m) => m.userId === userId);
        if (!member) throw notFound('Member');
        if (member.role === 'owner' && all.filter((m) => m.role === 'owner').length === 1)
          throw new AppError('conflict', 'This is the only owner of the workspace: make someone else an owner first.');
        await tx.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
        await tx
          .update(apiTokens)
          .set({ revokedAt: new Date() })
          .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
        await tx
          .update(authSessions)
          .set({ activeWorkspaceId: null })
          .where(and(eq(authSessions.userId, userId), eq(authSessions.activeWorkspaceId, workspaceId)));
        return { ...member, joinedAt: member.joinedAt.toISOString() };
      });
    },

    async invite({
      workspaceId,
      email,
      role,
      inviterId,
      days = 7,
    }: {
      workspaceId: string;
      email: string;
      role: WorkspaceRole;
      inviterId: string;
      days?: number;
    }): Promise<Invitation> {
      const address = lower(email);
      const existing = await db
        .select({ id: users.id })
        .from(workspaceMembers)
        .innerJoin(users, eq(users.id, workspaceMembers.userId))
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(users.email, address)));
      if (existing.length) throw new AppError('conflict', `${address} is already a member of this workspace.`);
      const open = and(eq(workspaceInvitations.workspaceId, workspaceId), eq(workspaceInvitations.email, address), eq(workspaceInvitations.status, 'pending'));
      // An invitation that ran out no longer holds the address: a new one replaces it.
      await db
        .update(workspaceInvitations)
        .set({ status: 'canceled' })
        .where(and(open, lte(workspaceInvitations.expiresAt, new Date())));
      const alreadyInvited = async () => {
        const [pending] = await db.select().from(workspaceInvitations).where(open);
        return new AppError(
          'conflict',
          pending
            ? `${address} was already invited on ${pending.createdAt.toISOString().slice(0, 10)} (the link works until ${pending.expiresAt.toISOString().slice(0, 10)}): copy that link from the list, or cancel it to invite again.`
            : `${address} was invited at the same moment by someone else: reload the list.`,
          { reason: 'already_invited', invitationId: pending?.id ?? null },
        );
      };
      // The unique index on open invitations decides between two owners inviting at once.
      const [row] = await db
        .insert(workspaceInvitations)
        .values({ workspaceId, email: address, role, inviterId, expiresAt: new Date(Date.now() + days * 86_400_000) })
        .onConflictDoNothing()
        .returning();
      if (!row) throw await alreadyInvited();
      return toInvitation(row);
    },

    async invitations({ workspaceId }: { workspaceId: string }): Promise<Invitation[]> {
      const rows = await db
        .select()
        .from(workspaceInvitations)
        .where(
          and(eq(workspaceInvitations.workspaceId, workspaceId), eq(workspaceInvitations.status, 'pending'), gt(workspaceInvitations.expiresAt, new Date())),
        )
        .orderBy(desc(workspaceInvitations.createdAt));
      return rows.map(toInvitation);
    },

    async cancelInvitation({ workspaceId, id }: { workspaceId: string; id: string }): Promise<Invitation> {
      const [row] = await db
        .update(workspaceInvitations)
        .set({ status: 'canceled' })
        .where(and(eq(workspaceInvitations.workspaceId, workspaceId), eq(workspaceInvitations.id, id), eq(workspaceInvitations.status, 'pending')))
        .returning();
      if (!row) throw notFound('Invitation');
      return toInvitation(row);
    },

    /** An invitation by its id (the id is the secret of the link), with its workspace and inviter, for the invitation page. */
    async invitation({ id }: { id: string }): Promise<(Invitation & { workspaceName: string; inviterName: string }) | null> {
      const [row] = await db
        .select({ inv: workspaceInvitations, workspaceName: workspaces.name, inviterName: users.name })
        .from(workspaceInvitations)
        .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
        .innerJoin(users, eq(users.id, workspaceInvitations.inviterId))
        .where(eq(workspaceInvitations.id, id));
      return row ? { ...toInvitation(row.inv), workspaceName: row.workspaceName, inviterName: row.inviterName } : null;
    },

    /** Whether `email` holds this pending, unexpired invitation (sign-up is by invitation after the first account). */
    async invitationOpenFor({ id, email }: { id: string; email: string }): Promise<boolean> {
      const [row] = await db
        .select({ id: workspaceInvitations.id })
        .from(workspaceInvitations)
        .where(
          and(
            eq(workspaceInvitations.id, id),
            eq(workspaceInvitations.email, lower(email)),
            eq(workspaceInvitations.status, 'pending'),
            gt(workspaceInvitations.expiresAt, new Date()),
          ),
        );
      return !!row;
    },

    /** Joins the invited workspace; the invitation must be this person's (by email), pending and unexpired. */
    async acceptInvitation({ id, userId, email }: { id: string; userId: string; email: string }): Promise<Membership> {
      return db.transaction(async (tx) => {
        const [inv] = await tx.select().from(workspaceInvitations).where(eq(workspaceInvitations.id, id)).for('update');
        if (!inv) throw notFound('Invitation');
        if (inv.email !== lower(email)) throw new AppError('forbidden', `This invitation is for ${inv.email}; you are signed in as ${lower(email)}.`);
        if (inv.status !== 'pending') throw new AppError('conflict', `This invitation was already ${inv.status}.`);
        if (inv.expiresAt <= new Date()) throw new AppError('conflict', 'This invitation has expired: ask for a new one.');
        await tx.update(workspaceInvitations).set({ status: 'accepted', acceptedBy: userId }).where(eq(workspaceInvitations.id, id));
        await tx.insert(workspaceMembers).values({ workspaceId: inv.workspaceId, userId, role: inv.role }).onConflictDoNothing();
        const [w] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, inv.workspaceId));
        const [m] = await tx
          .select({ role: workspaceMembers.role })
          .from(workspaceMembers)
          .where(and(eq(workspaceMembers.workspaceId, inv.workspaceId), eq(workspaceMembers.userId, userId)));
        return { workspaceId: inv.workspaceId, name: w!.name, role: m!.role };
      });
    },

    async createToken(args: { workspaceId: string; userId: string; name: string; tokenHash: string; prefix: string }): Promise<ApiToken> {
      const [row] = await db.insert(apiTokens).values(args).returning();
      const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, args.userId));
      return toToken(row!, u!.name);
    },

    async tokens({ workspaceId }: { workspaceId: string }): Promise<ApiToken[]> {
      const rows = await db
        .select({ t: apiTokens, createdBy: users.name })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(and(eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt)))
        .orderBy(desc(apiTokens.createdAt));
      return rows.map((r) => toToken(r.t, r.createdBy));
    },

    async revokeToken({ workspaceId, id }: { workspaceId: string; id: string }): Promise<ApiToken> {
      const [row] = await db
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning();
      if (!row) throw notFound('API token');
      const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, row.userId));
      return toToken(row, u?.name ?? '');
    },

    /** The live token with this hash, with the person it acts for and their role in its workspace now. */
    async tokenByHash({ tokenHash }: { tokenHash: string }) {
      const [row] = await db
        .select({
          id: apiTokens.id,
          name: apiTokens.name,
          workspaceId: apiTokens.workspaceId,
          userId: users.id,
          userName: users.name,
          role: workspaceMembers.role,
          lastUsedAt: apiTokens.lastUsedAt,
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .innerJoin(workspaceMembers, and(eq(workspaceMembers.workspaceId, apiTokens.workspaceId), eq(workspaceMembers.userId, apiTokens.userId)))
        .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
      return row ?? null;
    },

    async touchToken({ id }: { id: string }): Promise<void> {
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
    },
  };
}

const toInvitation = (r: typeof workspaceInvitations.$inferSelect): Invitation => ({
  id: r.id,
  workspaceId: r.workspaceId,
  email: r.email,
  role: r.role,
  status: r.status === 'pending' && r.expiresAt <= new Date() ? 'expired' : r.status,
  expiresAt: r.expiresAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
});

const toToken = (r: typeof apiTokens.$inferSelect, createdBy: string): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: iso(r.lastUsedAt),
  createdBy,
  createdById: r.userId,
});
