// The first page's bytes over the wire: `/` and every file it references (its scripts,
// stylesheets and module preloads, the modules those import statically, and the files their CSS
// url()s name), fetched from the server `npm start` runs, with each Accept-Encoding a browser may
// send. The route's own lazily loaded page chunk is not counted (it depends on the route).
// `npx tsx bench/first-page.ts` alone, or as part of `npm run bench`.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildIfStale } from '../scripts/build-if-stale.js';
import { startProduct } from './cold-start.js';

export const ENCODINGS = { identity: undefined, gzip: 'gzip', 'br, gzip': 'br, gzip' } as const;
export type Encoding = keyof typeof ENCODINGS;
export type PageBytes = { files: number; bodyBytes: number; headerBytes: number; decodedBytes: number };

type Fetched = { body: Buffer; encoded: number; headers: number };

function fetchRaw(base: string, pathname: string, acceptEncoding: string | undefined): Promise<Fetched> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: pathname, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${pathname}: HTTP ${res.statusCode}`));
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const body = encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
        // Status line and header lines as sent: "HTTP/1.1 200 OK\r\n" + "Name: value\r\n"… + "\r\n".
        let headers = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`.length;
        resolve({ body, encoded: wire.length, headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Same-origin files a file references: HTML src/href, static JS imports, CSS url()s. */
function references(file: string, text: string): string[] {
  const found: string[] = [];
  const resolve = (ref: string) => {
    if (/^(data:|https?:|#)/.test(ref)) return;
    found.push(new URL(ref, `http://x${file}`).pathname);
  };
  if (file.endsWith('.html') || file === '/') {
    for (const m of text.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) resolve(m[1]!);
  } else if (file.endsWith('.js')) {
    // import … from "./x.js", import "./x.js", export … from "./x.js" — not import("./x.js") (lazy).
    for (const m of text.matchAll(/\b(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) resolve(m[1]!);
  } else if (file.endsWith('.css')) {
    for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) resolve(m[1]!);
  }
  return found;
}

/** `/` and everything it pulls in before the app runs, in one encoding. */
export async function firstPageBytes(base: string, encoding: Encoding): Promise<PageBytes> {
  const seen = new Set<string>(['/']);
  const queue = ['/'];
  const total: PageBytes = { files: 0, bodyBytes: 0, headerBytes: 0, decodedBytes: 0 };
  while (queue.length) {
    const file = queue.shift()!;
    const got = await fetchRaw(base, file, ENCODINGS[encoding]);
    total.files++;
    total.bodyBytes += got.encoded;
    total.headerBytes += got.headers;
    total.decodedBytes += got.body.length;
    for (const ref of references(file, got.body.toString('utf8'))) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      queue.push(ref);
    }
  }
  return total;
}

export async function benchFirstPage(): Promise<{ load: number; bytes: Record<Encoding, PageBytes> }> {
  await buildIfStale();
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-bench-'));
  chmodSync(dir, 0o755);
  const server = await startProduct(path.join(dir, 'data'));
  try {
    const load = loadavg()[0]!;
    const bytes = {} as Record<Encoding, PageBytes>;
    for (const encoding of Object.keys(ENCODINGS) as Encoding[]) bytes[encoding] = await firstPageBytes(server.url, encoding);
    return { load, bytes };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printFirstPage(r: { load: number; bytes: Record<Encoding, PageBytes> }) {
  const kib = (n: number) => (n / 1024).toFixed(1);
  console.log('\n## First page over the wire: `/` and the files it references before the app runs (KiB)\n');
  console.log(`| Accept-Encoding | files | bodies | bodies + response headers | decoded | load average (1 min) |`);
  console.log('|---|---|---|---|---|---|');
  for (const [encoding, b] of Object.entries(r.bytes))
    console.log(`| ${encoding} | ${b.files} | ${kib(b.bodyBytes)} | ${kib(b.bodyBytes + b.headerBytes)} | ${kib(b.decodedBytes)} | ${r.load.toFixed(2)} |`);
}

if (import.meta.filename === process.argv[1]) printFirstPage(await benchFirstPage());
