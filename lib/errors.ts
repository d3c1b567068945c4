// Domain errors with a code the surface (flow, REST route) turns into a status and a message.
export type AppErrorCode = 'not_found' | 'conflict' | 'invalid' | 'unauthenticated' | 'forbidden' | 'model_unavailable' | 'model_output_invalid';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** How each code reaches a caller: the HTTP status of a REST reply, and the Genkit status a flow throws. */
export const APP_ERROR_STATUS = {
  not_found: { http: 404, genkit: 'NOT_FOUND' },
  conflict: { http: 409, genkit: 'ABORTED' },
  invalid: { http: 400, genkit: 'INVALID_ARGUMENT' },
  unauthenticated: { http: 401, genkit: 'UNAUTHENTICATED' },
  forbidden: { http: 403, genkit: 'PERMISSION_DENIED' },
  model_unavailable: { http: 503, genkit: 'UNAVAILABLE' },
  model_output_invalid: { http: 502, genkit: 'UNAVAILABLE' },
} as const satisfies Record<AppErrorCode, { http: number; genkit: string }>;

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export const staleVersion = (expected: number, actual: number) =>
  new AppError('conflict', `This was changed elsewhere (you had version ${expected}, the latest is ${actual}). Reload to see the latest, then try again.`, {
    expectedVersion: expected,
    currentVersion: actual,
  });

/** What a 409 from a library save carries: the library's current copy, so the person can choose field by field. */
export type LibraryConflictDetails<T> = {
  reason: 'library_changed';
  kind: 'persona' | 'buyingProcessMap';
  id: string;
  /** The library version the save was based on; null for a session that never recorded one. */
  baseVersion: number | null;
  currentVersion: number;
  current: T;
  /** The content of the base version, when the library still has it: which side changed a field since. */
  base?: unknown;
  /** Kept for callers that read the stale-version details. */
  expectedVersion: number | null;
};

/** A save based on an older library version than the library holds: refused, nothing written. */
export function libraryChanged<T>(what: string, d: Omit<LibraryConflictDetails<T>, 'reason' | 'expectedVersion'>): AppError {
  const base = d.baseVersion === null ? 'an older version' : `version ${d.baseVersion}`;
  return new AppError(
    'conflict',
    `${what} was changed elsewhere since you started from ${base} (the library now has version ${d.currentVersion}). Nothing was saved: choose, field by field, which values to keep, then save again.`,
    { reason: 'library_changed', ...d, expectedVersion: d.baseVersion } satisfies LibraryConflictDetails<T>,
  );
}
