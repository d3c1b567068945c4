// Who is signed in (GET /api/me), in both modes, and the account calls the shell makes: sign in,
// sign up, sign out, switch or create a workspace. Local mode has one user and never signs in.
// Switching workspace (or signing in/out) changes what every other query means, so those calls
// drop the whole query cache.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/errors';
import { apiFetch } from '../api/http';
import { queryKeys } from '../api/query-keys';

export type Role = 'owner' | 'member';
export type WorkspaceRef = { id: string; name: string; role: Role };

export type Me =
  | { mode: 'local'; user: { id: null; name: string; email: null }; workspace: WorkspaceRef; workspaces: [] }
  | {
      mode: 'team';
      user: { id: string; name: string; email: string };
      via: { session: true } | { token: string };
      /** null: signed in, but in no workspace yet. */
      workspace: WorkspaceRef | null;
      workspaces: WorkspaceRef[];
    };

export const getMe = () => apiFetch<Me>('/api/me', { credentials: 'same-origin' });

/** /api/me. A 401 (team mode, signed out) is an answer, not something to retry. */
export function useMe() {
  return useQuery<Me, ApiError>({
    queryKey: queryKeys.me,
    queryFn: getMe,
    staleTime: 60_000,
    retry: (count, error) => error.status !== 401 && error.status !== 403 && count < 1,
  });
}

/** A fresh start for every query: a new person or a new workspace sees nothing of the old one. */
export function resetSession(qc: QueryClient) {
  qc.clear();
}

const post = <T>(path: string, json: unknown, headers?: Record<string, string>) =>
  apiFetch<T>(path, { method: 'POST', json, credentials: 'same-origin', ...(headers ? { headers } : {}) });

export type SignUpInput = { name: string; email: string; password: string; invitationId?: string | undefined };

export const MIN_PASSWORD = 10;

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation<unknown, ApiError, { email: string; password: string }>({
    mutationFn: (input) => post('/api/auth/sign-in/email', input),
    onSuccess: () => resetSession(qc),
  });
}

export function useSignUp() {
  const qc = useQueryClient();
  return useMutation<unknown, ApiError, SignUpInput>({
    mutationFn: ({ invitationId, ...input }) => post('/api/auth/sign-up/email', input, invitationId ? { 'x-personaflow-invitation': invitationId } : undefined),
    onSuccess: () => resetSession(qc),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation<unknown, ApiError, void>({
    mutationFn: () => post('/api/auth/sign-out', {}),
    onSuccess: () => resetSession(qc),
  });
}

export function useSwitchWorkspace() {
  const qc = useQueryClient();
  return useMutation<{ workspace: WorkspaceRef }, ApiError, string>({
    mutationFn: (workspaceId) => apiFetch('/api/me/workspace', { method: 'PUT', json: { workspaceId }, credentials: 'same-origin' }),
    onSuccess: () => resetSession(qc),
  });
}

export function useCreateWorkspace() {
  const qc = useQueryClient();
  return useMutation<{ workspace: WorkspaceRef }, ApiError, string>({
    mutationFn: (name) => post('/api/workspaces', { name }),
    onSuccess: () => resetSession(qc),
  });
}

export type InvitationStatus = 'pending' | 'accepted' | 'canceled' | 'expired';
export type PublicInvitation = {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  expiresAt: string;
  workspaceName: string;
  inviterName: string;
};

/** GET /api/invitations/:id: open to anyone holding the link. */
export function useInvitation(id: string) {
  return useQuery<PublicInvitation, ApiError>({
    queryKey: queryKeys.invitation(id),
    queryFn: () => apiFetch<{ invitation: PublicInvitation }>(`/api/invitations/${encodeURIComponent(id)}`).then((r) => r.invitation),
    retry: false,
  });
}

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation<{ workspace: WorkspaceRef }, ApiError, string>({
    mutationFn: (id) => post(`/api/invitations/${encodeURIComponent(id)}/accept`, {}),
    onSuccess: () => resetSession(qc),
  });
}
