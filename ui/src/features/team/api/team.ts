// The current workspace: members and invitations, API tokens, the activity (audit) log.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';
import type { InvitationStatus, Role } from '../../../shared/session/session';

export type Member = { userId: string; name: string; email: string; role: Role; joinedAt: string };
export type Invitation = { id: string; email: string; role: Role; status: InvitationStatus; expiresAt: string; createdAt: string; link: string };
export type ApiToken = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; createdBy: string; createdById: string };
export type AuditEvent = {
  id: string;
  at: string;
  actor: { kind: string; userId: string | null; name: string };
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: string;
  details: unknown;
};

const seg = encodeURIComponent;

export function useMembers() {
  return useQuery<{ members: Member[]; invitations: Invitation[] }, ApiError>({
    queryKey: queryKeys.members,
    queryFn: () => apiFetch('/api/workspace/members'),
  });
}

function useMembersMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation<R, ApiError, V>({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.members }),
  });
}

export const useInvite = () =>
  useMembersMutation((v: { email: string; role: Role }) => apiFetch<{ invitation: Invitation }>('/api/workspace/invitations', { method: 'POST', json: v }));
export const useCancelInvitation = () => useMembersMutation((id: string) => apiFetch<void>(`/api/workspace/invitations/${seg(id)}`, { method: 'DELETE' }));
export const useSetRole = () =>
  useMembersMutation((v: { userId: string; role: Role }) => apiFetch(`/api/workspace/members/${seg(v.userId)}`, { method: 'PUT', json: { role: v.role } }));
export const useRemoveMember = () => useMembersMutation((userId: string) => apiFetch<void>(`/api/workspace/members/${seg(userId)}`, { method: 'DELETE' }));

export function useTokens() {
  return useQuery<ApiToken[], ApiError>({
    queryKey: queryKeys.tokens,
    queryFn: () => apiFetch<{ tokens: ApiToken[] }>('/api/workspace/tokens').then((r) => r.tokens),
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation<{ token: ApiToken; secret: string }, ApiError, string>({
    mutationFn: (name) => apiFetch('/api/workspace/tokens', { method: 'POST', json: { name } }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => apiFetch(`/api/workspace/tokens/${seg(id)}`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export const AUDIT_PAGE = 50;

/** Newest first, AUDIT_PAGE at a time; the next page is everything after the oldest one shown (by its id). */
export function useAudit() {
  return useInfiniteQuery<AuditEvent[], ApiError>({
    queryKey: queryKeys.audit,
    initialPageParam: null,
    queryFn: ({ pageParam }) =>
      apiFetch<{ events: AuditEvent[] }>(`/api/workspace/audit?limit=${AUDIT_PAGE}${pageParam ? `&before=${seg(String(pageParam))}` : ''}`).then(
        (r) => r.events,
      ),
    getNextPageParam: (last) => (last.length < AUDIT_PAGE ? undefined : last[last.length - 1]!.id),
  });
}
