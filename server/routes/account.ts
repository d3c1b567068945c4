import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { AppError } from '../../lib/errors.js';
import { requireOwner, scopeOf } from '../http/request-scope.js';
import { newApiToken } from '../auth/api-tokens.js';
import { signedInOf } from '../auth/team-scope.js';
import { validationError } from '../errors.js';
import { uuidParam } from './params.js';

const Name = (what: string) =>
  z
    .string({ required_error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(120, `${what} is at most 120 characters`);
const Role = z.enum(['owner', 'member'], { errorMap: () => ({ message: 'role must be owner or member' }) });
const SwitchSchema = z.object({ workspaceId: z.string().uuid('workspaceId must be a workspace id') }).strict();
const CreateWorkspaceSchema = z.object({ name: Name('name') }).strict();
const InviteSchema = z.object({ email: z.string().trim().email('email must be an email address').max(320), role: Role.default('member') }).strict();
const RoleSchema = z.object({ role: Role }).strict();
const TokenSchema = z.object({ name: Name('name') }).strict();
const AuditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().uuid('before must be the id of the last event shown').optional(),
  })
  .strict();

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown, prefix = ''): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(parsed.error, prefix);
  return parsed.data;
}

export type AccountDeps = { queries: Queries; mode: 'local' | 'team'; publicUrl: string };

/** Who am I, and my workspaces: both modes (the UI asks this first). */
export function meRoutes({ queries, mode }: AccountDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    if (mode === 'local') {
      const scope = scopeOf(res);
      return res.json({
        mode,
        user: { id: null, name: scope.actor.name, email: null },
        workspace: { id: scope.workspaceId, name: await queries.workspaces.name({ id: scope.workspaceId }), role: 'owner' },
        workspaces: [],
      });
    }
    const who = signedInOf(res);
    const memberships =
      (res.locals.memberships as Awaited<ReturnType<Queries['accounts']['membershipsOf']>> | undefined) ??
      (await queries.accounts.membershipsOf({ userId: who.user.id }));
    const scope = res.locals.scope as ReturnType<typeof scopeOf> | undefined;
    const current = scope ? memberships.find((m) => m.workspaceId === scope.workspaceId) : undefined;
    res.json({
      mode,
      user: who.user,
      via: who.token ? { token: who.token.name } : { session: true },
      workspace: current ? { id: current.workspaceId, name: current.name, role: current.role } : null,
      workspaces: memberships.map((m) => ({ id: m.workspaceId, name: m.name, role: m.role })),
    });
  });
  // Switching workspace: the sign-in's active workspace (a token stays in its own).
  router.put('/workspace', async (req, res) => {
    teamOnly(mode);
    const who = signedInOf(res);
    const { workspaceId } = parse(SwitchSchema, req.body);
    if (!who.sessionId) throw new AppError('invalid', 'An API token works in the workspace it was made in; it cannot switch.');
    const memberships = await queries.accounts.membershipsOf({ userId: who.user.id });
    const target = memberships.find((m) => m.workspaceId === workspaceId);
    if (!target) throw new AppError('not_found', 'Workspace not found (or you are not a member of it).');
    await queries.accounts.setActiveWorkspace({ sessionId: who.sessionId, workspaceId });
    res.json({ workspace: { id: target.workspaceId, name: target.name, role: target.role } });
  });
  return router;
}

function teamOnly(mode: 'local' | 'team') {
  if (mode !== 'team') throw new AppError('invalid', 'Accounts, workspaces and API tokens exist in team mode: start the server with AUTH=on.');
}

/** Creating workspaces and joining by invitation (team mode). */
export function workspacesRoutes({ queries, mode }: AccountDeps): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    teamOnly(mode);
    const who = signedInOf(res);
    if (!who.sessionId) throw new AppError('forbidden', 'Create workspaces signed in, not with an API token.');
    const { name } = parse(CreateWorkspaceSchema, req.body);
    const m = await queries.accounts.createWorkspace({ userId: who.user.id, name });
    await queries.accounts.setActiveWorkspace({ sessionId: who.sessionId, workspaceId: m.workspaceId });
    await queries.audit.record({
      workspaceId: m.workspaceId,
      actor: { kind: 'person', userId: who.user.id, name: who.user.name },
      entry: { action: 'workspace.created', subjectType: 'workspace', subjectId: m.workspaceId, summary: `Created the workspace “${name}”` },
    });
    res.status(201).json({ workspace: { id: m.workspaceId, name: m.name, role: m.role } });
  });
  return router;
}

export function invitationRoutes({ queries, mode }: AccountDeps): Router {
  const router = Router();
  uuidParam(router, () => 'Invitation not found');
  // Open to anyone holding the link: the invitation page shows who invited whom, where.
  router.get('/:id', async (req, res) => {
    teamOnly(mode);
    const inv = await queries.accounts.invitation({ id: req.params.id! });
    if (!inv) throw new AppError('not_found', 'Invitation not found: ask for a new link.');
    res.json({
      invitation: {
        id: inv.id,
        email: inv.email,
        role: inv.role,
        status: inv.status,
        expiresAt: inv.expiresAt,
        workspaceName: inv.workspaceName,
        inviterName: inv.inviterName,
      },
    });
  });
  router.post('/:id/accept', async (req, res) => {
    teamOnly(mode);
    const who = signedInOf(res);
    if (!who.sessionId) throw new AppError('forbidden', 'Accept an invitation signed in, not with an API token.');
    const m = await queries.accounts.acceptInvitation({ id: req.params.id!, userId: who.user.id, email: who.user.email });
    await queries.accounts.setActiveWorkspace({ sessionId: who.sessionId, workspaceId: m.workspaceId });
    await queries.audit.record({
      workspaceId: m.workspaceId,
      actor: { kind: 'person', userId: who.user.id, name: who.user.name },
      entry: { action: 'member.joined', subjectType: 'member', subjectId: who.user.id, summary: `${who.user.name} <${who.user.email}> joined as ${m.role}` },
    });
    res.json({ workspace: { id: m.workspaceId, name: m.name, role: m.role } });
  });
  return router;
}

/** The current workspace: members, invitations, API tokens, the audit log. */
export function workspaceRoutes({ queries, mode, publicUrl }: AccountDeps): Router {
  const router = Router();
  const audit = (res: Response, entry: Parameters<Queries['audit']['record']>[0]['entry']) => {
    const { workspaceId, actor } = scopeOf(res);
    return queries.audit.record({ workspaceId, actor, entry });
  };
  const inviteLink = (id: string) => `${publicUrl.replace(/\/$/, '')}/invite/${id}`;

  router.get('/counts', async (_req, res) => {
    res.json({ counts: await queries.workspaces.counts({ workspaceId: scopeOf(res).workspaceId }) });
  });

  router.get('/members', async (_req, res) => {
    teamOnly(mode);
    const { workspaceId, role } = scopeOf(res);
    const [members, invitations] = await Promise.all([
      queries.accounts.members({ workspaceId }),
      role === 'owner' ? queries.accounts.invitations({ workspaceId }) : Promise.resolve([]),
    ]);
    res.json({ members, invitations: invitations.map((i) => ({ ...i, link: inviteLink(i.id) })) });
  });
  router.post('/invitations', requireOwner, async (req, res) => {
    teamOnly(mode);
    const { workspaceId, actor } = scopeOf(res);
    const { email, role } = parse(InviteSchema, req.body);
    const inv = await queries.accounts.invite({ workspaceId, email, role, inviterId: actor.userId! });
    await audit(res, { action: 'member.invited', subjectType: 'invitation', subjectId: inv.id, summary: `Invited ${inv.email} as ${inv.role}` });
    res.status(201).json({ invitation: { ...inv, link: inviteLink(inv.id) } });
  });
  router.delete('/invitations/:id', requireOwner, async (req, res) => {
    teamOnly(mode);
    const id = z.string().uuid().safeParse(req.params.id);
    if (!id.success) throw new AppError('not_found', 'Invitation not found');
    const inv = await queries.accounts.cancelInvitation({ workspaceId: scopeOf(res).workspaceId, id: id.data });
    await audit(res, {
      action: 'member.invitation_canceled',
      subjectType: 'invitation',
      subjectId: inv.id,
      summary: `Canceled the invitation of ${inv.email}`,
    });
    res.status(204).end();
  });
  router.put('/members/:userId', requireOwner, async (req, res) => {
    teamOnly(mode);
    const userId = z.string().uuid().safeParse(req.params.userId);
    if (!userId.success) throw new AppError('not_found', 'Member not found');
    const { role } = parse(RoleSchema, req.body);
    const m = await queries.accounts.setRole({ workspaceId: scopeOf(res).workspaceId, userId: userId.data, role });
    await audit(res, { action: 'member.role_changed', subjectType: 'member', subjectId: m.userId, summary: `Made ${m.name} <${m.email}> ${role}` });
    res.json({ member: m });
  });
  // An owner removes anyone; a member may remove only themselves (leave).
  router.delete('/members/:userId', async (req, res) => {
    teamOnly(mode);
    const { workspaceId, actor, role } = scopeOf(res);
    const userId = z.string().uuid().safeParse(req.params.userId);
    if (!userId.success) throw new AppError('not_found', 'Member not found');
    if (role !== 'owner' && userId.data !== actor.userId) throw new AppError('forbidden', 'Only an owner can remove someone else from the workspace.');
    const m = await queries.accounts.removeMember({ workspaceId, userId: userId.data });
    await audit(res, {
      action: 'member.removed',
      subjectType: 'member',
      subjectId: m.userId,
      summary: m.userId === actor.userId ? `${m.name} left the workspace` : `Removed ${m.name} <${m.email}>; their API tokens here were revoked`,
    });
    res.status(204).end();
  });

  router.get('/tokens', async (_req, res) => {
    teamOnly(mode);
    res.json({ tokens: await queries.accounts.tokens({ workspaceId: scopeOf(res).workspaceId }) });
  });
  router.post('/tokens', async (req, res) => {
    teamOnly(mode);
    const { workspaceId, actor } = scopeOf(res);
    if (actor.kind !== 'person') throw new AppError('forbidden', 'Create API tokens signed in, not with another token.');
    const { name } = parse(TokenSchema, req.body);
    const { token, tokenHash, prefix } = newApiToken();
    const created = await queries.accounts.createToken({ workspaceId, userId: actor.userId!, name, tokenHash, prefix });
    await audit(res, { action: 'token.created', subjectType: 'api_token', subjectId: created.id, summary: `Created the API token “${name}” (${prefix}…)` });
    // The only time the token is shown: only its hash is kept.
    res.status(201).json({ token: created, secret: token });
  });
  router.delete('/tokens/:id', async (req, res) => {
    teamOnly(mode);
    const { workspaceId, actor, role } = scopeOf(res);
    const id = z.string().uuid().safeParse(req.params.id);
    if (!id.success) throw new AppError('not_found', 'API token not found');
    const mine = (await queries.accounts.tokens({ workspaceId })).find((t) => t.id === id.data);
    if (!mine) throw new AppError('not_found', 'API token not found');
    if (role !== 'owner' && mine.createdById !== actor.userId) throw new AppError('forbidden', 'Only an owner can revoke someone else’s token.');
    const t = await queries.accounts.revokeToken({ workspaceId, id: id.data });
    await audit(res, { action: 'token.revoked', subjectType: 'api_token', subjectId: t.id, summary: `Revoked the API token “${t.name}” (${t.prefix}…)` });
    res.status(204).end();
  });

  // Every record of the workspace as one JSON file (owners; both modes).
  router.get('/export', requireOwner, async (_req, res) => {
    const data = await queries.workspaceExport.export({ workspaceId: scopeOf(res).workspaceId });
    const day = data.exportedAt.slice(0, 10);
    const slug =
      data.workspace.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'workspace';
    await audit(res, {
      action: 'workspace.exported',
      subjectType: 'workspace',
      subjectId: data.workspace.id,
      summary: 'Exported every record of the workspace',
    });
    res.attachment(`personaflow-${slug}-${day}.json`).json(data);
  });

  router.get('/audit', requireOwner, async (req, res) => {
    const q = parse(AuditQuery, req.query, 'query');
    res.json({
      events: await queries.audit.list({ workspaceId: scopeOf(res).workspaceId, limit: q.limit, before: q.before }),
    });
  });
  return router;
}
