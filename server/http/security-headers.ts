import type { RequestHandler } from 'express';
import helmet from 'helmet';

// Security headers on every response. The CSP fits the built UI (dist/ui): its scripts, styles
// and chunks come from /assets, the favicon is a data: URL, and it only talks to this server.
// Model-written Markdown therefore cannot load images from elsewhere (no tracking pixels).

const base = (https: boolean) => ({
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  // Upgrading subresources only makes sense when the server is reached over https.
  upgradeInsecureRequests: https ? [] : null,
});

export function securityHeaders(opts: { publicUrl?: string }): RequestHandler {
  const https = opts.publicUrl?.startsWith('https:') ?? false;
  const common = {
    strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' as const },
    xContentTypeOptions: true,
    xFrameOptions: { action: 'deny' as const },
    crossOriginEmbedderPolicy: false,
  };
  const app = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: base(https) } });
  // The public link pages (server/routes/unsubscribe.ts, server/routes/survey.ts) are plain HTML
  // with one inline <style> and no script at all.
  const publicPage = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: { ...base(https), scriptSrc: ["'none'"], styleSrc: ["'unsafe-inline'"] } },
  });
  return (req, res, next) => (/^\/(unsubscribe|survey)\//.test(req.path) ? publicPage(req, res, next) : app(req, res, next));
}
