import { expect, test } from 'vitest';
import { errorFromBody, onUnauthenticated, toApiError, type ApiError } from '../../ui/src/shared/api/errors.js';

// Team mode: every 401 the UI meets (REST via errorFromBody, Genkit's runFlow/streamFlow via
// toApiError) reaches the one listener the app shell uses to send the person to sign in.
test('a 401 from a REST call or a flow call is reported once; other failures are not', () => {
  const heard: ApiError[] = [];
  const stop = onUnauthenticated((e) => heard.push(e));
  try {
    errorFromBody(401, JSON.stringify({ status: 'UNAUTHENTICATED', message: 'Sign in first.' }));
    toApiError(new Error('Server returned: 401: {"error":{"status":"UNAUTHENTICATED","message":"Sign in first."}}'));
    errorFromBody(403, JSON.stringify({ status: 'PERMISSION_DENIED', message: 'Owners only.' }));
    errorFromBody(500, 'oops');
    expect(heard.map((e) => [e.status, e.message])).toEqual([
      [401, 'Sign in first.'],
      [401, 'Sign in first.'],
    ]);
  } finally {
    stop();
  }
  errorFromBody(401, '{}');
  expect(heard).toHaveLength(2);
});
