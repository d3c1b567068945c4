import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { MappingRules } from '../../schemas/persona-analytics.js';
import type { SurveyOptions } from '../../schemas/survey-link.js';
import type { Database } from '../client.js';
import { personaRules, personas, surveyLinks } from '../schema.js';

/** A stored link: the token is the whole secret of the public page, so only owners' routes return it. */
export type StoredSurveyLink = { token: string; open: boolean; createdAt: Date; updatedAt: Date };

// 32 random bytes: as unguessable as a session secret, and URL-safe as it stands.
const newToken = () => randomBytes(32).toString('base64url');

const OPTION_LISTS = ['locations', 'occupations', 'genders', 'goals', 'frustrations'] as const satisfies ReadonlyArray<
  keyof SurveyOptions & keyof MappingRules
>;

/** The values of every persona's rules, one list per attribute, each value once (case ignored, the first spelling kept). */
export function optionsFromRules(all: MappingRules[]): SurveyOptions {
  const options: SurveyOptions = { locations: [], occupations: [], genders: [], goals: [], frustrations: [] };
  for (const list of OPTION_LISTS) {
    const seen = new Set<string>();
    for (const rules of all) {
      for (const value of rules[list] ?? []) {
        const shown = value.trim();
        const key = shown.toLowerCase();
        if (!shown || seen.has(key)) continue;
        seen.add(key);
        options[list].push(shown);
      }
    }
  }
  return options;
}

/** One survey link per workspace (table survey_links). */
export function surveyLinkQueries(db: Database) {
  return {
    async get({ workspaceId }: { workspaceId: string }): Promise<StoredSurveyLink | null> {
      const [row] = await db.select().from(surveyLinks).where(eq(surveyLinks.workspaceId, workspaceId));
      return row ? { token: row.token, open: row.open, createdAt: row.createdAt, updatedAt: row.updatedAt } : null;
    },

    /** Makes the workspace's link, or gives the existing one a new token (the old address stops working; open or closed stays as it was). */
    async create({ workspaceId }: { workspaceId: string }): Promise<StoredSurveyLink> {
      const token = newToken();
      const [row] = await db
        .insert(surveyLinks)
        .values({ workspaceId, token })
        .onConflictDoUpdate({ target: surveyLinks.workspaceId, set: { token, createdAt: sql`now()`, updatedAt: sql`now()` } })
        .returning();
      return { token: row!.token, open: row!.open, createdAt: row!.createdAt, updatedAt: row!.updatedAt };
    },

    /** Closes or reopens the link; null when the workspace has none. */
    async setOpen({ workspaceId, open }: { workspaceId: string; open: boolean }): Promise<StoredSurveyLink | null> {
      const [row] = await db.update(surveyLinks).set({ open, updatedAt: new Date() }).where(eq(surveyLinks.workspaceId, workspaceId)).returning();
      return row ? { token: row.token, open: row.open, createdAt: row.createdAt, updatedAt: row.updatedAt } : null;
    },

    /** The public page's lookup: which workspace a token belongs to, and whether it takes answers. */
    async byToken({ token }: { token: string }): Promise<{ workspaceId: string; open: boolean } | null> {
      const [row] = await db.select({ workspaceId: surveyLinks.workspaceId, open: surveyLinks.open }).from(surveyLinks).where(eq(surveyLinks.token, token));
      return row ?? null;
    },

    /** The survey's choices: the values written in the workspace's personas' rules, oldest persona first. */
    async surveyOptions({ workspaceId }: { workspaceId: string }): Promise<SurveyOptions> {
      const rows = await db
        .select({ rules: personaRules.rules })
        .from(personaRules)
        .innerJoin(personas, eq(personas.id, personaRules.personaId))
        .where(eq(personaRules.workspaceId, workspaceId))
        .orderBy(asc(personas.createdAt), asc(personas.id));
      return optionsFromRules(rows.map((r) => r.rules));
    },
  };
}
