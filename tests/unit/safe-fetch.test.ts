import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSafeFetcher, isAllowedHost, privateAddressReason } from '../../research/safe-fetch.js';

// The SSRF cases of docs/research.md. Every refused address is refused before a connection: the
// only sockets opened are to the two in-process servers below, and the "hidden" one must never
// see a request.

type Site = { server: http.Server; port: number; hits: string[] };
async function site(handler: http.RequestListener): Promise<Site> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

let allowed: Site;
let hidden: Site;
const page = (body: string) => `<!doctype html><html><head><title>Acme</title></head><body><p>${body}</p></body></html>`;

beforeAll(async () => {
  hidden = await site((_req, res) => res.end(page('internal admin')));
  allowed = await site((req, res) => {
    const url = req.url ?? '/';
    if (url === '/to-metadata') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (url === '/to-hidden') return res.writeHead(301, { location: `http://127.0.0.1:${hidden.port}/admin` }).end();
    if (url === '/to-private-name') return res.writeHead(302, { location: `http://intranet.example:${hidden.port}/` }).end();
    if (url.startsWith('/loop')) return res.writeHead(302, { location: `/loop${Number(url.slice(5) || 0) + 1}` }).end();
    if (url === '/relative') return res.writeHead(302, { location: '/ok' }).end();
    if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const more = () => {
        while (sent < 48 && res.write(chunk)) sent++;
        if (sent < 48) res.once('drain', more);
        else res.end();
      };
      return more();
    }
    if (url === '/huge-declared') return res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5_000_000) }).end();
    if (url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>Starting');
      return; // never ends
    }
    if (url === '/pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF');
    if (url === '/ok') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('We build picking robots.'));
    res.writeHead(404).end('no');
  });
});
afterAll(async () => {
  for (const s of [allowed, hidden]) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
  }
});

const allowHosts = () => [`127.0.0.1:${allowed.port}`];
const base = () => `http://127.0.0.1:${allowed.port}`;
// A resolver for names these tests make up: never the real DNS.
const names: Record<string, string> = { 'intranet.example': '10.0.0.7', 'sneaky.example': '127.0.0.1', 'metadata.example': '169.254.169.254' };
const lookup: LookupFunction = (hostname, options, callback) => {
  const address = names[hostname];
  const cb = callback as (err: NodeJS.ErrnoException | null, address: unknown, family?: number) => void;
  if (!address) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
  if ((options as { all?: boolean }).all) cb(null, [{ address, family: 4 }]);
  else cb(null, address, 4);
};

describe('the SSRF-safe fetcher', () => {
  test('refuses loopback, private-network and metadata addresses, without connecting', async () => {
    const fetchPage = createSafeFetcher({ allowHosts: allowHosts() });
    const loopback = await fetchPage(`http://127.0.0.1:${hidden.port}/`);
    expect(loopback).toMatchObject({ ok: false, reason: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/) });
    expect(await fetchPage(`http://localhost:${hidden.port}/`)).toMatchObject({ ok: false, reason: expect.stringMatching(/resolves to .*loopback/) });
    expect(await fetchPage(`http://[::1]:${hidden.port}/`)).toMatchObject({ ok: false, reason: expect.stringMatching(/loopback/) });
    expect(await fetchPage(`http://[::ffff:127.0.0.1]:${hidden.port}/`)).toMatchObject({ ok: false, reason: expect.stringMatching(/loopback/) });
    expect(await fetchPage('http://10.1.2.3/')).toMatchObject({ ok: false, reason: 'refused: 10.1.2.3 is a private-network address' });
    expect(await fetchPage('http://192.168.0.1:8080/')).toMatchObject({ ok: false, reason: expect.stringMatching(/private-network/) });
    expect(await fetchPage('http://169.254.169.254/latest/meta-data/')).toMatchObject({
      ok: false,
      reason: 'refused: 169.254.169.254 is the cloud metadata address',
    });
    expect(await fetchPage('http://0.0.0.0/')).toMatchObject({ ok: false, reason: expect.stringMatching(/unspecified/) });
    expect(hidden.hits).toEqual([]);
  });

  test('refuses a public-looking name that resolves to a private address (checked when the socket connects)', async () => {
    const fetchPage = createSafeFetcher({ allowHosts: allowHosts(), lookup });
    expect(await fetchPage('http://intranet.example/')).toEqual({
      ok: false,
      url: 'http://intranet.example/',
      reason: 'refused: intranet.example resolves to 10.0.0.7 is a private-network address',
    });
    expect(await fetchPage(`http://sneaky.example:${hidden.port}/`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/sneaky\.example resolves to 127\.0\.0\.1/),
    });
    expect(await fetchPage('https://metadata.example/')).toMatchObject({ ok: false, reason: expect.stringMatching(/cloud metadata/) });
    expect(await fetchPage('http://nowhere.example/')).toMatchObject({ ok: false, reason: 'the name nowhere.example does not resolve' });
    expect(hidden.hits).toEqual([]);
  });

  test('checks every redirect: to the metadata address, to a loopback port not allowed, to a name that resolves privately', async () => {
    const fetchPage = createSafeFetcher({ allowHosts: allowHosts(), lookup });
    expect(await fetchPage(`${base()}/to-metadata`)).toEqual({
      ok: false,
      url: `${base()}/to-metadata`,
      reason: 'refused: 169.254.169.254 is the cloud metadata address (redirected to http://169.254.169.254/latest/meta-data/)',
    });
    expect(await fetchPage(`${base()}/to-hidden`)).toMatchObject({ ok: false, reason: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback/) });
    expect(await fetchPage(`${base()}/to-private-name`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/intranet\.example resolves to 10\.0\.0\.7/),
    });
    expect(hidden.hits).toEqual([]);
  });

  test('reads an allowed host, follows a relative redirect, and stops after the redirect limit', async () => {
    const fetchPage = createSafeFetcher({ allowHosts: allowHosts(), limits: { maxRedirects: 3 } });
    const ok = await fetchPage(`${base()}/relative`);
    expect(ok).toMatchObject({ ok: true, url: `${base()}/ok` });
    expect(ok.ok && ok.html).toContain('We build picking robots.');
    expect(await fetchPage(`${base()}/loop`)).toMatchObject({ ok: false, reason: expect.stringMatching(/^more than 3 redirects/) });
  });

  test('refuses an oversized page (streamed or declared), a slow page, other schemes and non-HTML', async () => {
    const fetchPage = createSafeFetcher({ allowHosts: allowHosts(), limits: { maxBytes: 1_000_000, timeoutMs: 400 } });
    expect(await fetchPage(`${base()}/huge`)).toMatchObject({ ok: false, reason: 'the page is larger than 1 MB' });
    expect(await fetchPage(`${base()}/huge-declared`)).toMatchObject({ ok: false, reason: 'the page is larger than 1 MB (5 MB)' });
    const started = Date.now();
    expect(await fetchPage(`${base()}/slow`)).toMatchObject({ ok: false, reason: 'timed out after 0.4 s' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await fetchPage('file:///etc/passwd')).toMatchObject({ ok: false, reason: 'only http and https pages are read (not file:)' });
    expect(await fetchPage('ftp://example.com/')).toMatchObject({ ok: false, reason: expect.stringMatching(/only http and https/) });
    expect(await fetchPage(`http://user:pw@127.0.0.1:${allowed.port}/ok`)).toMatchObject({ ok: false, reason: expect.stringMatching(/user name or password/) });
    expect(await fetchPage(`${base()}/pdf`)).toMatchObject({ ok: false, reason: 'not a web page (application/pdf)' });
    expect(await fetchPage(`${base()}/missing`)).toMatchObject({ ok: false, reason: 'the site answered 404 Not Found' });
    expect(await fetchPage('not a url')).toMatchObject({ ok: false, reason: 'not a valid URL' });
  });

  test('FETCH_ALLOW_HOSTS entries match host and, when given, port', () => {
    expect(isAllowedHost(new URL('http://127.0.0.1:4000/'), ['127.0.0.1:4000'])).toBe(true);
    expect(isAllowedHost(new URL('http://127.0.0.1:4001/'), ['127.0.0.1:4000'])).toBe(false);
    expect(isAllowedHost(new URL('https://Wiki.Intranet/'), ['wiki.intranet'])).toBe(true);
    expect(isAllowedHost(new URL('https://wiki.intranet/'), ['wiki.intranet:443'])).toBe(true);
    expect(isAllowedHost(new URL('http://wiki.intranet/'), ['wiki.intranet:443'])).toBe(false);
    expect(isAllowedHost(new URL('http://[::1]:8080/'), ['[::1]:8080'])).toBe(true);
    expect(isAllowedHost(new URL('http://evil.wiki.intranet/'), ['wiki.intranet'])).toBe(false);
    expect(privateAddressReason('8.8.8.8')).toBeUndefined();
    expect(privateAddressReason('100.64.1.1')).toMatch(/carrier-grade NAT/);
    expect(privateAddressReason('fd00::1')).toMatch(/private-network/);
  });
});
