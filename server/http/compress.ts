import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';
import { constants } from 'node:zlib';

/** Genkit streams a flow (as text/plain) when the request accepts text/event-stream or says ?stream=true. */
function streamed(req: Request, res: Response): boolean {
  return (
    /text\/event-stream/i.test(req.headers.accept ?? '') ||
    req.query.stream === 'true' ||
    String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')
  );
}

/**
 * Responses of 1 KiB and more are compressed in the encoding the client accepts (brotli preferred),
 * at levels cheap enough to pay on every request: brotli quality 4, gzip level 6. The built UI is
 * sent from its precompressed copies (server/http/ui-files.ts) and passes through untouched. A streamed
 * flow is never compressed: the compressor holds its chunks until it has enough,
 * and Genkit does not flush, so the browser would see the reply arrive all at once.
 */
export function compressResponses(): RequestHandler {
  return compression({
    threshold: 1024,
    level: 6,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    filter: (req, res) => !streamed(req, res) && compression.filter(req, res),
  });
}
