import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import type { Database } from '../../db/client.js';
import type { Queries } from '../../db/queries/index.js';
import { authAccounts, authSessions, authVerifications, users } from '../../db/schema.js';

/** The header the sign-up form sends with the invitation it came from. */
export const INVITATION_HEADER = 'x-personaflow-invitation';

export type AuthSettings = {
  db: Database;
  queries: Queries;
  /** Signs session cookies; AUTH_SECRET, else one generated once and kept in the database. */
  secret: string;
  /** Where people reach this server (cookies are Secure when it is https). */
  publicUrl: string;
  /** Origins whose sign-in form may post here (this server's names). */
  trustedOrigins: string[];
  /** AUTH_OPEN_SIGNUP: anyone may create an account; otherwise, after the first, by invitation only. */
  openSignup: boolean;
};

/**
 * Accounts and sessions (better-auth, email + password, sessions in Postgres through Drizzle).
 * Workspaces, membership, invitations and API tokens are personaflow's own (db/queries/accounts.ts):
 * they are workspace-scoped and have exactly two roles.
 */
export function createAuth(settings: AuthSettings) {
  const { queries } = settings;
  return betterAuth({
    appName: 'personaflow',
    baseURL: settings.publicUrl,
    basePath: '/api/auth',
    secret: settings.secret,
    trustedOrigins: settings.trustedOrigins,
    database: drizzleAdapter(settings.db, {
      provider: 'pg',
      schema: { users, auth_sessions: authSessions, auth_accounts: authAccounts, auth_verifications: authVerifications },
    }),
    user: { modelName: 'users' },
    session: {
      modelName: 'auth_sessions',
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      additionalFields: { activeWorkspaceId: { type: 'string', required: false, input: false } },
    },
    account: { modelName: 'auth_accounts' },
    verification: { modelName: 'auth_verifications' },
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 200, autoSignIn: true },
    advanced: {
      database: { generateId: 'uuid' },
      cookiePrefix: 'personaflow',
      useSecureCookies: settings.publicUrl.startsWith('https://'),
    },
    // Sign-in attempts are limited by server/http/rate-limits.ts with the rest of the API.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // Its own log lines would print the failing query's parameters (personal data): message only.
    logger: { level: 'error', log: (level, message) => console.error(`auth ${level}: ${message}`) },
    databaseHooks: {
      user: {
        create: {
          before: async (user, ctx) => {
            if (settings.openSignup || (await queries.accounts.userCount()) === 0) return;
            const invitationId = ctx?.headers?.get(INVITATION_HEADER) ?? '';
            if (invitationId && (await queries.accounts.invitationOpenFor({ id: invitationId, email: String(user.email) }))) return;
            throw new APIError('FORBIDDEN', {
              message: 'Accounts here are by invitation: open the invitation link a workspace owner sent you, and sign up with the address it was sent to.',
            });
          },
          after: async (user) => {
            await queries.accounts.claimFirstWorkspace({ userId: user.id });
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
