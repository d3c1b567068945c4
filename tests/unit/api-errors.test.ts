import { describe, expect, test } from 'vitest';
import { toApiError } from '../../ui/src/shared/api/errors.js';

// How the UI reads a failed flow call: a streamed error carries its details as JSON on the last
// line (server/genkit-express.ts), so a library conflict's copy survives streaming.
describe('toApiError', () => {
  test('a streamed error with JSON details keeps them', () => {
    const details = { reason: 'library_changed', kind: 'persona', currentVersion: 2, current: { data: { coreGoal: 'Ship' } } };
    const e = toApiError(new Error(`ABORTED: The persona changed elsewhere.\n${JSON.stringify(details)}`));
    expect(e.status).toBe(409);
    expect(e.message).toBe('The persona changed elsewhere.');
    expect(e.details).toEqual(details);
  });

  test('a streamed error without details has none, and the placeholder is dropped', () => {
    const e = toApiError(new Error('UNAVAILABLE: The model is down.\n[object Object]'));
    expect(e).toMatchObject({ status: 503, message: 'The model is down.', details: undefined });
    expect(toApiError(new Error('ABORTED: Two lines\nof text')).message).toBe('Two lines\nof text');
  });

  test('a non-200 flow reply keeps its JSON body details', () => {
    const e = toApiError(new Error('Server returned: 409: {"status":"ABORTED","message":"Changed.","details":{"currentVersion":3}}'));
    expect(e).toMatchObject({ status: 409, message: 'Changed.', details: { currentVersion: 3 } });
  });
});
