import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

// Fetches a web page a person named (a lead's website) without letting that name reach this
// server's own network: only http(s); every address a name resolves to is checked when the socket
// connects (request-filtering-agent), on the first request and on every redirect, so a public
// name that resolves to 10.x or 169.254.169.254, or redirects there, is refused before any
// connection. Hosts named in FETCH_ALLOW_HOSTS (an intranet, a test's local site) are let through.

export type FetchLimits = {
  /** Bytes of the (decompressed) body. */
  maxBytes: number;
  /** The whole fetch, redirects and body included. */
  timeoutMs: number;
  maxRedirects: number;
};

export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxBytes: 2_000_000, timeoutMs: 10_000, maxRedirects: 3 };

export type SafeFetchOptions = {
  /** host or host:port entries (FETCH_ALLOW_HOSTS) that may be private addresses. */
  allowHosts: readonly string[];
  limits?: Partial<FetchLimits>;
  /** Name resolution (tests inject one); node's dns.lookup when absent. */
  lookup?: LookupFunction;
};

export type FetchedPage = { ok: true; url: string; html: string } | { ok: false; url: string; reason: string };
export type SafeFetch = (url: string) => Promise<FetchedPage>;

const USER_AGENT = 'personaflow-research/1 (reads the website of a lead when a person asks)';

/** Why an address is not fetched, for a person; undefined for a public (unicast) address. */
export function privateAddressReason(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return `${address} is not an address that can be checked`;
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  const shown = parsed.toString();
  if (shown === '169.254.169.254' || shown === 'fd00:ec2::254') return `${shown} is the cloud metadata address`;
  const names: Record<string, string> = {
    loopback: 'a loopback address (this machine)',
    private: 'a private-network address',
    uniqueLocal: 'a private-network address',
    linkLocal: 'a link-local address',
    unspecified: 'the unspecified address',
    carrierGradeNat: 'a carrier-grade NAT address',
    multicast: 'a multicast address',
    broadcast: 'the broadcast address',
  };
  return `${shown} is ${names[range] ?? `a reserved address (${range})`}`;
}

const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** Whether FETCH_ALLOW_HOSTS names this URL's host (and its port, when the entry has one). */
export function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  const host = unbracket(url.hostname);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowHosts.some((entry) => {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.trim());
    return m ? unbracket(m[1]!) === host && (!m[2] || m[2] === port) : false;
  });
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 100_000) / 10} MB`;

class Refused extends Error {}

/** A network error as a reason a person can act on. */
function reasonOf(err: unknown, url: URL, limits: FetchLimits): string {
  if (err instanceof Refused) return err.message;
  const e = err as { name?: string; code?: string; message?: string; cause?: unknown };
  if (e.name === 'AbortError' || e.code === 'ABORT_ERR') return `timed out after ${seconds(limits.timeoutMs)}`;
  const blocked = /DNS lookup (\S+?)\(.*is not allowed/.exec(e.message ?? '');
  if (blocked) return `refused: ${url.hostname} resolves to ${privateAddressReason(blocked[1]!) ?? blocked[1]}`;
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the name ${url.hostname} does not resolve`;
    case 'ECONNREFUSED':
      return `${url.host} refused the connection`;
    case 'ECONNRESET':
      return `${url.host} closed the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${url.host} cannot be reached`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `${url.host}'s TLS certificate is not valid (${e.code})`;
  }
  return `could not be read (${e.code ?? e.message ?? 'unknown error'})`;
}

function decoded(res: http.IncomingMessage): Readable {
  switch ((res.headers['content-encoding'] ?? '').toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

function textOf(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

export function createSafeFetcher(options: SafeFetchOptions): SafeFetch {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const filtering = { http: new RequestFilteringHttpAgent({ keepAlive: false }), https: new RequestFilteringHttpsAgent({ keepAlive: false }) };
  const open = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

  /** One request: a redirect's target, or the page's HTML. */
  function request(url: URL, signal: AbortSignal): Promise<{ redirect: string } | { html: string }> {
    const secure = url.protocol === 'https:';
    const agents = isAllowedHost(url, options.allowHosts) ? open : filtering;
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, {
        method: 'GET',
        agent: secure ? agents.https : agents.http,
        signal,
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9', 'accept-encoding': 'gzip, deflate, br' },
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ redirect: res.headers.location });
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return reject(new Refused(`the site answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`));
        }
        const contentType = res.headers['content-type'] ?? '';
        if (contentType && !/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) {
          res.resume();
          return reject(new Refused(`not a web page (${contentType.split(';')[0]!.trim()})`));
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > limits.maxBytes && !res.headers['content-encoding']) {
          res.destroy();
          return reject(new Refused(`the page is larger than ${megabytes(limits.maxBytes)} (${megabytes(declared)})`));
        }
        const body = decoded(res);
        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            res.destroy();
            body.destroy();
            reject(new Refused(`the page is larger than ${megabytes(limits.maxBytes)}`));
            return;
          }
          chunks.push(chunk);
        });
        body.on('error', reject);
        res.on('error', reject);
        body.on('end', () => resolve({ html: textOf(Buffer.concat(chunks), contentType) }));
      });
      req.end();
    });
  }

  return async function safeFetch(start: string): Promise<FetchedPage> {
    let url: URL;
    try {
      url = new URL(start);
    } catch {
      return { ok: false, url: start, reason: 'not a valid URL' };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
    try {
      for (let hop = 0; ; hop++) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Refused(`only http and https pages are read (not ${url.protocol})`);
        if (url.username || url.password) throw new Refused('a URL with a user name or password is not read');
        const host = unbracket(url.hostname);
        if (isIP(host) && !isAllowedHost(url, options.allowHosts)) {
          const why = privateAddressReason(host);
          if (why) throw new Refused(`refused: ${why}`);
        }
        const answer = await request(url, controller.signal);
        if ('html' in answer) return { ok: true, url: url.href, html: answer.html };
        if (hop >= limits.maxRedirects) throw new Refused(`more than ${limits.maxRedirects} redirects`);
        url = new URL(answer.redirect, url);
      }
    } catch (err) {
      const reason = controller.signal.aborted ? `timed out after ${seconds(limits.timeoutMs)}` : reasonOf(err, url, limits);
      // The URL asked for, and where its redirects led when that is where it failed.
      return { ok: false, url: start, reason: url.href === new URL(start).href ? reason : `${reason} (redirected to ${url.href})` };
    } finally {
      clearTimeout(timer);
    }
  };
}
