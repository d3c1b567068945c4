import { AsyncLocalStorage } from 'node:async_hooks';

// Which flow (and workspace) a model call belongs to, for usage accounting, without threading
// it through every prompt call; in a wizard turn, which turn (its transcript links the calls); in a
// campaign send, which run (the run shows what its drafts cost).
export type CallContext = { flow: string; workspaceId: string | null; turnId?: string; runId?: string };

const storage = new AsyncLocalStorage<CallContext>();

export const withCallContext = <T>(context: CallContext, fn: () => Promise<T>): Promise<T> => storage.run(context, fn);
export const currentCallContext = (): CallContext | undefined => storage.getStore();
