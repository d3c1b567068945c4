import { describe, expect, test } from 'vitest';
import { composeEmail } from '../../mail/compose.js';
import { createMailer } from '../../mail/mailer.js';

describe('composeEmail', () => {
  const email = composeEmail({
    to: 'dana@nordlys.example',
    from: 'Dana from Shipwise <dana@shipwise.test>',
    subject: 'A quick idea',
    body: 'Hi Dana,\n\nShort note.\n\n',
    publicUrl: 'http://personaflow.test/',
    unsubscribeToken: 'tok_123',
    logId: '0b9c1b9e-3f1a-4c55-9a6e-0d2f8d7a1e11',
  });

  test('one-click unsubscribe headers (RFC 2369 / RFC 8058) and a footer link to the same URL', () => {
    expect(email.headers['List-Unsubscribe']).toBe('<http://personaflow.test/unsubscribe/tok_123>');
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.body).toBe(
      'Hi Dana,\n\nShort note.\n\n--\nIf you would rather not hear from us again, unsubscribe here: http://personaflow.test/unsubscribe/tok_123\n',
    );
  });

  test('a sender profile adds its signature under the draft and its company and postal address to the footer', () => {
    const signed = composeEmail({
      to: 'jo@nordlys.example',
      from: '"Dana Reyes, RoutePilot" <dana@routepilot.test>',
      replyTo: 'replies@routepilot.test',
      subject: 's',
      body: 'Hi Jo,\n\nShort note.\n\nDana',
      publicUrl: 'http://personaflow.test',
      unsubscribeToken: 'tok',
      logId: 'id1',
      signature: '  Dana Reyes\nHead of Growth  ',
      company: 'RoutePilot',
      postalAddress: '12 Harbour St, Leith',
    });
    expect(signed.body).toBe(
      'Hi Jo,\n\nShort note.\n\nDana\n\nDana Reyes\nHead of Growth\n\n--\nRoutePilot · 12 Harbour St, Leith\nIf you would rather not hear from RoutePilot again, unsubscribe here: http://personaflow.test/unsubscribe/tok\n',
    );
    expect(signed.replyTo).toBe('replies@routepilot.test');
    // A quoted display name does not leak its quote into the Message-ID domain.
    expect(signed.messageId).toBe('<id1@routepilot.test>');
  });

  test('the Message-ID comes from the email log id and the From domain, so every attempt of one send carries the same id', () => {
    expect(email.messageId).toBe('<0b9c1b9e-3f1a-4c55-9a6e-0d2f8d7a1e11@shipwise.test>');
    expect(email.headers['Message-ID']).toBe(email.messageId);
    const bare = composeEmail({
      to: 'a@b.example',
      from: 'ops@mail.shipwise.test',
      subject: 's',
      body: 'b',
      publicUrl: 'http://x.test',
      unsubscribeToken: 't',
      logId: 'abc',
    });
    expect(bare.messageId).toBe('<abc@mail.shipwise.test>');
  });

  test('the outbox renders the RFC 5322 message with those headers', async () => {
    const mailer = createMailer({});
    if (mailer.mode !== 'outbox') throw new Error('expected outbox mode');
    const { raw, providerMessageId } = await mailer.render(email);
    mailer.close();
    expect(providerMessageId).toBe(email.messageId);
    // Long headers may be folded (RFC 5322 2.2.3): unfold before reading them.
    const head = raw.slice(0, raw.indexOf('\n\n')).replace(/\n[ \t]+/g, ' ');
    expect(head).toMatch(/^List-Unsubscribe: <http:\/\/personaflow\.test\/unsubscribe\/tok_123>$/m);
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(head).toMatch(/^Message-ID: <0b9c1b9e-3f1a-4c55-9a6e-0d2f8d7a1e11@shipwise\.test>$/m);
    expect(head).toMatch(/^To: dana@nordlys\.example$/m);
    expect(head).toMatch(/^Subject: A quick idea$/m);
    expect(raw).toContain('unsubscribe here: http://personaflow.test/unsubscribe/tok_123');
    // No Reply-To unless one was set: replies go to From.
    expect(head).not.toMatch(/^Reply-To:/im);
  });

  test('Reply-To is rendered when the sender set one', async () => {
    const mailer = createMailer({});
    if (mailer.mode !== 'outbox') throw new Error('expected outbox mode');
    const { raw } = await mailer.render({ ...email, replyTo: 'replies@shipwise.test' });
    mailer.close();
    expect(raw.slice(0, raw.indexOf('\n\n'))).toMatch(/^Reply-To: replies@shipwise\.test$/m);
  });
});
