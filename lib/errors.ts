// Domain errors with a code the surface (flow, REST route) turns into a status and a message.
export type AppErrorCode = 'not_found' | 'conflict' | 'invalid' | 'model_unavailable' | 'model_output_invalid';

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

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export const staleVersion = (expected: number, actual: number) =>
  new AppError(
    'conflict',
    `This was changed elsewhere (you had version ${expected}, the latest is ${actual}). Reload to see the latest, then try again.`,
    { expectedVersion: expected, currentVersion: actual },
  );
