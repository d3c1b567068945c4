import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Genkit } from 'genkit';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createQueries } from '../db/queries/index.js';
import type { Env } from '../env.js';
import { chooseProvider, createAi, describeProvider, type AiOptions, type ProviderInfo } from '../genkit.config.js';
import { definePersonaDefinitionFlow, PERSONA_DEFINITION_FLOW } from '../flows/persona-definition.js';
import { PersonaDefinitionInputSchema } from '../schemas/persona-definition.js';
import type { AppDeps } from './app.js';

export const uiDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'ui');

export type Services = { ai: Genkit; handle: DatabaseHandle; provider: ProviderInfo; appDeps: AppDeps; close(): Promise<void> };

/** Opens and migrates the database, builds the `ai` instance and defines every flow on it. */
export async function startServices(env: Env, aiOptions?: Partial<AiOptions>): Promise<Services> {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await migrateDatabase(handle);
    const queries = createQueries(handle.db);
    const workspaceId = await queries.workspaces.ensureDefault();
    const providerSettings = aiOptions?.provider ?? chooseProvider(env);
    const ai = createAi({ ...aiOptions, provider: providerSettings });
    const deps = { store: queries.wizardSessions, workspaceId };
    const personaDefinition = definePersonaDefinitionFlow(ai, deps);
    const provider = describeProvider(providerSettings);
    return {
      ai,
      handle,
      provider,
      appDeps: {
        db: handle.db,
        queries,
        workspaceId,
        provider,
        uiDir,
        bodyLimit: env.BODY_LIMIT,
        flows: { [PERSONA_DEFINITION_FLOW]: { flow: personaDefinition, inputSchema: PersonaDefinitionInputSchema } },
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
