import { describe, expect, test } from 'vitest';
import { classifySendError } from '../../mail/mailer.js';

describe('classifySendError', () => {
  test('a 4xx reply is retryable, a 5xx reply is permanent; both certainly not delivered', () => {
    expect(classifySendError(Object.assign(new Error('451 Try again later'), { responseCode: 451, code: 'EMESSAGE' }))).toEqual({
      message: expect.stringMatching(/try later.*451 Try again later/),
      retryable: true,
      outcomeUnknown: false,
    });
    expect(classifySendError(Object.assign(new Error('550 Mailbox unavailable'), { responseCode: 550, code: 'EENVELOPE' }))).toEqual({
      message: expect.stringMatching(/refused the message.*550 Mailbox unavailable/),
      retryable: false,
      outcomeUnknown: false,
    });
  });

  test('a connection that never opened is retryable; a line that dropped mid-conversation is outcome unknown', () => {
    expect(classifySendError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' }))).toMatchObject({
      retryable: true,
      outcomeUnknown: false,
    });
    expect(classifySendError(Object.assign(new Error('getaddrinfo ENOTFOUND smtp.nowhere'), { code: 'EDNS' }))).toMatchObject({
      retryable: true,
      outcomeUnknown: false,
    });
    expect(classifySendError(Object.assign(new Error('Invalid login: 535 nope'), { code: 'EAUTH' }))).toMatchObject({
      retryable: false,
      outcomeUnknown: false,
      message: expect.stringMatching(/SMTP_URL/),
    });
    expect(classifySendError(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }))).toEqual({
      message: expect.stringMatching(/may or may not have been delivered/),
      retryable: false,
      outcomeUnknown: true,
    });
  });
});
