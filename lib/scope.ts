import { AppError } from './errors.js';

/**
 * Who is acting, as the server established it: a signed-in person, an API token (acting for the
 * person who created it), the one user of local mode, or the server itself (jobs, sweeps).
 * Never a field a caller fills.
 */
export type Actor = {
  kind: 'person' | 'token' | 'local' | 'system';
  userId: string | null;
  name: string;
  /** The API token's name, when a token made the call. */
  tokenName?: string;
};

export type WorkspaceRole = 'owner' | 'member';

/** The workspace a request works in and who makes it: every query and every change is scoped by it. */
export type Scope = { workspaceId: string; actor: Actor; role: WorkspaceRole };

export const LOCAL_ACTOR: Actor = { kind: 'local', userId: null, name: 'Local user' };
export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: null, name: 'personaflow' };

/** What a flow carries in Genkit's context (server/auth sets it for every HTTP call). */
export type ScopeContext = { auth?: { actor?: Actor; role?: WorkspaceRole }; workspaceId?: string };

export const scopeContext = (scope: Scope): ScopeContext & Record<string, unknown> => ({
  auth: { actor: scope.actor, role: scope.role },
  workspaceId: scope.workspaceId,
});

/**
 * The scope of a flow call: from its Genkit context, or — in local mode only, where the server
 * passes its one workspace — that workspace (the Dev UI calls flows without a context).
 */
export function scopeFromContext(context: ScopeContext | undefined, localWorkspaceId: string | undefined): Scope {
  if (context?.workspaceId) return { workspaceId: context.workspaceId, actor: context.auth?.actor ?? LOCAL_ACTOR, role: context.auth?.role ?? 'member' };
  if (localWorkspaceId) return { workspaceId: localWorkspaceId, actor: LOCAL_ACTOR, role: 'owner' };
  throw new AppError('unauthenticated', 'Sign in first: this call carries no workspace. Send an API token as "Authorization: Bearer <token>".');
}
