import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';

// The built UI (dist/ui). The build writes .br and .gz copies beside its text files
// (scripts/precompress.ts); each request gets the copy its Accept-Encoding takes (brotli first),
// else the file itself. Vite names every file under /assets by its content hash, so those are
// cached for a year and never revalidated; index.html names the current ones, so it is revalidated
// on every load; anything else is cached for an hour.

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HOUR = 'public, max-age=3600';
const REVALIDATE = 'no-cache';
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Sends `file` (inside the UI folder) in the best encoding the request accepts that has a copy on disk. */
async function sendUiFile(req: Request, res: Response, file: string, cacheControl: string): Promise<void> {
  const copies = await Promise.all(ENCODINGS.map(async (e) => ((await isFile(file + e.suffix)) ? e : undefined)));
  const available = copies.filter((e) => e !== undefined);
  // Caches keep one copy per Accept-Encoding wherever the answer depends on it.
  if (available.length) res.vary('Accept-Encoding');
  const chosen = available.find((e) => req.acceptsEncodings(e.name) === e.name);
  res.type(path.extname(file));
  await new Promise<void>((resolve, reject) =>
    res.sendFile(
      chosen ? file + chosen.suffix : file,
      { cacheControl: false, dotfiles: 'deny', headers: { 'Cache-Control': cacheControl, ...(chosen ? { 'Content-Encoding': chosen.name } : {}) } },
      (err) => (err && !res.headersSent ? reject(err) : resolve()),
    ),
  );
}

/** GET/HEAD of any file of the built UI, and index.html for every other path (the single-page app's routes). */
export function uiFiles(uiDir: string): RequestHandler {
  const root = path.resolve(uiDir);
  const index = path.join(root, 'index.html');
  const assets = path.join(root, 'assets') + path.sep;
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    try {
      // req.path is still percent-encoded; a malformed escape reaches the URI error handler.
      const file = path.join(root, decodeURIComponent(req.path));
      const inside = file.startsWith(root + path.sep) && !file.includes('\0');
      const asset = inside && file.startsWith(assets);
      if (inside && file !== index && (await isFile(file))) await sendUiFile(req, res, file, asset ? IMMUTABLE : HOUR);
      // A build's file that is not there (an old index.html's asset) is a 404, not the app's page.
      else if (asset) next();
      else await sendUiFile(req, res, index, REVALIDATE);
    } catch (err) {
      next(err);
    }
  };
}
