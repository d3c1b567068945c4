import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { precompressDir } from '../../scripts/precompress.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** One request, the body exactly as it came over the wire (fetch would decompress it). */
function get(url: string, pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: pathname, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

// A built UI of our own: an index.html and a hashed script big enough to be worth compressing,
// and a hashed file too small for it.
const dir = mkdtempSync(path.join(tmpdir(), 'pf-ui-'));
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "row ${i}" }`).join(', ')}];\n`;
const index = `<!doctype html><html><head><title>personaflow</title><script type="module" src="/assets/app-1a2b3c.js"></script></head><body><div id="root"></div><!-- ${'padding '.repeat(200)} --></body></html>`;
const tiny = 'export const x = 1;\n';

describe('the UI and the API, compressed', () => {
  let server: TestServer;
  beforeAll(async () => {
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), index);
    writeFileSync(path.join(dir, 'assets/app-1a2b3c.js'), script);
    writeFileSync(path.join(dir, 'assets/tiny-9f8e7d.js'), tiny);
    await precompressDir(dir);
    server = await startTestServer('pglite', { uiDir: dir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the build step writes .br and .gz copies of files of 1 KiB and more, none of smaller ones', () => {
    expect(brotliDecompressSync(readFileSync(path.join(dir, 'assets/app-1a2b3c.js.br'))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(path.join(dir, 'assets/app-1a2b3c.js.gz'))).toString()).toBe(script);
    expect(existsSync(path.join(dir, 'index.html.br'))).toBe(true);
    expect(existsSync(path.join(dir, 'assets/tiny-9f8e7d.js.br'))).toBe(false);
    expect(existsSync(path.join(dir, 'assets/tiny-9f8e7d.js.gz'))).toBe(false);
  });

  test('brotli when accepted, as the browsers ask; a year of immutable caching for hashed files', async () => {
    const res = await get(server.url, '/assets/app-1a2b3c.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    // The security headers are on the compressed file too.
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('gzip when only gzip is accepted, and when brotli is refused (q=0)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip']) {
      const res = await get(server.url, '/assets/app-1a2b3c.js', { 'accept-encoding': accept });
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(res.body).toString()).toBe(script);
    }
  });

  test('the file as it is when no encoding is accepted, with the same caching', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const res = await get(server.url, '/assets/app-1a2b3c.js', headers);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.body.toString()).toBe(script);
    }
  });

  test('a file too small to have copies is sent as it is', async () => {
    const res = await get(server.url, '/assets/tiny-9f8e7d.js', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(tiny);
  });

  test('HEAD gives the headers of the encoding that GET would send, and no body', async () => {
    const res = await get(server.url, '/assets/app-1a2b3c.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.length).toBe(0);
  });

  test("a copy's ETag revalidates that copy (304), not another encoding's", async () => {
    const first = await get(server.url, '/assets/app-1a2b3c.js', { 'accept-encoding': 'br' });
    const etag = String(first.headers['etag']);
    expect((await get(server.url, '/assets/app-1a2b3c.js', { 'accept-encoding': 'br', 'if-none-match': etag })).status).toBe(304);
    const gzip = await get(server.url, '/assets/app-1a2b3c.js', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  test('index.html, for / and for any app route, is compressed and revalidated on every load', async () => {
    for (const page of ['/', '/personas/123', '/index.html']) {
      const res = await get(server.url, page, { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.body).toString()).toBe(index);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  test('a hashed file that is not there is a 404, not the app page; nothing outside the UI folder is served', async () => {
    const missing = await get(server.url, '/assets/app-000000.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    for (const escape of ['/assets/..%2f..%2fpackage.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await get(server.url, escape);
      expect(res.body.toString()).not.toContain('"name"');
      expect(res.body.toString()).not.toContain('root:');
    }
  });

  test('API JSON of 1 KiB and more is compressed when accepted; small replies and identity clients get it plain', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${server.url}/api/products`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { name: `Product ${i}`, description: 'Route planning for regional carriers, with live traffic and driver hours.' } }),
      });
      expect(res.status).toBe(201);
    }
    const br = await get(server.url, '/api/products', { 'accept-encoding': 'br, gzip' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    const list = JSON.parse(brotliDecompressSync(br.body).toString()) as { products: unknown[] };
    expect(list.products).toHaveLength(8);
    const gzip = await get(server.url, '/api/products', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(list);
    const plain = await get(server.url, '/api/products');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(list);
    const health = await get(server.url, '/healthz', { 'accept-encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString())).toMatchObject({ ok: true });
    // fetch (which decompresses) sees the same API.
    expect(((await (await fetch(`${server.url}/api/products`)).json()) as { products: unknown[] }).products).toHaveLength(8);
  });

  test('a streamed flow is not compressed: its chunks arrive as written', async () => {
    const res = await fetch(`${server.url}/api/flows/personaDefinition`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'accept-encoding': 'br, gzip' },
      body: JSON.stringify({ data: { message: 'We sell to heads of logistics at mid-sized carriers.' } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    const text = await res.text();
    expect(text).toContain('data: {"message"');
    expect(text).toContain('data: {"result"');
  });
});
