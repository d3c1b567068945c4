// Writing one email draft with the draftEmail flow, streamed: the text so far while it is
// written, stop, and the failure to show. Starting again (or leaving the page) stops the last one.
import { useEffect, useRef, useState } from 'react';
import type { DraftEmailInput } from '@schemas/email.js';
import type { ApiError } from '../../../shared/api/errors';
import { streamDraft, type DraftSoFar, type EmailDraft } from '../api/leads';

export type DraftRun = { status: 'idle' } | { status: 'streaming'; soFar: DraftSoFar } | { status: 'error'; error: ApiError };

export function useDraftStream() {
  const [run, setRun] = useState<DraftRun>({ status: 'idle' });
  const abortRef = useRef<AbortController | null>(null);

  // Leaving the page stops a draft being written.
  useEffect(() => () => abortRef.current?.abort(), []);

  /** Streams a draft; `onDraft` gets the finished one (in the same update that ends the stream). */
  async function start(input: Partial<DraftEmailInput> & { leadId: string }, onDraft: (draft: EmailDraft) => void) {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setRun({ status: 'streaming', soFar: { subject: '', body: '' } });
    try {
      const result = await streamDraft(
        input,
        (soFar) => {
          if (!controller.signal.aborted) setRun({ status: 'streaming', soFar });
        },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      onDraft(result);
      setRun({ status: 'idle' });
    } catch (e) {
      if (controller.signal.aborted) return;
      setRun({ status: 'error', error: e as ApiError });
    }
  }

  function stop() {
    abortRef.current?.abort();
    setRun({ status: 'idle' });
  }

  return { run, streaming: run.status === 'streaming', start, stop, dismissError: () => setRun({ status: 'idle' }) };
}
