import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../../../shared/api/errors';
import { invalidateResponseFigures, postImportChunk, type RejectedResponseRow } from '../api/responses';
import type { CsvChunks } from '../csv-chunks';

export type ImportRun = {
  /** 'stopping': the chunk on its way is still answered (and counted) before the import stops. */
  status: 'running' | 'stopping' | 'done' | 'stopped' | 'failed';
  /** Data rows sent and answered, of all the file's rows. */
  done: number;
  total: number;
  imported: number;
  rejected: RejectedResponseRow[];
  error?: ApiError;
};

/**
 * Sends a CSV's chunks one after the other (each waits for the previous: the server scores every
 * response as it is stored). Stopping waits for the chunk on its way, so the totals stay true; what
 * earlier chunks imported stays imported after a stop or a failure, and the result says so.
 */
export function useChunkedImport() {
  const qc = useQueryClient();
  const [run, setRun] = useState<ImportRun | null>(null);
  const abort = useRef<AbortController | null>(null);
  const stopRequested = useRef(false);
  // Leaving the page drops the request on its way (nobody is left to read its answer).
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(
    async ({ chunks, rows }: CsvChunks) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      stopRequested.current = false;
      let state: ImportRun = { status: 'running', done: 0, total: rows, imported: 0, rejected: [] };
      setRun(state);
      try {
        for (const chunk of chunks) {
          const reply = await postImportChunk(chunk.csv, chunk.firstLine, controller.signal);
          state = { ...state, done: state.done + chunk.rows, imported: state.imported + reply.imported, rejected: [...state.rejected, ...reply.rejected] };
          if (stopRequested.current) break;
          setRun(state);
          // The table behind the panel shows the rows as they arrive.
          void invalidateResponseFigures(qc);
        }
        state = { ...state, status: stopRequested.current && state.done < state.total ? 'stopped' : 'done' };
      } catch (err) {
        if (controller.signal.aborted) return;
        state = { ...state, status: 'failed', error: toApiError(err) };
      }
      if (abort.current === controller) abort.current = null;
      setRun(state);
      void invalidateResponseFigures(qc);
    },
    [qc],
  );

  const stop = useCallback(() => {
    stopRequested.current = true;
    setRun((r) => (r?.status === 'running' ? { ...r, status: 'stopping' } : r));
  }, []);
  const clear = useCallback(() => setRun(null), []);
  return { run, start, stop, clear };
}
