import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenkitBeta } from 'genkit/beta';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createQueries } from '../db/queries/index.js';
import { teamModeOn, type Env } from '../env.js';
import { createAi, promptDir, type AiOptions } from '../genkit.config.js';
import { promptVersions } from '../models/prompt-versions.js';
import { controlProviders } from '../models/provider-control.js';
import { configuredProviders, describeProvider, type ProviderInfo } from '../models/providers.js';
import { definePersonaDefinitionFlow, PERSONA_DEFINITION_FLOW } from '../flows/persona-definition.js';
import { ANALYZE_CONTACT_FLOW, defineAnalyzeContactFlow } from '../flows/analyze-contact.js';
import { BUYING_PROCESS_FLOW, defineBuyingProcessFlow } from '../flows/buying-process.js';
import { ContactAnalysisInputSchema, type ContactAnalysisInput } from '../schemas/contact-analysis.js';
import { defineFindProductFitsFlow, FIND_PRODUCT_FITS_FLOW, FindProductFitsInputSchema } from '../flows/find-product-fits.js';
import { defineGeneratePersonaFlow, GENERATE_PERSONA_FLOW } from '../flows/generate-persona.js';
import { checkTurnTarget } from '../flows/wizard-engine.js';
import { GeneratePersonaInputSchema } from '../schemas/persona-generation.js';
import { BuyingProcessInputSchema, type BuyingProcessInput } from '../schemas/buying-process.js';
import { PersonaDefinitionInputSchema, type PersonaDefinitionInput } from '../schemas/persona-definition.js';
import { DEFAULT_PRICES } from '../lib/model-prices.js';
import { writeBehind } from '../lib/write-behind.js';
import type { AppDeps } from './app.js';
import { createMailer } from '../mail/mailer.js';
import { PLACEHOLDER_FROM } from '../mail/sender.js';
import { wireOutreach, type MailSettings } from './outreach.js';
import { defineEvalEvaluators } from '../eval/evaluators.js';
import { workspaceMemory } from './workspace-memory.js';

export const uiDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'ui');

/** Defines every flow on `ai` and gathers what the express app needs; tests wire their own database through it. */
export function wireApp(
  args: Omit<AppDeps, 'flows' | 'uiDir' | 'outreach'> & {
    ai: GenkitBeta;
    uiDir?: string;
    handle: DatabaseHandle;
    mail: MailSettings;
    personaSyncCron?: string | null;
  },
): AppDeps {
  const { ai, handle, mail, personaSyncCron, ...rest } = args;
  const wizardDeps = { store: rest.queries.wizardSessions, localWorkspaceId: rest.localWorkspaceId };
  const personaDefinition = definePersonaDefinitionFlow(ai, { ...wizardDeps, memory: workspaceMemory(rest.queries.memory) });
  const buyingProcess = defineBuyingProcessFlow(ai, { ...wizardDeps, getPersona: rest.queries.personas.get, listPersonas: rest.queries.personas.list });
  const q = rest.queries;
  const generatePersona = defineGeneratePersonaFlow(ai, {
    localWorkspaceId: rest.localWorkspaceId,
    getCompany: q.companyProfiles.get,
    getProduct: q.products.get,
    getContact: q.contacts.get,
    savePersona: q.personas.save,
  });
  const analyzeContact = defineAnalyzeContactFlow(ai, {
    ...wizardDeps,
    getContact: q.contacts.get,
    getProduct: q.products.get,
    listPersonas: q.personas.list,
    listCompanies: q.companyProfiles.list,
    stagesForPersona: q.buyingProcesses.stagesForPersona,
    latestAnalysisVersion: q.contactAnalyses.latestVersion,
  });
  const findProductFits = defineFindProductFitsFlow(ai, {
    localWorkspaceId: rest.localWorkspaceId,
    getPersona: q.personas.get,
    listProducts: q.products.list,
    upsertFits: q.productFits.upsert,
    fitsForPersona: q.productFits.forPersona,
  });
  const outreach = wireOutreach({ ai, handle, queries: q, localWorkspaceId: rest.localWorkspaceId, mail, personaSyncCron });
  return {
    uiDir,
    ...rest,
    outreach,
    flows: {
      ...outreach.flows,
      [PERSONA_DEFINITION_FLOW]: {
        flow: personaDefinition,
        inputSchema: PersonaDefinitionInputSchema,
        precheck: (input: PersonaDefinitionInput, { workspaceId }) => checkTurnTarget({ ...wizardDeps, workspaceId }, PERSONA_DEFINITION_FLOW, input),
      },
      [GENERATE_PERSONA_FLOW]: { flow: generatePersona, inputSchema: GeneratePersonaInputSchema },
      [FIND_PRODUCT_FITS_FLOW]: { flow: findProductFits, inputSchema: FindProductFitsInputSchema },
      [ANALYZE_CONTACT_FLOW]: {
        flow: analyzeContact,
        inputSchema: ContactAnalysisInputSchema,
        precheck: (input: ContactAnalysisInput, { workspaceId }) => checkTurnTarget({ ...wizardDeps, workspaceId }, ANALYZE_CONTACT_FLOW, input),
      },
      [BUYING_PROCESS_FLOW]: {
        flow: buyingProcess,
        inputSchema: BuyingProcessInputSchema,
        precheck: (input: BuyingProcessInput, { workspaceId }) => checkTurnTarget({ ...wizardDeps, workspaceId }, BUYING_PROCESS_FLOW, input),
      },
    },
  };
}

/** The origins a browser may sign in from: this server's own names (local names, PUBLIC_URL, ALLOWED_HOSTS). */
function trustedOrigins(env: Env): string[] {
  const port = env.PORT;
  const names = ['localhost', '127.0.0.1', env.HOST, ...env.ALLOWED_HOSTS.filter((h) => !h.startsWith('.'))];
  const origins = names.flatMap((h) => [`http://${h}:${port}`, `https://${h}:${port}`, `http://${h}`, `https://${h}`]);
  if (env.PUBLIC_URL) origins.push(new URL(env.PUBLIC_URL).origin);
  return [...new Set(origins)];
}

export type Services = { ai: GenkitBeta; handle: DatabaseHandle; provider: ProviderInfo; appDeps: AppDeps; close(): Promise<void> };

/** Opens and migrates the database, builds the `ai` instance and defines every flow on it. */
export async function startServices(env: Env, aiOptions?: Partial<AiOptions>): Promise<Services> {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embedded: env.EMBEDDED_DB });
  try {
    await migrateDatabase(handle);
    const queries = createQueries(handle.db);
    // Local mode works in this workspace; in team mode the first account to sign up owns it.
    const workspaceId = await queries.workspaces.ensureDefault();
    // Every prompt template as it runs now, so any output can be traced to the exact text that wrote it.
    await queries.promptVersions.record([...promptVersions(promptDir).values()]);
    const team = teamModeOn(env);
    const available = configuredProviders(env);
    // Every model call's usage row is written behind the call, in batches, not inside the turn.
    const usageQueue = writeBehind({ write: queries.modelCalls.recordMany, what: 'usage record' });
    const providerSettings = aiOptions?.provider ?? available[0]!;
    const ai = createAi({
      ...aiOptions,
      provider: providerSettings,
      alternatives: available,
      resilience: {
        timeoutMs: env.MODEL_TIMEOUT_MS,
        maxRetries: env.MODEL_MAX_RETRIES,
        fallbackModel: env.MODEL_FALLBACK,
        record: usageQueue.add,
      },
    });
    // The eval's scorers, for the Dev UI and `genkit eval:run` (docs/eval.md).
    defineEvalEvaluators(ai);
    const provider = describeProvider(providerSettings);
    const prices = { ...DEFAULT_PRICES, ...env.MODEL_PRICES };
    const providerControl = controlProviders(ai, {
      timeoutMs: env.MODEL_TIMEOUT_MS,
      maxRetries: env.MODEL_MAX_RETRIES,
      fallbackModel: env.MODEL_FALLBACK ?? null,
    });
    const mail: MailSettings = {
      mailer: createMailer({ smtpUrl: env.SMTP_URL, maxConnections: Math.min(env.SEND_CONCURRENCY, 10) }),
      from: env.MAIL_FROM ?? PLACEHOLDER_FROM,
      ...(env.MAIL_FROM ? {} : { signAsCompany: true }),
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      concurrency: env.SEND_CONCURRENCY,
    };
    // better-auth (and its Kysely, JOSE and adapters) loads only in team mode: unused in local mode.
    const auth = team
      ? (await import('./auth/auth.js')).createAuth({
          db: handle.db,
          queries,
          secret: env.AUTH_SECRET ?? (await queries.accounts.secret({ name: 'auth-signing' })),
          publicUrl: mail.publicUrl,
          trustedOrigins: trustedOrigins(env),
          openSignup: env.AUTH_OPEN_SIGNUP === 'on',
        })
      : undefined;
    const appDeps = wireApp({
      ai,
      db: handle.db,
      handle,
      mail,
      queries,
      ...(auth ? { auth } : { localWorkspaceId: workspaceId }),
      provider,
      providerControl,
      prices,
      bodyLimit: env.BODY_LIMIT,
      research: { allowHosts: env.FETCH_ALLOW_HOSTS },
      usageQueue,
      personaSyncCron: env.ENABLE_PERSONA_SYNC === 'true' ? env.PERSONA_SYNC_CRON : null,
    });
    await appDeps.outreach.jobs.start();
    const close = async () => {
      await appDeps.outreach.jobs.stop();
      // After the jobs (they call models too), before the database closes.
      await usageQueue.flush();
      mail.mailer.close();
      await handle.close();
    };
    return { ai, handle, provider, appDeps, close };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
