import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { PersonaVersion, SavedPersona, SavePersonaInput } from '../../schemas/persona.js';
import { AppError, notFound, staleVersion } from '../../lib/errors.js';
import type { Database } from '../client.js';
import { personas, personaVersions, type PersonaRow } from '../schema.js';

const toSaved = (row: PersonaRow): SavedPersona => ({
  id: row.id,
  version: row.version,
  data: row.data,
  evidence: row.evidence ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Inserts the persona or appends a new version; the previous version is always kept. Runs inside the caller's transaction when given one. */
export async function savePersona(db: Database, input: SavePersonaInput): Promise<SavedPersona> {
  const { workspaceId, id, data, source, expectedVersion } = input;
  const [existing] = await db.select({ version: personas.version, workspaceId: personas.workspaceId }).from(personas).where(eq(personas.id, id));
  let row: PersonaRow | undefined;
  if (!existing) {
    if (expectedVersion !== undefined) throw notFound('Persona');
    [row] = await db
      .insert(personas)
      .values({ id, workspaceId, version: 1, personName: data.personName, data, evidence: input.evidence ?? null, sourceSessionId: input.sourceSessionId })
      .returning();
  } else {
    if (existing.workspaceId !== workspaceId) throw notFound('Persona');
    const versionClause = expectedVersion === undefined ? sql`true` : eq(personas.version, expectedVersion);
    [row] = await db
      .update(personas)
      .set({ version: sql`${personas.version} + 1`, personName: data.personName, data, evidence: input.evidence ?? null, updatedAt: new Date() })
      .where(and(eq(personas.id, id), eq(personas.workspaceId, workspaceId), versionClause))
      .returning();
    if (!row) throw staleVersion(expectedVersion ?? 0, existing.version);
  }
  if (!row) throw new AppError('invalid', 'Persona could not be saved');
  await db.insert(personaVersions).values({ workspaceId, personaId: id, version: row.version, data, evidence: input.evidence ?? null, source });
  return toSaved(row);
}

export function personaQueries(db: Database) {
  return {
    async list({ workspaceId }: { workspaceId: string }): Promise<SavedPersona[]> {
      const rows = await db.select().from(personas).where(eq(personas.workspaceId, workspaceId)).orderBy(desc(personas.updatedAt));
      return rows.map(toSaved);
    },

    async get({ workspaceId, id }: { workspaceId: string; id: string }): Promise<SavedPersona> {
      const [row] = await db
        .select()
        .from(personas)
        .where(and(eq(personas.id, id), eq(personas.workspaceId, workspaceId)));
      if (!row) throw notFound('Persona');
      return toSaved(row);
    },

    async versions({ workspaceId, id }: { workspaceId: string; id: string }): Promise<PersonaVersion[]> {
      const rows = await db
        .select()
        .from(personaVersions)
        .where(and(eq(personaVersions.personaId, id), eq(personaVersions.workspaceId, workspaceId)))
        .orderBy(asc(personaVersions.version));
      return rows.map((r) => ({ version: r.version, data: r.data, source: r.source, createdAt: r.createdAt.toISOString() }));
    },

    save: (input: SavePersonaInput) => db.transaction((tx) => savePersona(tx as unknown as Database, input)),

    async delete({ workspaceId, id }: { workspaceId: string; id: string }): Promise<void> {
      const rows = await db
        .delete(personas)
        .where(and(eq(personas.id, id), eq(personas.workspaceId, workspaceId)))
        .returning({ id: personas.id });
      if (rows.length === 0) throw notFound('Persona');
    },
  };
}
