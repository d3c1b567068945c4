import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Feedback, FeedbackTarget } from '@schemas/feedback.js';
import { apiFetch } from '../api/http';
import { queryKeys } from '../api/query-keys';
import type { ApiError } from '../api/errors';

/** What a person sends: everything but the target, which the caller of `give` names. */
export type FeedbackAnswer = Partial<Omit<Feedback, 'target' | 'createdAt' | 'updatedAt'>>;

const drop = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** The person's feedback in one session (its replies and the session itself), and a way to give or change it. */
export function useSessionFeedback(sessionId: string | undefined) {
  const client = useQueryClient();
  const key = queryKeys.sessionFeedback(sessionId ?? '');
  const query = useQuery({
    queryKey: key,
    enabled: Boolean(sessionId),
    queryFn: () => apiFetch<{ feedback: Feedback[] }>(`/api/feedback?session=${encodeURIComponent(sessionId!)}`).then((r) => r.feedback),
  });
  const mutation = useMutation<Feedback, ApiError, { target: FeedbackTarget; answer: FeedbackAnswer }>({
    mutationFn: ({ target, answer }) =>
      apiFetch<{ feedback: Feedback }>('/api/feedback', { method: 'POST', json: { data: { target, ...drop(answer) } } }).then((r) => r.feedback),
    onSuccess: (saved) =>
      client.setQueryData<Feedback[]>(key, (list = []) => [
        ...list.filter((f) => !(f.target.kind === saved.target.kind && f.target.id === saved.target.id)),
        saved,
      ]),
  });
  const of = (target: FeedbackTarget) => query.data?.find((f) => f.target.kind === target.kind && f.target.id === target.id) ?? null;
  return {
    of,
    give: (target: FeedbackTarget, answer: FeedbackAnswer) => mutation.mutateAsync({ target, answer }),
    saving: mutation.isPending ? mutation.variables?.target.id : undefined,
    error: mutation.error,
  };
}
export type SessionFeedback = ReturnType<typeof useSessionFeedback>;

/** The person's feedback on one output outside a session (a brief, a draft, a persona), and a way to give or change it. */
export function useTargetFeedback(target: FeedbackTarget) {
  const client = useQueryClient();
  const key = queryKeys.targetFeedback(target.kind, target.id);
  const query = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<{ feedback: Feedback | null }>(`/api/feedback?target=${encodeURIComponent(`${target.kind}:${target.id}`)}`).then((r) => r.feedback),
  });
  const mutation = useMutation<Feedback, ApiError, FeedbackAnswer>({
    mutationFn: (answer) =>
      apiFetch<{ feedback: Feedback }>('/api/feedback', { method: 'POST', json: { data: { target, ...drop(answer) } } }).then((r) => r.feedback),
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
  return {
    of: (t: FeedbackTarget) => (t.kind === target.kind && t.id === target.id ? (query.data ?? null) : null),
    give: (_t: FeedbackTarget, answer: FeedbackAnswer) => mutation.mutateAsync(answer),
    saving: mutation.isPending ? target.id : undefined,
  };
}
