// `?returnTo=<path>`: where a page goes back to after saving. Only same-origin relative paths
// ("/personas/builder?…") are accepted, so a crafted link cannot send anyone elsewhere.

export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  try {
    const url = new URL(value, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** A relative path with one query parameter set (replacing any earlier value). */
export function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, window.location.origin);
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A link to `to` that comes back to `from` afterwards. */
export const linkWithReturn = (to: string, from: string) => `${to}${to.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(from)}`;
