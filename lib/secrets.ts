// One place that decides what looks like a secret. Everything a model provider says (error text,
// a connection test's reply, a log line) passes through maskSecrets before it leaves the server.

export const REDACTED = '[redacted]';

const PATTERNS: Array<[RegExp, string]> = [
  // user:password@ in a connection URL (SMTP, Postgres, a provider base URL), first: the rules
  // below would otherwise take "apikey:<password>@host" for a key and swallow the host with it.
  // The user may be empty (smtp://:pass@host); the password runs to the LAST @ before the host, so
  // an unencoded @ in it (smtp://dana:p@ss@host) is masked whole.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)[^\s/"'<>]+@/gi, `$1${REDACTED}@`],
  // Google API keys (Gemini), OpenAI / Anthropic style keys, and a few other well-known prefixes.
  [/AIza[0-9A-Za-z_-]{10,}/g, REDACTED],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  [/\b(?:gsk_|hf_|xai-|ghp_|gho_|github_pat_|glpat-|AKIA)[A-Za-z0-9_-]{12,}/g, REDACTED],
  // Authorization headers and tokens wherever they are quoted.
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // SMTP AUTH as a client or server transcript quotes it: the base64 is user and password.
  [/\b(AUTH\s+(?:PLAIN|LOGIN|XOAUTH2|CRAM-MD5))\s+[A-Za-z0-9+/=]{4,}/gi, `$1 ${REDACTED}`],
  // key=... in a URL or a form, and "api_key": "..." / x-goog-api-key: ... in JSON or headers.
  [/([?&](?:key|api_?key|access_token|token|auth|password)=)[^&\s"'<>]+/gi, `$1${REDACTED}`],
  // A password is masked whatever its length (password=abc12 in a connection string, "pass": "x").
  [/(\b(?:password|passwd|pwd|pass)["']?\s*[:=]\s*["']?)(?!\[redacted\])[^\s"',;&}]+/gi, `$1${REDACTED}`],
  [
    /((?:api[-_]?key|x-goog-api-key|authorization|access[-_]?token|client[-_]?secret)["']?\s*[:=]\s*["']?)(?!\[redacted\]|(?:Bearer|Basic|Token)\s)[^\s"',;&}]{6,}/gi,
    `$1${REDACTED}`,
  ],
];

const configured = new Set<string>();

/**
 * The values of this server's own keys (GEMINI_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY, LLM_API_KEY, ...): they are
 * masked exactly, even when they look like nothing in particular. Short values are ignored: masking
 * every "abc" in a message would make it unreadable and protect nothing.
 */
export function registerSecrets(values: Iterable<string | undefined | null>): void {
  for (const v of values) if (v && v.trim().length >= 6) configured.add(v.trim());
}

/** Forget registered values (tests). */
export function clearRegisteredSecrets(): void {
  configured.clear();
}

/** Text with anything that looks like a key, token or password replaced by [redacted]. */
export function maskSecrets(text: string): string {
  let out = text;
  // Longest first, so a key that contains another registered value is masked whole.
  for (const value of [...configured].sort((a, b) => b.length - a.length)) out = out.split(value).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** maskSecrets applied to every string in a JSON-like value (objects, arrays), bounded in depth. */
export function maskSecretsDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (depth > 16 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskSecretsDeep(v, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecretsDeep(v, depth + 1)])) as T;
}
