import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { GenkitBeta as Genkit } from 'genkit/beta';
import { createApp } from '../../server/app.js';
import { controlProviders } from '../../models/provider-control.js';
import { describeProvider } from '../../models/providers.js';
import { wireApp } from '../../server/services.js';
import { offlineAi } from './ai.js';
import { createAi } from '../../genkit.config.js';
import { writeBehind } from '../../lib/write-behind.js';
import { createMailer } from '../../mail/mailer.js';
import type { MailSettings, Outreach } from '../../server/outreach.js';
import { createTestDb, type TestDb } from './db.js';
import { createAuth } from '../../server/auth/auth.js';
import type { HttpSettings } from '../../server/http/settings.js';
import type { AppDeps } from '../../server/app.js';

export type TestServer = { url: string; db: TestDb; outreach: Outreach; close(): Promise<void> };

/** The real express app on a random port, offline model, its own database. */
export async function startTestServer(
  driver: 'pglite' | 'postgres' = 'pglite',
  opts: {
    bodyLimit?: string;
    uiDir?: string;
    ai?: Genkit | ((db: TestDb) => Genkit);
    controlProviders?: boolean;
    mail?: Partial<MailSettings>;
    http?: Partial<HttpSettings>;
    /** Team mode: sign-in required (server/auth); `openSignup` lets anyone create an account. */
    team?: { openSignup?: boolean };
    /** The queue the ai's usage records go through, as server/services.ts wires it. */
    usageQueue?: AppDeps['usageQueue'];
    /** The offline ai recording every model call through a write-behind queue, as the real server does. */
    recordUsage?: boolean;
    /** The price table (server/services.ts passes the defaults with MODEL_PRICES over them). */
    prices?: AppDeps['prices'];
    /** The daily persona sync's schedule (server/services.ts passes PERSONA_SYNC_CRON); none unless a test asks. */
    personaSyncCron?: string;
    /** Lead research's fetcher settings (server/services.ts passes FETCH_ALLOW_HOSTS). */
    research?: AppDeps['research'];
  } = {},
): Promise<TestServer> {
  const db = await createTestDb(driver);
  const usage = opts.recordUsage ? writeBehind({ write: db.queries.modelCalls.recordMany, what: 'usage record' }) : undefined;
  const ai = usage
    ? createAi({ provider: { kind: 'offline', model: 'personaflow' }, resilience: { record: usage.add } })
    : typeof opts.ai === 'function'
      ? opts.ai(db)
      : (opts.ai ?? offlineAi());
  const usageQueue = usage ?? opts.usageQueue;
  const mail: MailSettings = {
    mailer: opts.mail?.mailer ?? createMailer({}),
    from: 'Dana from Shipwise <dana@shipwise.test>',
    publicUrl: 'http://personaflow.test',
    concurrency: 4,
    heartbeatSeconds: 10,
    ...opts.mail,
  };
  const deps = wireApp({
    ai,
    handle: db.handle,
    mail,
    ...(opts.controlProviders ? { providerControl: controlProviders(ai, { timeoutMs: 5000, maxRetries: 0, fallbackModel: null }) } : {}),
    db: db.handle.db,
    queries: db.queries,
    ...(opts.team
      ? {
          auth: createAuth({
            db: db.handle.db,
            queries: db.queries,
            secret: await db.queries.accounts.secret({ name: 'auth-signing' }),
            publicUrl: 'http://127.0.0.1',
            trustedOrigins: [],
            openSignup: opts.team.openSignup ?? false,
          }),
        }
      : { localWorkspaceId: db.workspaceId }),
    provider: describeProvider({ kind: 'offline', model: 'personaflow' }),
    bodyLimit: opts.bodyLimit,
    uiDir: opts.uiDir ?? '/nonexistent',
    ...(usageQueue ? { usageQueue } : {}),
    ...(opts.prices ? { prices: opts.prices } : {}),
    ...(opts.research ? { research: opts.research } : {}),
    personaSyncCron: opts.personaSyncCron ?? null,
  });
  await deps.outreach.jobs.start();
  // Test servers are never throttled unless a test asks for a limit (tests/http/rate-limits.test.ts).
  const app = createApp(deps, { rateLimits: { flowsPerMinute: 0, importsPerMinute: 0, signInsPerMinute: 0, surveyAnswersPerMinute: 0 }, ...opts.http });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    outreach: deps.outreach,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await deps.outreach.jobs.stop();
      mail.mailer.close();
      await db.close();
    },
  };
}
