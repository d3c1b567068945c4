import type { RequestHandler, Response } from 'express';
import { fromNodeHeaders } from 'better-auth/node';
import type { Queries } from '../../db/queries/index.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../lib/scope.js';
import { setScope } from '../http/request-scope.js';
import type { Auth } from './auth.js';
import { bearerToken, hashApiToken } from './api-tokens.js';

/** Who is signed in, set on every /api request in team mode (also when they are in no workspace yet). */
export type SignedIn = {
  user: { id: string; name: string; email: string };
  /** The sign-in's session id; null for an API token. */
  sessionId: string | null;
  token: { id: string; name: string } | null;
};

export function signedInOf(res: Response): SignedIn {
  const who = res.locals.signedIn as SignedIn | undefined;
  if (!who) throw new AppError('unauthenticated', 'Sign in first.');
  return who;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Team mode: every /api request is made by a signed-in person (session cookie) or an API token
 * (`Authorization: Bearer pf_…`), in one of their workspaces; anything else is a 401. The
 * workspace is the session's active one (switched in the UI), else their first; a token's is
 * the one it was made in. `open` lists paths that need no sign-in (the invitation page).
 */
export function teamScope({ auth, queries, open }: { auth: Auth; queries: Queries; open: (path: string, method: string) => boolean }): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = bearerToken(req.headers.authorization);
      if (token) {
        const found = await queries.accounts.tokenByHash({ tokenHash: hashApiToken(token) });
        if (!found)
          throw new AppError(
            'unauthenticated',
            'This API token is not valid (revoked, or its owner left the workspace). Create a new one in Settings › API tokens.',
          );
        if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) void queries.accounts.touchToken({ id: found.id }).catch(() => {});
        const actor: Actor = { kind: 'token', userId: found.userId, name: found.userName, tokenName: found.name };
        res.locals.signedIn = {
          user: { id: found.userId, name: found.userName, email: '' },
          sessionId: null,
          token: { id: found.id, name: found.name },
        } satisfies SignedIn;
        setScope(res, { workspaceId: found.workspaceId, actor, role: found.role });
        return next();
      }
      const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
      if (!session) {
        if (open(req.path, req.method)) return next();
        throw new AppError('unauthenticated', 'Sign in first, or send an API token as "Authorization: Bearer <token>".');
      }
      const user = { id: session.user.id, name: session.user.name, email: session.user.email };
      res.locals.signedIn = { user, sessionId: session.session.id, token: null } satisfies SignedIn;
      const memberships = await queries.accounts.membershipsOf({ userId: user.id });
      const active = session.session.activeWorkspaceId as string | null | undefined;
      const current = memberships.find((m) => m.workspaceId === active) ?? memberships[0];
      if (current) setScope(res, { workspaceId: current.workspaceId, actor: { kind: 'person', userId: user.id, name: user.name }, role: current.role });
      res.locals.memberships = memberships;
      next();
    } catch (err) {
      next(err);
    }
  };
}
