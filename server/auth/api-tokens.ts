import { createHash, randomBytes } from 'node:crypto';

// API tokens are 32 random bytes: a fast hash is enough to store them (nothing to brute-force),
// and lets a request find its token by one indexed lookup.
const PREFIX = 'pf_';

export function newApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + 6) };
}

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The token of an `Authorization: Bearer pf_…` header, if it carries one. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}
