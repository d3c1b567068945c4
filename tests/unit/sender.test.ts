import { describe, expect, test } from 'vitest';
import { formatAddress, resolveSender, senderWarnings } from '../../mail/sender.js';
import type { SenderProfile } from '../../schemas/sender-profile.js';
import { SenderProfileInputSchema } from '../../schemas/sender-profile.js';

const profile: SenderProfile = {
  fromName: 'Sam Okafor',
  fromEmail: 'sam@fieldkit.test',
  replyTo: '',
  signature: 'Sam',
  postalAddress: '4 Mill Lane, Bristol',
  version: 1,
  updatedAt: '2026-12-02T00:00:00.000Z',
};

describe('formatAddress', () => {
  test('a plain name stays bare; a name with a reserved character is quoted and escaped', () => {
    expect(formatAddress('Sam Okafor', 'sam@fieldkit.test')).toBe('Sam Okafor <sam@fieldkit.test>');
    expect(formatAddress('Okafor, Sam', 's@x.test')).toBe('"Okafor, Sam" <s@x.test>');
    expect(formatAddress('Sam "the fixer" O.', 's@x.test')).toBe('"Sam \\"the fixer\\" O." <s@x.test>');
  });
});

describe('resolveSender', () => {
  test('a profile wins over MAIL_FROM and signs with its own name', () => {
    expect(resolveSender({ profile, server: { from: 'Ops <ops@server.test>', signAsCompany: false }, companyName: 'Fieldkit' })).toEqual({
      from: 'Sam Okafor <sam@fieldkit.test>',
      replyTo: '',
      signOff: 'Sam Okafor',
      signature: 'Sam',
      postalAddress: '4 Mill Lane, Bristol',
      company: 'Fieldkit',
      source: 'profile',
    });
  });

  test('without a profile: MAIL_FROM and its name, or the company team when only the placeholder is set', () => {
    expect(
      resolveSender({ profile: null, server: { from: 'Ops at Fieldkit <ops@fieldkit.test>', signAsCompany: false }, companyName: 'Fieldkit' }),
    ).toMatchObject({
      from: 'Ops at Fieldkit <ops@fieldkit.test>',
      signOff: 'Ops at Fieldkit',
      source: 'server',
    });
    expect(
      resolveSender({ profile: null, server: { from: 'personaflow <outreach@personaflow.localhost>', signAsCompany: true }, companyName: 'Fieldkit' }).signOff,
    ).toBe('The Fieldkit team');
  });
});

describe('senderWarnings', () => {
  const server = (from: string) => resolveSender({ profile: null, server: { from, signAsCompany: true }, companyName: 'Fieldkit' });
  test('the placeholder and a missing postal address are named, with where to fix them', () => {
    const w = senderWarnings(server('personaflow <outreach@personaflow.localhost>'), 'smtp');
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/placeholder.*Settings → Sender/);
    expect(w[1]).toMatch(/postal address.*CAN-SPAM/);
  });
  test('a complete profile has nothing to fix', () => {
    expect(senderWarnings(resolveSender({ profile, server: { from: 'x <x@x.test>', signAsCompany: false }, companyName: 'F' }), 'smtp')).toEqual([]);
  });
});

describe('SenderProfileInputSchema', () => {
  test('header injection and stray brackets are refused; optional fields default to empty', () => {
    expect(SenderProfileInputSchema.safeParse({ fromName: 'Sam\nBcc: x@y.test', fromEmail: 'sam@fieldkit.test' }).success).toBe(false);
    expect(SenderProfileInputSchema.safeParse({ fromName: 'Sam <sam@x.test>', fromEmail: 'sam@fieldkit.test' }).success).toBe(false);
    expect(SenderProfileInputSchema.parse({ fromName: ' Sam ', fromEmail: ' sam@fieldkit.test ' })).toEqual({
      fromName: 'Sam',
      fromEmail: 'sam@fieldkit.test',
      replyTo: '',
      signature: '',
      postalAddress: '',
    });
  });
});
