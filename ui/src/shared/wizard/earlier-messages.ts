import { useState } from 'react';
import type { ChatMessage } from '@schemas/wizard.js';
import type { MessagePage } from '@schemas/transcript.js';
import { apiFetch } from '../api/http';
import { toApiError, type ApiError } from '../api/errors';

type Paged = MessagePage['messages'][number];

/** Where the messages a turn returns begin in the conversation, and which session it is. */
export type ChatHistory = { sessionId: string; messageCount: number };

const PAGE = 50;

/**
 * The conversation before the latest messages a turn returns (the state keeps only those), a page
 * at a time on request. What was loaded stays while the session goes on; an undo that reaches
 * back into it shows only what is still before the latest messages.
 */
export function useEarlierMessages(history: ChatHistory | undefined, latest: readonly ChatMessage[]) {
  const [loaded, setLoaded] = useState<{ sessionId: string; messages: Paged[] } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const windowStart = history ? Math.max(0, history.messageCount - latest.length) : 0;
  const mine = history && loaded?.sessionId === history.sessionId ? loaded.messages : [];
  const earlier = mine.filter((m) => m.position < windowStart);
  const first = earlier[0]?.position ?? windowStart;

  async function loadMore() {
    if (!history || loading) return;
    setLoading(true);
    setError(null);
    try {
      const page = await apiFetch<MessagePage>(`/api/sessions/${encodeURIComponent(history.sessionId)}/messages?before=${first}&limit=${PAGE}`);
      setLoaded({ sessionId: history.sessionId, messages: [...page.messages, ...earlier] });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  }

  return { earlier, hiddenCount: first, loading, error, loadMore };
}
