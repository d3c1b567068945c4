import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Queries } from '../db/queries/index.js';
import type { ProviderControl } from '../models/provider-control.js';
import type { ProviderInfo } from '../models/providers.js';
import { errorHandler, notFoundRoute } from './errors.js';
import { flowRoutes, type FlowRoute } from './routes/flows.js';
import { CompanyProfileInputSchema } from '../schemas/company.js';
import { ContactInputSchema } from '../schemas/contact.js';
import { ProductInputSchema } from '../schemas/product.js';
import { buyingProcessRoutes } from './routes/buying-processes.js';
import { contactAnalysisRoutes } from './routes/contact-analyses.js';
import { resourceRoutes } from './routes/resources.js';
import { senderRoutes } from './routes/sender.js';
import { memoryRoutes } from './routes/memory.js';
import { intakeRoutes } from './routes/intake.js';
import { settingsRoutes } from './routes/settings.js';
import { usageRoutes } from './routes/usage.js';
import { DEFAULT_PRICES, type Price } from '../lib/model-prices.js';
import { personaRoutes } from './routes/personas.js';
import { personaAnalyticsRoutes } from './routes/persona-analytics.js';
import { feedbackRoutes } from './routes/feedback.js';
import { insightRoutes } from './routes/insights.js';
import { analyticsRoutes } from './routes/analytics.js';
import { responseRoutes } from './routes/responses.js';
import { sessionRoutes } from './routes/sessions.js';
import { promptVersionRoutes } from './routes/prompt-versions.js';
import { campaignRoutes } from './routes/campaigns.js';
import { leadRoutes } from './routes/leads.js';
import { leadResearchRoutes } from './routes/lead-research.js';
import { createSafeFetcher, type SafeFetchOptions } from '../research/safe-fetch.js';
import { researchWebsite } from '../research/website-research.js';
import { outboxRoutes, suppressionRoutes } from './routes/outbox.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';
import { surveyRoutes } from './routes/survey.js';
import { surveyLinkRoutes } from './routes/survey-link.js';
import type { Outreach } from './outreach.js';
import { jsonBodyGuard, requireJsonBody, uriErrorHandler, urlGuard } from './http/input-guards.js';
import { hostGuard, hostPolicy, originGuard } from './http/local-mode.js';
import { perMinuteLimit } from './http/rate-limits.js';
import { safeErrors } from './http/safe-errors.js';
import { securityHeaders } from './http/security-headers.js';
import { compressResponses } from './http/compress.js';
import { uiFiles } from './http/ui-files.js';
import { localScope } from './http/request-scope.js';
import { toNodeHandler } from 'better-auth/node';
import type { Auth } from './auth/auth.js';
import { teamScope } from './auth/team-scope.js';
import { invitationRoutes, meRoutes, workspaceRoutes, workspacesRoutes } from './routes/account.js';
import { DEFAULT_RATE_LIMITS, type HttpSettings } from './http/settings.js';
import type { WriteBehind } from '../lib/write-behind.js';
import type { ModelCallRecord } from '../schemas/model-call.js';

export type AppDeps = {
  db: Database;
  queries: Queries;
  /** Local mode's one workspace: every request works in it as the local user. Absent in team mode. */
  localWorkspaceId?: string;
  flows: Record<string, FlowRoute>;
  provider: ProviderInfo;
  /** Switching and testing the model provider; without it the provider is fixed. */
  providerControl?: ProviderControl;
  /** US$ per million tokens by model, for usage estimates. */
  prices?: Record<string, Price>;
  /** The built UI (dist/ui); served with a single-page-app fallback when present. */
  uiDir?: string;
  bodyLimit?: string;
  /** Leads, campaigns and their job runner (server/outreach.ts). */
  outreach: Outreach;
  /** Team mode: accounts and sessions (server/auth/auth.ts). Absent in local mode. */
  auth?: Auth;
  /** How lead research fetches websites (FETCH_ALLOW_HOSTS; tests add limits or a resolver). Default: no private host allowed. */
  research?: SafeFetchOptions;
  /** Model-call usage records queued behind their calls (server/services.ts): written before usage is read. */
  usageQueue?: Pick<WriteBehind<ModelCallRecord>, 'flush' | 'pending'>;
};

/**
 * The public links' POSTs, authorised by their token and sent from anywhere: the unsubscribe link (a
 * form, or a mail client's one-click) and the survey form (the page may be opened through any address).
 */
const isPublicLinkPost = (req: { method: string; path: string }) => req.method === 'POST' && /^\/(unsubscribe|survey)\/[^/]+\/?$/.test(req.path);

/**
 * The whole HTTP surface; tests call it directly, server/main.ts is the only file that listens.
 * `http` (Host/Origin names, rate limits): server/main.ts passes the environment's; without it,
 * loopback names and the mail PUBLIC_URL are accepted and the default limits apply.
 */
export function createApp(deps: AppDeps, http: Partial<HttpSettings> = {}): express.Express {
  const app = express();
  const activeProvider = () => deps.providerControl?.state().active ?? deps.provider;
  const draftingModel = () => {
    const active = activeProvider();
    return { model: active.model, label: active.offline ? 'the offline generator' : active.model };
  };
  const publicUrl = http.publicUrl ?? deps.outreach.mail.publicUrl;
  const hosts = hostPolicy({ bindHost: http.bindHost ?? '127.0.0.1', publicUrl, allowedHosts: http.allowedHosts ?? [] });
  const limits = { ...DEFAULT_RATE_LIMITS, ...http.rateLimits };
  app.disable('x-powered-by');
  // Only the proxies named in TRUST_PROXY may say who the client is (X-Forwarded-For): the per-address limits count by it.
  app.set('trust proxy', http.trustProxy ?? false);
  app.use(securityHeaders({ publicUrl }));
  app.use(hostGuard(hosts));
  app.use(urlGuard);
  app.use(originGuard(hosts, isPublicLinkPost));
  app.use(compressResponses());
  if (deps.auth) {
    // Before the JSON parser: better-auth reads its own bodies.
    const signInLimit = perMinuteLimit({ perMinute: limits.signInsPerMinute, what: 'sign-in attempts', setting: 'RATE_LIMIT_SIGN_IN_PER_MINUTE' });
    app.use(['/api/auth/sign-in', '/api/auth/sign-up'], signInLimit);
    app.all('/api/auth/{*any}', toNodeHandler(deps.auth));
  }
  app.use(requireJsonBody(['/unsubscribe', '/survey']));
  // A lead CSV can be thousands of rows: that one route takes a larger body than the rest.
  app.use('/api/leads/import', express.json({ limit: '6mb' }));
  // A response import is up to 100,000 rows in one request (the UI sends 5,000 at a time).
  app.use('/api/responses/import', express.json({ limit: '25mb' }));
  app.use(express.json({ limit: deps.bodyLimit ?? '100kb' }));
  app.use(jsonBodyGuard);

  // Every /api request gets its scope (workspace and actor) before any route or limit sees it.
  if (deps.auth) app.use('/api', teamScope({ auth: deps.auth, queries: deps.queries, open: (p, m) => m === 'GET' && /^\/invitations\/[^/]+\/?$/.test(p) }));
  else if (deps.localWorkspaceId) app.use('/api', localScope(deps.localWorkspaceId));
  else throw new Error('createApp: neither team mode (auth) nor local mode (localWorkspaceId)');
  const flowLimit = perMinuteLimit({ perMinute: limits.flowsPerMinute, what: 'flow calls', setting: 'RATE_LIMIT_FLOWS_PER_MINUTE' });
  const importLimit = perMinuteLimit({ perMinute: limits.importsPerMinute, what: 'imports', setting: 'RATE_LIMIT_IMPORTS_PER_MINUTE' });
  app.use('/api/flows', flowLimit);
  app.use(['/api/leads/import', '/api/personas/import', '/api/responses/import'], importLimit);

  app.get('/healthz', async (_req, res) => {
    await deps.db.execute(sql`select 1`);
    res.json({ ok: true, provider: activeProvider().provider, model: activeProvider().model });
  });

  app.get('/api/config', (_req, res) => {
    res.json({ ...activeProvider(), mailMode: deps.outreach.mail.mailer.mode });
  });
  app.use('/api/settings/sender', senderRoutes({ profiles: deps.queries.senderProfiles, settings: deps.outreach.senderSettings, audit: deps.queries.audit }));
  if (deps.providerControl) app.use('/api/settings', settingsRoutes({ control: deps.providerControl, audit: deps.queries.audit }));
  const account = { queries: deps.queries, mode: deps.auth ? ('team' as const) : ('local' as const), publicUrl };
  app.use('/api/me', meRoutes(account));
  app.use('/api/workspaces', workspacesRoutes(account));
  app.use('/api/invitations', invitationRoutes(account));
  app.use('/api/workspace', workspaceRoutes(account));
  app.use('/api/flows', flowRoutes(deps.flows));
  app.use('/api/usage', usageRoutes({ ...deps, prices: deps.prices ?? DEFAULT_PRICES }));
  app.use('/api/personas', personaRoutes(deps));
  app.use('/api/personas', personaAnalyticsRoutes({ queries: deps.queries, jobs: deps.outreach.jobs }));
  app.use('/api/analytics', analyticsRoutes(deps));
  app.use('/api/responses', responseRoutes(deps));
  app.use('/api/buying-processes', buyingProcessRoutes(deps));
  const { queries } = deps;
  app.use(
    '/api/company-profiles',
    resourceRoutes({
      audit: queries.audit,
      resource: queries.companyProfiles,
      inputSchema: CompanyProfileInputSchema,
      what: 'Company profile',
      one: 'companyProfile',
      many: 'companyProfiles',
    }),
  );
  app.use(
    '/api/products',
    resourceRoutes({ audit: queries.audit, resource: queries.products, inputSchema: ProductInputSchema, what: 'Product', one: 'product', many: 'products' }),
  );
  app.use('/api/contacts', contactAnalysisRoutes(deps));
  app.use(
    '/api/contacts',
    resourceRoutes({ audit: queries.audit, resource: queries.contacts, inputSchema: ContactInputSchema, what: 'Contact', one: 'contact', many: 'contacts' }),
  );
  app.use('/api/sessions', sessionRoutes(deps));
  app.use('/api/prompt-versions', promptVersionRoutes(deps));
  app.use('/api/feedback', feedbackRoutes(deps));
  app.use('/api/insights', insightRoutes(deps));
  const fetchPage = createSafeFetcher(deps.research ?? { allowHosts: [] });
  app.use('/api/leads', leadResearchRoutes({ queries, readWebsite: (url) => researchWebsite(fetchPage, url) }));
  app.use('/api/leads', leadRoutes({ queries, jobs: deps.outreach.jobs, learnEmailTone: deps.outreach.learnEmailTone }));
  app.use(
    '/api/campaigns',
    campaignRoutes({ queries, outreach: deps.outreach, prices: deps.prices ?? DEFAULT_PRICES, usageQueue: deps.usageQueue, draftingModel }),
  );
  app.use('/api/outbox', outboxRoutes({ queries, mode: deps.outreach.mail.mailer.mode }));
  app.use('/api/suppressions', suppressionRoutes({ queries }));
  app.use('/api/memory', memoryRoutes({ memory: queries.memory, audit: queries.audit }));
  app.use('/api/intake', intakeRoutes({ memory: queries.memory, companyProfiles: queries.companyProfiles, intake: queries.intake, audit: queries.audit }));
  app.use('/api/survey-link', surveyLinkRoutes({ links: queries.surveyLinks, audit: queries.audit, publicUrl }));
  app.use('/unsubscribe', unsubscribeRoutes({ queries }));
  app.use(
    '/survey',
    surveyRoutes({
      links: queries.surveyLinks,
      responses: queries.surveyResponses,
      companyProfiles: queries.companyProfiles,
      answersPerMinute: limits.surveyAnswersPerMinute,
    }),
  );
  app.use('/api', notFoundRoute);

  if (deps.uiDir && existsSync(path.join(deps.uiDir, 'index.html'))) app.use(uiFiles(deps.uiDir));
  app.use(notFoundRoute);
  app.use(uriErrorHandler);
  app.use(safeErrors);
  app.use(errorHandler);
  return app;
}
