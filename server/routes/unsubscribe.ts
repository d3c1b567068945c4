import { Router, urlencoded } from 'express';
import type { Queries } from '../../db/queries/index.js';

// The page behind every email's unsubscribe link, for recipients (not app users): plain HTML.
// GET only shows a confirm button (mail scanners open links); POST unsubscribes, and is also the
// RFC 8058 one-click target mail clients call with "List-Unsubscribe=One-Click".

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>` +
  `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}.from{color:#6b7280;font-size:14px}button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:#4338ca;color:#fff;cursor:pointer}</style>` +
  `</head><body>${body}</body></html>`;

/** Who the person heard from, in the words they know: the company profile's name, else the sender's name, else its domain. */
async function senderOf(queries: Queries, found: { workspaceId: string; from: string }): Promise<{ company: string; from: string }> {
  const [profile] = await queries.companyProfiles.list({ workspaceId: found.workspaceId });
  const display = /^\s*"?([^"<]+?)"?\s*<[^>]+>\s*$/.exec(found.from)?.[1]?.trim();
  const domain = /@([^>\s]+)>?\s*$/.exec(found.from)?.[1];
  return { company: profile?.name || display || domain || 'this sender', from: found.from };
}

export function unsubscribeRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  router.use(urlencoded({ extended: false, limit: '2kb' }));
  const unknown = page(
    'Link not recognised',
    '<h1>This unsubscribe link is not recognised</h1><p>It may have been copied incompletely. Reply to the email and ask to be removed.</p>',
  );
  router.get('/:token', async (req, res) => {
    const found = await queries.emailLogs.byUnsubscribeToken({ token: req.params.token });
    if (!found) return void res.status(404).type('html').send(unknown);
    const sender = await senderOf(queries, found);
    res
      .type('html')
      .send(
        page(
          `Unsubscribe from ${escape(sender.company)}`,
          `<h1>Unsubscribe from ${escape(sender.company)}</h1><p>Stop all emails from ${escape(sender.company)} to <strong>${escape(found.email)}</strong>?</p>` +
            `<p class="from">They were sent as ${escape(sender.from)}.</p><form method="post"><button type="submit" data-testid="unsubscribe-confirm">Unsubscribe</button></form>`,
        ),
      );
  });
  router.post('/:token', async (req, res) => {
    const found = await queries.emailLogs.byUnsubscribeToken({ token: req.params.token });
    if (!found) return void res.status(404).type('html').send(unknown);
    await queries.emailLogs.suppress({ workspaceId: found.workspaceId, email: found.email, reason: 'unsubscribed', source: 'unsubscribe' });
    const sender = await senderOf(queries, found);
    res
      .type('html')
      .send(
        page('Unsubscribed', `<h1>You are unsubscribed</h1><p>${escape(found.email)} will not receive any more emails from ${escape(sender.company)}.</p>`),
      );
  });
  return router;
}
