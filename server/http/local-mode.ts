import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';
import type { HttpSettings } from './settings.js';

// Local mode has no sign-in, so the server must make sure that what reaches it is the person at
// this machine and not a web page:
//  - Host check: a page on evil.example can point its own name at 127.0.0.1 (DNS rebinding) and
//    then read and drive the API as "same origin". Its requests carry Host: evil.example, so
//    anything but this server's own names is refused.
//  - Origin check: a page on another site can still send POSTs (forms, text/plain fetches) to
//    localhost. State-changing requests with a foreign Origin, or marked cross-site by the
//    browser, are refused. Requests with neither header (curl, scripts, the Genkit client) pass.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
const WILDCARD_BIND = new Set(['0.0.0.0', '::', '']);

/** "Example.COM:3000" → "example.com", "[::1]:3000" → "::1"; null when it is not a host. */
export function hostnameOf(hostHeader: string): string | null {
  const h = hostHeader.trim().toLowerCase();
  if (!h) return null;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end === -1 ? null : h.slice(1, end);
  }
  const colon = h.indexOf(':');
  const name = (colon === -1 ? h : h.slice(0, colon)).replace(/\.$/, '');
  return /^[a-z0-9.-]+$/.test(name) ? name : null;
}

export type HostPolicy = { allows(hostname: string): boolean; names: string[] };

export function hostPolicy(settings: Pick<HttpSettings, 'bindHost' | 'publicUrl' | 'allowedHosts'>): HostPolicy {
  const exact = new Set(LOOPBACK);
  const suffixes: string[] = [];
  const bind = settings.bindHost
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (!WILDCARD_BIND.has(bind)) exact.add(bind);
  if (settings.publicUrl) {
    try {
      exact.add(new URL(settings.publicUrl).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
    } catch {
      // env.ts already insists on a URL.
    }
  }
  for (const entry of settings.allowedHosts) {
    const e = entry.trim().toLowerCase();
    if (!e) continue;
    if (e.startsWith('.')) suffixes.push(e);
    else {
      const name = hostnameOf(e);
      if (name) exact.add(name);
    }
  }
  return {
    allows: (hostname) => exact.has(hostname) || suffixes.some((s) => hostname.endsWith(s) || hostname === s.slice(1)),
    names: [...exact, ...suffixes.map((s) => `*${s}`)],
  };
}

const refused = (message: string) => new HttpError(421, 'PERMISSION_DENIED', message);

/** Refuses a Host that is not one of this server's names. /healthz stays open (probes use an IP). */
export function hostGuard(policy: HostPolicy, open: string[] = ['/healthz']): RequestHandler {
  return (req, _res, next) => {
    if (open.includes(req.path)) return next();
    const header = req.headers.host;
    // HTTP/1.0 without a Host header: not a browser, nothing to rebind.
    if (header === undefined) return next();
    const name = hostnameOf(header);
    if (name && policy.allows(name)) return next();
    const shown = (name ?? header).slice(0, 100);
    next(
      refused(
        `This server does not answer to the host name "${shown}". If you reach it by that name, add it to ALLOWED_HOSTS (comma-separated, e.g. ALLOWED_HOSTS=${name ?? 'pf.example.com'}) or set PUBLIC_URL to its address, and restart.`,
      ),
    );
  };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing request sent by a web page of another origin. `exempt` matches requests
 * authorised by something else (the unsubscribe link's token, which mail clients POST to).
 */
export function originGuard(policy: HostPolicy, exempt: (req: { method: string; path: string }) => boolean): RequestHandler {
  return (req, _res, next) => {
    if (!STATE_CHANGING.has(req.method) || exempt(req)) return next();
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let host: string | null = null;
      try {
        const url = new URL(origin);
        if (url.protocol === 'http:' || url.protocol === 'https:') host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
      } catch {
        host = null;
      }
      if (host && policy.allows(host)) return next();
      return next(
        new HttpError(
          403,
          'PERMISSION_DENIED',
          `Refused: this request came from a web page at ${String(origin).slice(0, 100)}, and pages of other sites may not change anything here. If that page is yours, add its host name to ALLOWED_HOSTS and restart.`,
        ),
      );
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      return next(
        new HttpError(
          403,
          'PERMISSION_DENIED',
          'Refused: the browser marked this request as sent by another site, and pages of other sites may not change anything here. Use personaflow’s own pages, or call the API from a script.',
        ),
      );
    }
    next();
  };
}
