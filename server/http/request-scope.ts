import type { RequestHandler, Response } from 'express';
import { AppError } from '../../lib/errors.js';
import { LOCAL_ACTOR, type Scope } from '../../lib/scope.js';

// Every /api request carries the scope its caller was given (server/auth in team mode, the one
// workspace in local mode): routes read the workspace and the actor from here and nowhere else.

export function setScope(res: Response, scope: Scope): void {
  res.locals.scope = scope;
}

export function scopeOf(res: Response): Scope {
  const scope = res.locals.scope as Scope | undefined;
  if (scope) return scope;
  if (res.locals.signedIn)
    throw new AppError('forbidden', 'You are not in a workspace yet: open an invitation link from a workspace owner, or create a workspace.');
  throw new AppError('unauthenticated', 'Sign in first.');
}

/** Local mode: one person, one workspace, no sign-in. */
export function localScope(workspaceId: string): RequestHandler {
  const scope: Scope = { workspaceId, actor: LOCAL_ACTOR, role: 'owner' };
  return (_req, res, next) => {
    setScope(res, scope);
    next();
  };
}

/** Owner-only actions (members, tokens, the audit log, provider settings, removing a suppression). */
export const requireOwner: RequestHandler = (_req, res, next) => {
  if (scopeOf(res).role !== 'owner') return next(new AppError('forbidden', 'Only an owner of this workspace can do this. Ask an owner.'));
  next();
};
